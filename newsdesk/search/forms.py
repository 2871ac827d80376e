"""The search page's parameters: ?q=, ?section=<slug>, ?from= and ?to= (YYYY-MM-DD)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from newsdesk.articles.models import SectionPage

DATE_HELP = "Dates look like 2024-05-31."
# Outside these, the start or end of the day may not exist as a datetime in the time zone.
EARLIEST, LATEST = date(1000, 1, 1), date(9998, 12, 31)


def date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
        error_messages={"invalid": DATE_HELP},
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class SearchForm(forms.Form):
    """Parameters are all optional, and an invalid one only drops its own filter."""

    q = forms.CharField(label="Search for", required=False, strip=False)
    section = forms.ModelChoiceField(
        label="Section",
        queryset=SectionPage.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
        error_messages={"invalid_choice": "There is no section “%(value)s”."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        section = self.fields["section"]
        assert isinstance(section, forms.ModelChoiceField)  # declared above
        section.queryset = SectionPage.objects.published().order_by("title")
        self.sections = section.queryset  # the field's copy, for the template
        # "from" is a keyword in Python, so these two are added here.
        self.fields["from"] = date_field("From")
        self.fields["to"] = date_field("To")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            data["from"], data["to"] = end, start
        return data

    def value_of(self, name: str) -> str:
        """What the reader sent for a field, to show back in the form."""
        value = self.data.get(name, "") if self.is_bound else ""
        return "".join(c for c in str(value) if c.isprintable())[:100]
