"""The database side of counting: the durable totals and daily rows.

Two ways in: `increment` counts one view with one atomic upsert per table (the direct mode,
used where no buffer runs), and `add_views` writes a whole batch of buffered deltas in one
transaction with multi-row upserts (what the flushers call). Both work on SQLite ≥ 3.35
and PostgreSQL.
"""

import datetime
from collections.abc import Iterable

from django.db import connection, models, transaction
from django.utils import timezone
from wagtail.models import Page

from . import windows
from .models import DailyPageViews, PageViewTotal, SiteViews

# Rows per INSERT statement: well below SQLite's limit of bound parameters.
CHUNK = 300


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def increment(page_id: int, day: datetime.date) -> tuple[int, int]:
    """Count one view now; return (total, today) including it."""
    total_table, day_table = _table(PageViewTotal), _table(DailyPageViews)
    with transaction.atomic(), connection.cursor() as cursor:
        locked = windows.locked_windows(day)
        cursor.execute(
            f"INSERT INTO {total_table} (page_id, views) VALUES (%s, 1) ON CONFLICT (page_id) "
            f"DO UPDATE SET views = {total_table}.views + 1 RETURNING views",
            [page_id],
        )
        total = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO {day_table} (page_id, day, views) VALUES (%s, %s, 1) "
            f"ON CONFLICT (page_id, day) DO UPDATE SET views = {day_table}.views + 1 "
            "RETURNING views",
            [page_id, connection.ops.adapt_datefield_value(day)],
        )
        today = cursor.fetchone()[0]
        windows.add(locked, [(page_id, day, 1)])
        _add_site_views({day: 1})
    return total, today


def read(page_id: int, day: datetime.date) -> tuple[int, int]:
    """(total, views on `day`) as stored; (0, 0) for a page never counted."""
    return read_many([page_id], day)[page_id]


def read_many(page_ids: Iterable[int], day: datetime.date) -> dict[int, tuple[int, int]]:
    ids = list(dict.fromkeys(page_ids))
    if not ids:
        return {}
    totals = dict(PageViewTotal.objects.filter(page_id__in=ids).values_list("page_id", "views"))
    today = dict(
        DailyPageViews.objects.filter(page_id__in=ids, day=day).values_list("page_id", "views")
    )
    return {pk: (totals.get(pk, 0), today.get(pk, 0)) for pk in ids}


def add_views(deltas: Iterable[tuple[int, datetime.date | None, int]]) -> None:
    """Add buffered views in one transaction: (page id, day or None for the all-time total,
    views). Views of pages deleted meanwhile are dropped (their rows went with the page)."""
    totals: dict[int, int] = {}
    days: dict[tuple[int, datetime.date], int] = {}
    for page_id, day, views in deltas:
        if day is None:
            totals[page_id] = totals.get(page_id, 0) + views
        else:
            days[page_id, day] = days.get((page_id, day), 0) + views
    ids = set(totals) | {page_id for page_id, _ in days}
    if not ids:
        return
    with transaction.atomic():
        # First, so that one flush at a time moves the windows (and a rebuild of one does
        # not already count this flush's views).
        locked = windows.locked_windows() if days else []
        existing = set(Page.objects.filter(pk__in=ids).values_list("pk", flat=True))
        total_rows = [(pk, views) for pk, views in totals.items() if pk in existing]
        day_rows = [
            (pk, connection.ops.adapt_datefield_value(day), views)
            for (pk, day), views in days.items()
            if pk in existing
        ]
        _upsert(PageViewTotal, ["page_id", "views"], ["page_id"], total_rows)
        _upsert(DailyPageViews, ["page_id", "day", "views"], ["page_id", "day"], day_rows)
        windows.add(locked, ((pk, d, v) for (pk, d), v in days.items() if pk in existing))
        by_day: dict[datetime.date, int] = {}
        for (pk, day), views in days.items():
            if pk in existing:
                by_day[day] = by_day.get(day, 0) + views
        _add_site_views(by_day)


def raise_totals(totals: dict[int, int]) -> dict[int, int]:
    """Raise each page's all-time total to at least the number given; returns by how many
    views each one was raised (pages already at or above are left alone)."""
    with transaction.atomic():
        rows = PageViewTotal.objects.select_for_update().filter(page_id__in=list(totals))
        current = dict(rows.values_list("page_id", "views"))
        raised = {
            pk: views - current.get(pk, 0)
            for pk, views in totals.items()
            if views > current.get(pk, 0)
        }
        add_views((pk, None, views) for pk, views in raised.items())
    return raised


SLOT_MINUTES = 15
LAST_SLOT = 24 * 60 // SLOT_MINUTES - 1


def slot_of(moment: datetime.datetime) -> int:
    """The quarter hour of the local day that `moment` (aware) falls in."""
    local = timezone.localtime(moment)
    return (local.hour * 60 + local.minute) // SLOT_MINUTES


def _add_site_views(by_day: dict[datetime.date, int]) -> None:
    """Add views to the site's quarter-hour rows: today's in the slot of now (a flush runs
    every second or so), an earlier day's (views that came in late) in its last slot."""
    now = timezone.now()
    today = timezone.localdate(now)
    rows = [
        (
            connection.ops.adapt_datefield_value(day),
            slot_of(now) if day == today else LAST_SLOT,
            views,
        )
        for day, views in by_day.items()
        if day <= today and views
    ]
    _upsert(SiteViews, ["day", "slot", "views"], ["day", "slot"], rows)


def _upsert(
    model: type[models.Model], columns: list[str], key: list[str], rows: list[tuple]
) -> None:
    table = _table(model)
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES {', '.join([row_sql] * len(chunk))} "
                f"ON CONFLICT ({', '.join(key)}) "
                f"DO UPDATE SET views = {table}.views + excluded.views",
                [value for row in chunk for value in row],
            )
