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

from newsdesk.articles.models import ArticlePage, SectionPage

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
    if window == "today":
        return DailyPageViews.objects.filter(day=today), "views"
    if window == "all":
        return PageViewTotal.objects.all(), "views"
    assert isinstance(window, int)
    if not RollingWindow.objects.filter(days=window, last_day=today).exists():
        try:
            with transaction.atomic():  # no flush moved the windows to today yet
                windows.locked_windows(today)
        except DatabaseError:
            # A read-only database (a replica, SQLite in a read-only folder): the window's
            # daily rows summed, slower but still right.
            first = today - datetime.timedelta(days=window - 1)
            days = DailyPageViews.objects.filter(day__gte=first, day__lte=today)
            return days.values("page_id").annotate(in_window=Sum("views")), "in_window"
    return RollingViews.objects.filter(days=window), "views"


def top_articles(
    window: Window,
    section: SectionPage | None = None,
    limit: int = 5,
    today: datetime.date | None = None,
) -> list[Ranked]:
    """The `limit` most read published articles over `window`, within `section` if given
    (as main or further section), most read first, ties to the newer one."""
    check_window(window)
    today = today or timezone.localdate()
    rows, views = _views_rows(window, today)
    rows = rows.filter(**{f"{views}__gt": 0}, page__live=True)
    rows = rows.filter(page__articlepage__isnull=False)
    if section is not None:
        further = ArticlePage.further_sections.through.objects.filter(sectionpage=section)
        rows = rows.filter(
            Q(page__path__startswith=section.path, page__depth=section.depth + 1)
            | Q(page_id__in=further.values("articlepage_id"))
        )
    rows = rows.order_by(f"-{views}", "-page__articlepage__publication_date", "-page_id")
    return _public_only(rows.values_list("page_id", views), limit)


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
