"""The "Most read" report (/admin/reports/most-read/) and one article's views day by day
(/admin/reports/most-read/<id>/), as Wagtail report views: filters, pagination and its CSV
and XLSX export.

Where the numbers come from: views in the period from the daily rows (or the rolling windows
that mirror them), which the server writes every NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL seconds;
"all time" and "today" through the same read as the public counter line (counting.py), so
an article's row says what its page says.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from newsdesk.articles.listings import attach_sections
from newsdesk.articles.models import ArticlePage
from newsdesk.comments.models import Comment

from .. import counting, rankings
from ..models import DailyPageViews
from .chart import DayViews, views_chart
from .periods import MostReadFilterSet, Period

PERMISSIONS = ["add", "change", "publish"]


def may_see_reports(user: Any) -> bool:
    return bool(policy_registry.get_by_type(Page).user_has_any_permission(user, PERMISSIONS))


def article_report_url(page_id: int) -> str:
    return reverse("pageviews_reports:article", args=[page_id])


@dataclass
class ReportRow:
    article: ArticlePage
    views_in_period: int
    views_all_time: int
    comments: int

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def section(self) -> str:
        section = self.article.section
        return section.title if section is not None else ""

    @property
    def published(self) -> datetime.datetime | None:
        return self.article.publication_date

    @property
    def report_url(self) -> str:
        return article_report_url(self.article.pk)


class ReportPermissions(PermissionCheckedMixin):
    any_permission_required = PERMISSIONS

    @cached_property
    def permission_policy(self) -> Any:
        return policy_registry.get_by_type(Page)


class MostReadReportView(ReportPermissions, ReportView):
    page_title = "Most read"
    header_icon = "view"
    filterset_class = MostReadFilterSet
    index_url_name = "pageviews_reports:most_read"
    index_results_url_name = "pageviews_reports:most_read_results"
    export_filename = "most-read"
    paginate_by = 50
    columns = [
        TitleColumn("title", label="Headline", get_url=lambda row: row.report_url),
        Column("section", label="Section"),
        DateColumn("published", label="Published"),
        NumberColumn("views_in_period", label="Views in period"),
        NumberColumn("views_all_time", label="Views, all time"),
        NumberColumn("comments", label="Comments"),
    ]
    list_export = ["title", "section", "published", "views_in_period", "views_all_time", "comments"]
    export_headings = {
        "title": "Headline",
        "section": "Section",
        "published": "Published",
        "views_in_period": "Views in period",
        "views_all_time": "Views, all time",
        "comments": "Comments",
    }

    @cached_property
    def period(self) -> Period | None:
        """The chosen period; None while the filters hold an error (shown next to its field)."""
        if self.filters is None or not self.filters.is_valid():
            return None
        return self.filters.period_chosen(timezone.localdate())

    @cached_property
    def no_results_message(self) -> str:
        if self.period is None and self.filters is not None:
            # Said here too: the filters (with the message at the field) may be folded away.
            errors = [e for field in self.filters.form.errors.values() for e in field]
            return "No report for this period: " + " ".join(errors)
        return "No article was read in this period."

    def get_page_subtitle(self) -> str:
        return self.period.label if self.period else ""

    def get_queryset(self) -> QuerySet | list:
        if self.period is None:
            return []
        data = self.filters.form.cleaned_data
        rows, views = rankings.days_rows(self.period.first, self.period.last, timezone.localdate())
        return rankings.ranked_rows(
            rows, views, section=data.get("section"), author=data.get("author"), live_only=False
        )

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple:
        # The table is built from the page's rows: decorate them before it is.
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = self.decorate_paginated_queryset(object_list)
        return paginator, page, page.object_list, is_paginated

    def decorate_paginated_queryset(self, object_list: Any) -> list[ReportRow]:
        """(page id, views) rows as report rows (a page of them, or all for an export)."""
        ranked = list(object_list)
        if ranked and isinstance(ranked[0], ReportRow):
            return ranked  # decorated by paginate_queryset already
        ids = [page_id for page_id, _ in ranked]
        articles = ArticlePage.objects.filter(pk__in=ids).defer("body").in_bulk()
        attach_sections(articles.values())
        counts = counting.read_counts_many(ids)
        comments = Comment.objects.approved_counts(ids)
        return [
            ReportRow(articles[page_id], views, counts[page_id].total, comments.get(page_id, 0))
            for page_id, views in ranked
            if page_id in articles
        ]


class ArticleViewsView(ReportPermissions, WagtailAdminTemplateMixin, TemplateView):
    """One article's views per local day since it was published: a chart and a table."""

    template_name = "pageviews/admin/article_views.html"
    header_icon = "view"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.article = get_object_or_404(ArticlePage, pk=kwargs["page_id"])

    def get_page_title(self) -> str:
        return self.article.title

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("pageviews_reports:most_read"), "label": "Most read"},
            {"url": "", "label": self.article.title},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        counts = counting.read_counts(self.article.pk)
        days = self.days(counts.today)
        in_days = sum(day.views for day in days)
        context.update(
            article=self.article,
            days=days,
            newest_first=list(reversed(days)),
            chart=views_chart(days),
            total=counts.total,
            today=counts.today,
            # Views counted before daily rows were kept (a total imported from WordPress).
            before_days=max(0, counts.total - in_days),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.article.pk]),
        )
        return context

    def days(self, views_today: int) -> list[DayViews]:
        """Every local day from publication to today with its views (today's from the same
        read as the counter line). An article older than the site's daily rows (imported)
        starts on the first day they were kept."""
        today = timezone.localdate()
        rows = dict(
            DailyPageViews.objects.filter(page_id=self.article.pk).values_list("day", "views")
        )
        first = min([today, *rows])
        published = self.article.publication_date or self.article.first_published_at
        if published is not None:
            kept_from = DailyPageViews.objects.order_by("day").values_list("day", flat=True)
            first = min(first, max(timezone.localdate(published), kept_from.first() or today))
        rows[today] = views_today
        span = (today - first).days + 1
        days = [first + datetime.timedelta(days=n) for n in range(span)]
        return [DayViews(day, rows.get(day, 0)) for day in days]
