"""Counting views of a page and reading the counts back: the one face of newsdesk.pageviews.

Under `newsdesk serve` views are counted in a backend shared by the server's processes (a
table in shared memory, or Redis when REDIS_URL is set: backends/) and written to the
database in batches every NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL seconds; elsewhere each view is
one atomic upsert per table. Either way the counts returned include the view just counted,
each view gets its own count, and counts never go backwards. See docs/view-counting.md.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page

from newsdesk.outages import outage

from . import backends, server, store
from .days import LocalDay
from .filters import is_countable

_local_day = LocalDay()
_storing_views = outage("The database (counting views)")


@dataclass(frozen=True)
class ViewCounts:
    total: int
    today: int


def _today(backend: backends.ViewBackend) -> datetime.date:
    # The buffering backends sit on the hot path: a cached day boundary instead of a
    # time-zone conversion per view.
    return timezone.localdate() if backend.name == "database" else _local_day.today()


def record_view(page_id: int) -> ViewCounts:
    """Count one view now and return the counts including it. A database that takes no
    write (read-only, full) costs the view, never the page: the reader sees the stored
    counts plus their own view, and the log says once that views cannot be stored."""
    backend = backends.current()
    try:
        counts = ViewCounts(*backend.record(page_id, _today(backend)))
    except DatabaseError as error:
        _storing_views.failed(error)
        stored = read_counts(page_id)
        return ViewCounts(stored.total + 1, stored.today + 1)
    _storing_views.succeeded()
    return counts


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
    backend = backends.current()
    day = _today(backend)
    live = backend.read_many(ids, day)
    # A buffer's counts include views not yet written; the database fills the gaps.
    gaps = [pk for pk, counts in live.items() if None in counts]
    stored = store.read_many(gaps, day)
    counts = {}
    for pk in ids:
        total, today = live[pk]
        stored_total, stored_today = stored.get(pk, (0, 0))
        counts[pk] = ViewCounts(
            stored_total if total is None else total, stored_today if today is None else today
        )
    return counts


def read_stored_counts_many(page_ids: Iterable[int]) -> dict[int, ViewCounts]:
    """The counts written to the database, which rankings order by: without the views a
    buffer holds that the next flush writes, so up to a flush interval behind
    `read_counts_many`."""
    stored = store.read_many(page_ids, timezone.localdate())
    return {pk: ViewCounts(total, today) for pk, (total, today) in stored.items()}


# Where a request keeps the counts of the view it counted: {page id: ViewCounts}.
_COUNTED = "_newsdesk_counted_views"


def count_served_view(request: HttpRequest, page: Page) -> None:
    """Count a reader's view of a page being served (wagtail_hooks.py), and keep the counts
    on the request for the counter line that shows them."""
    if page.pk is not None and page.live and is_countable(request):
        counted = request.__dict__.setdefault(_COUNTED, {})
        counted[page.pk] = record_view(page.pk)


def counts_to_show(request: HttpRequest | None, page: Page) -> ViewCounts:
    """The counts of the view this request counted, or, when it counted none (a preview, a
    form shown again, HEAD, a bot, an editor), the current counts without counting."""
    counted = getattr(request, _COUNTED, {}) if request is not None else {}
    if page.pk in counted:
        return counted[page.pk]
    return read_counts(page.pk)


def seed_totals(totals: dict[int, int]) -> None:
    """Raise pages' all-time totals to at least the given numbers (views counted before the
    site came here, e.g. by a WordPress plugin), never lowering what was counted since, and
    raise the counts live backends show for them, wherever they run: Redis, and the shared
    table of every server of this database on this machine."""
    raised = store.raise_totals(totals)
    if not raised:
        return
    live = [backends.open_backend(str(path)) for path in server.live_tables()]
    if settings.REDIS_URL:
        live.append(backends.open_backend(backends.REDIS))
    for backend in live:
        try:
            backend.raise_shown(raised)
        finally:
            backend.close()
