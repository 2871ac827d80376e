"""The period a report covers: today, yesterday, the last 7 or 30 days (today included), or
a custom range of local days, chosen in the report's filters with a clear message next to
the field for a range that cannot be reported on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput

from newsdesk.articles.models import Author, SectionPage

from ..models import DailyPageViews

# The longest custom range, and the earliest start, a report accepts.
LONGEST_RANGE_DAYS = 366
PRESETS = {"today": "Today", "yesterday": "Yesterday", "7": "Last 7 days", "30": "Last 30 days"}
CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    first: datetime.date
    last: datetime.date

    @classmethod
    def preset(cls, name: str, today: datetime.date) -> Period:
        if name == "today":
            return cls(today, today)
        if name == "yesterday":
            yesterday = today - datetime.timedelta(days=1)
            return cls(yesterday, yesterday)
        return cls(today - datetime.timedelta(days=int(name) - 1), today)

    @property
    def label(self) -> str:
        if self.first == self.last:
            return self.first.strftime("%-d %b %Y")
        return f"{self.first:%-d %b %Y} – {self.last:%-d %b %Y}"


def _unfiltered(queryset: QuerySet, name: str, value: object) -> QuerySet:
    return queryset  # the view reads the period itself (Period from cleaned_data)


class PeriodForm(forms.Form):
    """The filters' form: a custom range must be a real one."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period") != CUSTOM:
            return data
        start, end = data.get("start"), data.get("end")
        today = timezone.localdate()
        if start is None and "start" not in self.errors:
            self.add_error("start", "Give the first day of the range.")
        if end is None and "end" not in self.errors:
            self.add_error("end", "Give the last day of the range.")
        if start is None or end is None:
            return data
        if end > today:
            self.add_error("end", f"The range cannot end after today ({today:%-d %b %Y}).")
        elif end < start:
            self.add_error("end", "The last day comes before the first day.")
        elif (end - start).days + 1 > LONGEST_RANGE_DAYS:
            self.add_error("end", f"A range covers at most {LONGEST_RANGE_DAYS} days.")
        else:
            earliest = DailyPageViews.objects.order_by("day").values_list("day", flat=True).first()
            if earliest is not None and end < earliest:
                self.add_error(
                    "end",
                    f"Views are kept from {earliest:%-d %b %Y}: the range ends before that.",
                )
        return data


class MostReadFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label="Period",
        choices=[*PRESETS.items(), (CUSTOM, "Custom range")],
        empty_label=None,
        method=_unfiltered,
    )
    start = django_filters.DateFilter(label="From", widget=AdminDateInput, method=_unfiltered)
    end = django_filters.DateFilter(label="To", widget=AdminDateInput, method=_unfiltered)
    section = django_filters.ModelChoiceFilter(
        label="Section",
        queryset=lambda request: SectionPage.objects.order_by("title"),
        method=_unfiltered,
    )
    author = django_filters.ModelChoiceFilter(
        label="Author", queryset=lambda request: Author.objects.order_by("name"), method=_unfiltered
    )

    class Meta:
        model = DailyPageViews
        fields: list[str] = []
        form = PeriodForm

    def period_chosen(self, today: datetime.date) -> Period:
        """The period of valid filters (the last 7 days when none is chosen)."""
        data = self.form.cleaned_data
        name = data.get("period") or "7"
        if name == CUSTOM:
            return Period(data["start"], data["end"])
        return Period.preset(name, today)
