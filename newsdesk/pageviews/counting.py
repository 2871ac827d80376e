"""Counting views of a page and reading the counts back.

Every increment is one atomic upsert statement per table (`INSERT … ON CONFLICT DO UPDATE
SET views = views + 1 RETURNING views`), so concurrent requests never lose an update and the
counts returned include the view being recorded. Works on SQLite ≥ 3.35 and PostgreSQL.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from .filters import is_countable
from .models import DailyPageViews, PageViewTotal


@dataclass(frozen=True)
class ViewCounts:
    total: int
    today: int


def _increment_total(cursor, page_id: int) -> int:
    table = connection.ops.quote_name(PageViewTotal._meta.db_table)
    cursor.execute(
        f"INSERT INTO {table} (page_id, views) VALUES (%s, 1) "
        f"ON CONFLICT (page_id) DO UPDATE SET views = {table}.views + 1 RETURNING views",
        [page_id],
    )
    return cursor.fetchone()[0]


def _increment_day(cursor, page_id: int, day) -> int:
    table = connection.ops.quote_name(DailyPageViews._meta.db_table)
    cursor.execute(
        f"INSERT INTO {table} (page_id, day, views) VALUES (%s, %s, 1) "
        f"ON CONFLICT (page_id, day) DO UPDATE SET views = {table}.views + 1 RETURNING views",
        [page_id, connection.ops.adapt_datefield_value(day)],
    )
    return cursor.fetchone()[0]


def record_view(page_id: int) -> ViewCounts:
    """Count one view now and return the counts including it."""
    day = timezone.localdate()
    with transaction.atomic(), connection.cursor() as cursor:
        total = _increment_total(cursor, page_id)
        today = _increment_day(cursor, page_id, day)
    return ViewCounts(total=total, today=today)


def read_counts(page_id: int | None) -> ViewCounts:
    """The current counts, without counting."""
    if page_id is None:
        return ViewCounts(0, 0)
    total = PageViewTotal.objects.filter(page_id=page_id).values_list("views", flat=True).first()
    today = (
        DailyPageViews.objects.filter(page_id=page_id, day=timezone.localdate())
        .values_list("views", flat=True)
        .first()
    )
    return ViewCounts(total=total or 0, today=today or 0)


def read_counts_many(page_ids: Iterable[int]) -> dict[int, ViewCounts]:
    """`read_counts` for every id, in two queries; ids without views count (0, 0)."""
    ids = list(dict.fromkeys(page_ids))
    if not ids:
        return {}
    totals = dict(PageViewTotal.objects.filter(page_id__in=ids).values_list("page_id", "views"))
    today = dict(
        DailyPageViews.objects.filter(page_id__in=ids, day=timezone.localdate()).values_list(
            "page_id", "views"
        )
    )
    return {pk: ViewCounts(total=totals.get(pk, 0), today=today.get(pk, 0)) for pk in ids}


def counts_for_request(request, page) -> ViewCounts:
    """Count the view if the request is a countable one; either way return the counts."""
    if page.pk is not None and page.live and is_countable(request):
        return record_view(page.pk)
    return read_counts(page.pk)
