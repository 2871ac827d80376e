"""Where a process counts views: one small protocol, three backends.

    class ViewBackend(Protocol):
        name: str
        def record(self, page_id, day) -> tuple[int, int]: ...  # count one view
        def read_many(self, page_ids, day) -> dict[int, tuple[int | None, int | None]]: ...
        def raise_shown(self, views: dict[int, int]) -> None: ...  # totals raised by an import
        def flush(self) -> int: ...  # write buffered views to the database; how many
        def close(self) -> None: ...

`record` returns (total, today) including the view; `read_many` answers None for a count it
does not hold (the database fills it in). The backends:

- `database.DatabaseBackend`: each view one transaction in the database (the default);
- `table.TableBackend`: a table in shared memory, one per `newsdesk serve`;
- `redis.RedisBackend`: Redis, shared by every node (falls back to the database while away).

`newsdesk serve` chooses with the setting NEWSDESK_PAGEVIEWS_BACKEND ("auto": Redis with
REDIS_URL, else the shared table) and hands the choice to its workers in the environment
variable below (server.py); every other process counts in the database. `current()` is this
process's backend, opened on first use, with its flusher thread (flushing.py).

    from newsdesk.pageviews.backends import current
    total, today = current().record(article.pk, day)
"""

from __future__ import annotations

import datetime
import os
import threading
from collections.abc import Iterable
from typing import Protocol

from django.conf import settings

from .database import DatabaseBackend

# Set by `newsdesk serve` for its workers: "redis", or the path of the shared table.
HANDOFF = "NEWSDESK_PAGEVIEWS_BUFFER"
REDIS = "redis"


class ViewBackend(Protocol):
    name: str

    def record(self, page_id: int, day: datetime.date) -> tuple[int, int]: ...

    def read_many(
        self, page_ids: Iterable[int], day: datetime.date
    ) -> dict[int, tuple[int | None, int | None]]: ...

    def raise_shown(self, views: dict[int, int]) -> None: ...

    def flush(self) -> int: ...

    def close(self) -> None: ...


def open_backend(handoff: str) -> ViewBackend:
    """The backend a handoff value names ('' or a flush interval of 0: the database)."""
    if not handoff or settings.NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL <= 0:
        return DatabaseBackend()
    if handoff == REDIS:
        from .redis import RedisBackend

        return RedisBackend()
    from .table import TableBackend

    return TableBackend(handoff)


_backend: ViewBackend | None = None
_lock = threading.Lock()


def current() -> ViewBackend:
    """This process's backend (opened once; a forked child opens its own)."""
    backend = _backend
    return backend if backend is not None else _open_current()


def _open_current() -> ViewBackend:
    global _backend
    with _lock:
        if _backend is None:
            backend = open_backend(os.environ.get(HANDOFF, ""))
            if backend.name != "database":
                from .. import flushing

                flushing.start(backend)
            _backend = backend
    return _backend


def use(backend: ViewBackend | None) -> ViewBackend | None:
    """Make `backend` this process's (None: open it again on next use); returns the one
    before. For tests: newsdesk.pageviews.testing.counting_in."""
    global _backend
    previous, _backend = _backend, backend
    return previous


def _forget_in_child() -> None:
    global _backend, _lock
    _backend, _lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_in_child)
