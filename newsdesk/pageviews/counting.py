"""Counting views of a page and reading the counts back.

Under `newsdesk serve` views are counted in a buffer shared by the server's processes (a
table in shared memory, or Redis when REDIS_URL is set) and written to the database in
batches every NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL seconds; elsewhere each view is one atomic
upsert per table. Either way the counts returned include the view just counted, each view
gets its own count, and counts never go backwards. See docs/view-counting.md.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from . import buffering, store
from .filters import is_countable


@dataclass(frozen=True)
class ViewCounts:
    total: int
    today: int


def record_view(page_id: int) -> ViewCounts:
    """Count one view now and return the counts including it."""
    buffer = buffering.current()
    if buffer is None:
        return ViewCounts(*store.increment(page_id, timezone.localdate()))
    return ViewCounts(*buffer.record(page_id, buffering.today()))


def read_counts(page_id: int | None) -> ViewCounts:
    """The current counts, without counting."""
    if page_id is None:
        return ViewCounts(0, 0)
    return read_counts_many([page_id])[page_id]


def read_counts_many(page_ids: Iterable[int]) -> dict[int, ViewCounts]:
    """`read_counts` for every id, in two queries at most; ids without views count (0, 0)."""
    ids = list(dict.fromkeys(page_ids))
    if not ids:
        return {}
    buffer = buffering.current()
    if buffer is None:
        found = store.read_many(ids, timezone.localdate())
    else:
        # The buffer's counts include views not yet written; the database fills the gaps.
        day = buffering.today()
        found = buffer.read_many(ids, day)
        gaps = [pk for pk, counts in found.items() if None in counts]
        for pk, stored in store.read_many(gaps, day).items():
            found[pk] = tuple(
                stored_count if live is None else live
                for live, stored_count in zip(found[pk], stored, strict=True)
            )
    return {pk: ViewCounts(*found[pk]) for pk in ids}


def counts_for_request(request, page) -> ViewCounts:
    """Count the view if the request is a countable one; either way return the counts."""
    if page.pk is not None and page.live and is_countable(request):
        return record_view(page.pk)
    return read_counts(page.pk)
