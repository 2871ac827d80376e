"""Rolling windows of counted views (RollingViews): each page's views over the last N local
days, kept up to date by every flush, so that "Most read this week" reads the top of an index
instead of summing the daily rows of every article read that week.

A window of N days ending on `last_day` holds, per page, the sum of its daily rows for the
days `last_day - N + 1` … `last_day`. Two moves keep that true:

- `add()` (in the flush's transaction, which locked the windows first): views of a day
  inside the window are added to it;
  views of a day that has already left it are not (the daily row still gets them);
- `advance()`: when the local day changes, the daily rows of each day that leaves the window
  are subtracted from it, and `last_day` moves on. A window more than N days behind (a
  server stopped for a week), or new (a setting changed), is rebuilt from the daily rows.

Both happen with the window rows locked (SELECT … FOR UPDATE; SQLite has one writer at a
time), so two processes never add or subtract the same views twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from .models import DailyPageViews, RollingViews, RollingWindow

# The windows every site keeps: the editors' reports offer 7 and 30 days.
STANDARD_DAYS = (7, 30)
NEVER = datetime.date(1, 1, 1)  # the last day of a window not built yet


def window_days() -> list[int]:
    days = set(STANDARD_DAYS)
    if isinstance(settings.NEWSDESK_MOST_READ_WINDOW, int):
        days.add(settings.NEWSDESK_MOST_READ_WINDOW)
    return sorted(days)


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _date(day: datetime.date) -> Any:
    return connection.ops.adapt_datefield_value(day)


def locked_windows(today: datetime.date | None = None) -> list[RollingWindow]:
    """Every window, locked for the rest of the transaction and moved forward to `today`
    (the caller holds a transaction)."""
    today = today or timezone.localdate()
    days = window_days()
    RollingWindow.objects.bulk_create(
        [RollingWindow(days=n, last_day=NEVER) for n in days], ignore_conflicts=True
    )
    windows = list(RollingWindow.objects.select_for_update().filter(days__in=days).order_by("days"))
    for window in windows:
        if window.last_day < today:
            advance(window, today)
    return windows


def advance(window: RollingWindow, today: datetime.date) -> None:
    """Move the window to end on `today`: subtract the days that leave it, or rebuild it."""
    if (today - window.last_day).days >= window.days:
        _rebuild(window, today)
    else:
        rolling, daily = _table(RollingViews), _table(DailyPageViews)
        leaving_from = window.last_day - datetime.timedelta(days=window.days - 1)
        leaving_to = today - datetime.timedelta(days=window.days)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {rolling} SET views = {rolling}.views - gone.views "
                f"FROM (SELECT page_id, SUM(views) AS views FROM {daily} "
                "WHERE day >= %s AND day <= %s GROUP BY page_id) AS gone "
                f"WHERE {rolling}.days = %s AND {rolling}.page_id = gone.page_id",
                [_date(leaving_from), _date(leaving_to), window.days],
            )
        RollingViews.objects.filter(days=window.days, views__lte=0).delete()
    window.last_day = today
    window.save(update_fields=["last_day"])


def _rebuild(window: RollingWindow, today: datetime.date) -> None:
    RollingViews.objects.filter(days=window.days).delete()
    first = today - datetime.timedelta(days=window.days - 1)
    rolling, daily = _table(RollingViews), _table(DailyPageViews)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {rolling} (days, page_id, views) "
            f"SELECT %s, page_id, SUM(views) FROM {daily} WHERE day >= %s AND day <= %s "
            "GROUP BY page_id",
            [window.days, _date(first), _date(today)],
        )


def add(locked: list[RollingWindow], day_views: Iterable[tuple[int, datetime.date, int]]) -> None:
    """Add a flush's daily views (page id, local day, views) to every window whose days they
    fall in. `locked`: the windows from locked_windows(), taken in the same transaction
    before the flush wrote its daily rows (so that a rebuild did not count them already)."""
    day_views = list(day_views)
    for window in locked:
        first = window.last_day - datetime.timedelta(days=window.days - 1)
        inside: dict[int, int] = {}
        for page_id, day, views in day_views:
            if first <= day <= window.last_day:
                inside[page_id] = inside.get(page_id, 0) + views
        _upsert(window.days, inside)


def _upsert(days: int, views: dict[int, int]) -> None:
    rolling = _table(RollingViews)
    rows = list(views.items())
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 300):
            chunk = rows[start : start + 300]
            cursor.execute(
                f"INSERT INTO {rolling} (days, page_id, views) "
                f"VALUES {', '.join(['(%s, %s, %s)'] * len(chunk))} "
                "ON CONFLICT (days, page_id) "
                f"DO UPDATE SET views = {rolling}.views + excluded.views",
                [value for page_id, count in chunk for value in (days, page_id, count)],
            )
