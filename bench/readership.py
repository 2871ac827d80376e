"""A year of counted views for the benchmark database, shaped like a news site's readership.

The daily rows (page, local day, views) are the source of truth, so they are written first,
in bulk; the all-time totals are their sums and the rolling windows are built by windows.py
itself, as a site that had counted that year would hold them. Per day (seeded by the day's
distance from the build day, so a build is the same on every run of the same moment):

- every article published in the last FRESH_DAYS days: a peak drawn once per article
  (log-normal: most stories a few hundred views, a few several thousand) on its first day,
  then decaying by DECAY a day;
- the evergreen articles (one in EVERGREEN_EVERY), read on about half the days, a few views;
- a long tail of TAIL_PER_DAY older articles picked at random, one to three views each.

At 100,000 articles that is about 2,800 distinct articles a day and about a million rows.
"""

from __future__ import annotations

import bisect
import datetime
import random
import time

from django.db import connection, transaction
from django.utils import timezone

from newsdesk.pageviews import windows
from newsdesk.pageviews.models import DailyPageViews, PageViewTotal

DAYS = 365
FRESH_DAYS = 10
DECAY = 0.45
PEAK_MEDIAN = 300  # views of a fresh article on its first day, median
EVERGREEN_EVERY = 97
TAIL_PER_DAY = 2000
ROWS_PER_STATEMENT = 500


def day_rows(plan, day: datetime.date, published: list[int], days_ago: int) -> dict[int, int]:
    """{article number: views} on `day`. `published`: each article's local publication day
    as an ordinal, in article order (ascending)."""
    rng = random.Random(7_000_000 + days_ago)
    ordinal = day.toordinal()
    last = bisect.bisect_right(published, ordinal)  # articles 1…last are out by `day`
    first_fresh = bisect.bisect_left(published, ordinal - FRESH_DAYS + 1)
    views: dict[int, int] = {}
    for number in range(first_fresh + 1, last + 1):
        age = ordinal - published[number - 1]
        count = int(_peak(number) * DECAY**age)
        if count:
            views[number] = count
    for number in range(EVERGREEN_EVERY, first_fresh + 1, EVERGREEN_EVERY):
        if rng.random() < 0.5:
            views[number] = views.get(number, 0) + rng.randint(1, 12)
    if first_fresh:
        for _ in range(min(TAIL_PER_DAY, plan.articles // 50 + 1)):
            number = rng.randint(1, first_fresh)
            views[number] = views.get(number, 0) + rng.randint(1, 3)
    return views


def _peak(number: int) -> float:
    return random.Random(number * 31 + 5).lognormvariate(0, 1.1) * PEAK_MEDIAN


def write(plan, log=print) -> int:
    """Write DAYS days of daily rows ending today, the totals and the rolling windows;
    return the number of daily rows."""
    started = time.monotonic()
    today = timezone.localdate()
    published = [
        timezone.localdate(plan.date_of(n)).toordinal() for n in range(1, plan.articles + 1)
    ]
    table = connection.ops.quote_name(DailyPageViews._meta.db_table)
    written = 0
    pending: list = []
    for days_ago in range(DAYS - 1, -1, -1):
        day = today - datetime.timedelta(days=days_ago)
        value = connection.ops.adapt_datefield_value(day)
        rows = day_rows(plan, day, published, days_ago)
        pending += [(plan.page_id(n), value, views) for n, views in sorted(rows.items())]
        if len(pending) >= 50_000 or days_ago == 0:
            _insert(table, pending)
            written += len(pending)
            pending = []
            log(f"  daily views {written:>9,} rows, to {day}")
    _totals_and_windows(today)
    log(
        f"  views: {written:,} daily rows, totals and windows in {time.monotonic() - started:.1f} s"
    )
    return written


def _insert(table: str, rows: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            cursor.execute(
                f"INSERT INTO {table} (page_id, day, views) "
                f"VALUES {', '.join(['(%s, %s, %s)'] * len(chunk))}",
                [value for row in chunk for value in row],
            )


def _totals_and_windows(today: datetime.date) -> None:
    """Totals are the sums of the daily rows (the year is all the site ever counted); the
    windows are built by windows.py's own rebuild (the state every flush keeps)."""
    totals = connection.ops.quote_name(PageViewTotal._meta.db_table)
    daily = connection.ops.quote_name(DailyPageViews._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {totals} (page_id, views) "
            f"SELECT page_id, SUM(views) FROM {daily} GROUP BY page_id"
        )
        windows.locked_windows(today)
