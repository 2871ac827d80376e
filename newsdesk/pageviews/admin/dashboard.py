"""The dashboard panel: today's most read articles with their counts, and the site's views
today against yesterday's by the same time of day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Sum
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from newsdesk.articles.models import ArticlePage

from .. import counting, rankings, store
from ..models import SiteViews
from .reports import article_report_url, may_see_reports

TOP = 5


@dataclass(frozen=True)
class PanelEntry:
    title: str
    today: int
    total: int
    report_url: str


def views_today_and_yesterday_by_now(now: datetime.datetime | None = None) -> tuple[int, int]:
    """The site's views today so far, and yesterday's up to the same time of day (to the
    quarter hour, yesterday's current quarter counted pro rata)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    yesterday = today - datetime.timedelta(days=1)
    slot = store.slot_of(now)
    local = timezone.localtime(now)
    into_slot = (local.hour * 60 + local.minute) % store.SLOT_MINUTES + local.second / 60
    today_views = SiteViews.objects.filter(day=today).aggregate(n=Sum("views"))["n"] or 0
    earlier = SiteViews.objects.filter(day=yesterday, slot__lt=slot).aggregate(n=Sum("views"))
    current = SiteViews.objects.filter(day=yesterday, slot=slot).values_list("views", flat=True)
    share = sum(current) * into_slot / store.SLOT_MINUTES
    return today_views, (earlier["n"] or 0) + round(share)


def change_text(today: int, yesterday: int) -> str | None:
    if not yesterday:
        return None
    change = (today - yesterday) * 100 / yesterday
    return f"{change:+.0f}%"


class MostReadPanel(Component):
    name = "most_read_today"
    order = 160  # after the pending comments
    template_name = "pageviews/admin/most_read_panel.html"

    def __init__(self, request: HttpRequest):
        self.request = request

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        ranked = rankings.top_articles("today", limit=TOP)
        ids = [entry.page_id for entry in ranked]
        titles = dict(ArticlePage.objects.filter(pk__in=ids).values_list("pk", "title"))
        counts = counting.read_counts_many(ids)
        entries = [
            PanelEntry(titles[pk], counts[pk].today, counts[pk].total, article_report_url(pk))
            for pk in ids
            if pk in titles
        ]
        today_views, yesterday_views = views_today_and_yesterday_by_now()
        return {
            "entries": entries,
            "today_views": today_views,
            "yesterday_views": yesterday_views,
            "change": change_text(today_views, yesterday_views),
            "report_url": reverse("pageviews_reports:most_read"),
        }

    def render_html(self, parent_context: Any = None) -> str:
        if not may_see_reports(self.request.user):
            return ""
        return super().render_html(parent_context)
