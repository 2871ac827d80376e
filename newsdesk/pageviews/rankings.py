"""Ranking articles by counted views over a window: the reads behind "Most read".

    top_articles(window=7, section=None, limit=5) -> [Ranked(page_id, views), ...]

`window` is a number of local days, today included (a rolling window that windows.py keeps:
7, 30 or NEWSDESK_MOST_READ_WINDOW), "today", or "all". Only published articles count; ties
go to the newer article. Each read walks the top of an index — the rolling window's
(days, views), the day's (day, views), or the totals' (views) — joined to the article row,
and stops after `limit` rows: it never sums the archive's daily rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsdesk.articles.models import ArticlePage, Author, SectionPage

from . import windows
from .models import DailyPageViews, PageViewTotal, RollingViews, RollingWindow

Window = int | str  # days, "today" or "all"
WINDOW_NAMES = ("today", "all")


@dataclass(frozen=True)
class Ranked:
    page_id: int
    views: int


def check_window(window: Window) -> Window:
    if window in WINDOW_NAMES or (isinstance(window, int) and window in windows.window_days()):
        return window
    kept = ", ".join(str(days) for days in windows.window_days())
    raise ValueError(f"A ranking window is a number of days ({kept}), 'today' or 'all'.")


def _views_rows(window: Window, today: datetime.date) -> tuple[QuerySet, str]:
    """The rows to rank and the name of their views column."""
    if window == "all":
        return PageViewTotal.objects.all(), "views"
    if window == "today":
        return days_rows(today, today, today)
    assert isinstance(window, int)
    return days_rows(today - datetime.timedelta(days=window - 1), today, today)


def days_rows(
    first: datetime.date, last: datetime.date, today: datetime.date
) -> tuple[QuerySet, str]:
    """Per-page views over the local days `first`…`last`, from the cheapest source: one
    day's rows, a rolling window kept up to date (a window ending today), else the daily
    rows summed (an editor's custom range)."""
    if first == last:
        return DailyPageViews.objects.filter(day=first), "views"
    days = (last - first).days + 1
    if last == today and days in windows.window_days():
        if RollingWindow.objects.filter(days=days, last_day=today).exists():
            return RollingViews.objects.filter(days=days), "views"
        try:
            with transaction.atomic():  # no flush moved the windows to today yet
                windows.locked_windows(today)
            return RollingViews.objects.filter(days=days), "views"
        except DatabaseError:
            pass  # a read-only database (a replica, SQLite in a read-only folder): summed
    summed = DailyPageViews.objects.filter(day__gte=first, day__lte=last).values("page_id")
    return summed.annotate(in_period=Sum("views")), "in_period"


def ranked_rows(
    rows: QuerySet,
    views: str,
    section: SectionPage | None = None,
    author: Author | None = None,
    live_only: bool = True,
) -> QuerySet:
    """(page id, views) of articles with views in `rows`, most first, ties to the newer
    article; within a section (main or further) or a byline if given."""
    rows = rows.filter(**{f"{views}__gt": 0}, page__articlepage__isnull=False)
    if live_only:
        rows = rows.filter(page__live=True)
    if section is not None:
        further = ArticlePage.further_sections.through.objects.filter(sectionpage=section)
        rows = rows.filter(
            Q(page__path__startswith=section.path, page__depth=section.depth + 1)
            | Q(page_id__in=further.values("articlepage_id"))
        )
    if author is not None:
        byline = ArticlePage.authors.through.objects.filter(author=author)
        rows = rows.filter(page_id__in=byline.values("articlepage_id"))
    rows = rows.order_by(f"-{views}", "-page__articlepage__publication_date", "-page_id")
    return rows.values_list("page_id", views)


def top_articles(
    window: Window,
    section: SectionPage | None = None,
    limit: int = 5,
    today: datetime.date | None = None,
) -> list[Ranked]:
    """The `limit` most read published articles over `window`, within `section` if given
    (as main or further section), most read first, ties to the newer one."""
    check_window(window)
    rows, views = _views_rows(window, today or timezone.localdate())
    return _public_only(ranked_rows(rows, views, section), limit)


def _public_only(rows: QuerySet, limit: int) -> list[Ranked]:
    """The first `limit` rows whose article readers may see: with no view restriction on
    the site (the usual case) that is simply the first `limit`."""
    if not PageViewRestriction.objects.exists():
        return [Ranked(page_id, views) for page_id, views in rows[:limit]]
    ranked: list[Ranked] = []
    start, batch = 0, limit * 4
    while len(ranked) < limit:
        chunk = list(rows[start : start + batch])
        if not chunk:
            break
        visible = set(
            ArticlePage.objects.published()
            .filter(pk__in=[page_id for page_id, _ in chunk])
            .values_list("pk", flat=True)
        )
        ranked += [Ranked(page_id, views) for page_id, views in chunk if page_id in visible]
        start, batch = start + batch, batch * 2
    return ranked[:limit]
