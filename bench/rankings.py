"""The rankings part of a run: what "Most read" costs against the built database, in process.

Each case runs once to warm up (templates compiled, statements prepared), then
`repetitions` times; the median and the maximum are reported in milliseconds:

- `top_articles` for 7 and 30 days, today, all time, and 7 days within one section;
- `most_read.prepare("site")` with its list due (computed_at set to 0 before each): the
  whole refresh a worker does (claim, compute, render);
- the day change: `windows.advance` of the 7- and 30-day windows to tomorrow, each in a
  transaction rolled back, so the database stays as built (on PostgreSQL the table is
  vacuumed before each, untimed).
"""

from __future__ import annotations

import datetime
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

REPETITIONS = 20


@dataclass
class Timing:
    name: str
    median_ms: float
    max_ms: float
    repetitions: int

    def to_dict(self) -> dict:
        return {
            "median_ms": round(self.median_ms, 2),
            "max_ms": round(self.max_ms, 2),
            "repetitions": self.repetitions,
        }


def timed(name: str, run: Callable[[], object], repetitions: int, before=None) -> Timing:
    """Median and max of `repetitions` calls of `run` (after one untimed warm-up); `before`
    runs untimed ahead of every call."""
    seconds = []
    for index in range(repetitions + 1):
        if before is not None:
            before()
        started = time.perf_counter()
        run()
        if index:
            seconds.append(time.perf_counter() - started)
    return Timing(name, statistics.median(seconds) * 1000, max(seconds) * 1000, repetitions)


def measure(repetitions: int = REPETITIONS) -> list[Timing]:
    from newsdesk.articles.models import SectionPage
    from newsdesk.pageviews.rankings import top_articles

    from . import content

    section = SectionPage.objects.get(title=content.SECTIONS[0])
    limit = settings.NEWSDESK_MOST_READ_COUNT + 1  # what a list asks for
    cases: list[tuple[str, Callable[[], object]]] = [
        ("top 7 days", lambda: top_articles(7, limit=limit)),
        ("top 30 days", lambda: top_articles(30, limit=limit)),
        ("top today", lambda: top_articles("today", limit=limit)),
        ("top all time", lambda: top_articles("all", limit=limit)),
        (f"top 7 days, {section.title}", lambda: top_articles(7, section, limit=limit)),
    ]
    timings = [timed(name, run, repetitions) for name, run in cases]
    timings.append(_refresh(repetitions))
    timings += [_day_change(days, repetitions) for days in (7, 30)]
    _vacuum()
    return timings


def _refresh(repetitions: int) -> Timing:
    from newsdesk.pageviews import most_read
    from newsdesk.pageviews.models import MostReadList

    scope, window = most_read.parse_key("site")
    key = f"{scope}:{window}"

    def make_due() -> None:
        MostReadList.objects.filter(key=key).update(computed_at=0)

    def refresh() -> None:
        if not most_read.prepare("site").items:
            raise RuntimeError("The most-read list came out empty: the database has no views.")

    return timed('most_read.prepare("site"), due', refresh, repetitions, before=make_due)


def _day_change(days: int, repetitions: int) -> Timing:
    from newsdesk.pageviews import windows
    from newsdesk.pageviews.models import RollingWindow

    def advance() -> None:
        with transaction.atomic():
            window = RollingWindow.objects.select_for_update().get(days=days)
            windows.advance(window, window.last_day + datetime.timedelta(days=1))
            transaction.set_rollback(True)  # the bench database stays as built

    return timed(f"day change, {days}-day window", advance, repetitions, before=_vacuum)


def _vacuum() -> None:
    """On PostgreSQL a rolled-back UPDATE leaves its rows' old versions behind: vacuumed
    away, as autovacuum would between two day changes, so that each repetition starts from
    the table as built (and the server after the run does too)."""
    from django.db import connection

    from newsdesk.pageviews.models import RollingViews

    # VACUUM cannot run in a transaction: inside a test's transaction there is nothing to
    # clear up anyway (the rows it would reclaim are the test's own).
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(
                f"VACUUM ANALYZE {connection.ops.quote_name(RollingViews._meta.db_table)}"
            )


def table(timings: list[Timing]) -> str:
    width = max(len(t.name) for t in timings)
    header = f"{'rankings'.ljust(width)}  {'median':>9}  {'max':>9}"
    lines = [header, "-" * len(header)]
    for t in timings:
        lines.append(f"{t.name.ljust(width)}  {t.median_ms:>6.2f} ms  {t.max_ms:>6.2f} ms")
    return "\n".join(lines)
