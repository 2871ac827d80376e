"""Which buffer this process counts views in, and flushing it to the database.

`newsdesk serve` calls `prepare_server()` before granian starts its workers: it creates a
fresh shared table (or, with REDIS_URL, chooses Redis) and names it in the environment
variable NEWSDESK_PAGEVIEWS_BUFFER, which the workers inherit. A process where that variable
is unset (tests, `runserver`, management commands, other WSGI servers) or where
NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL is 0 counts directly in the database.

Each buffering process runs a daemon thread that flushes every interval, and flushes once
more when it ends (granian's workers leave through multiprocessing, which skips `atexit`,
hence also a multiprocessing finaliser). After granian has stopped every worker,
`finish_server()` flushes whatever is left and removes the table.
"""

import atexit
import contextlib
import datetime
import hashlib
import logging
import multiprocessing.util
import os
import threading
import time
from pathlib import Path

import redis
from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, connections

from newsdesk.outages import outage

from . import shared_table, store
from .days import LocalDay

logger = logging.getLogger(__name__)

ENV = "NEWSDESK_PAGEVIEWS_BUFFER"
REDIS = "redis"


class TableBuffer:
    """The shared-memory table, with day keys as date ordinals."""

    def __init__(self, path: str):
        self.table = shared_table.SharedViewTable(path)
        self._full_reported = False

    def record(self, page_id, day) -> tuple[int, int]:
        counts = self.table.record(page_id, day.toordinal())
        if counts is None:
            counts = self._record_new(page_id, day)
        return counts

    def _record_new(self, page_id, day) -> tuple[int, int]:
        ordinal = day.toordinal()
        for _ in range(3):  # a compaction in between makes the entries move: look again
            missing = self.table.missing(page_id, ordinal)
            if missing:
                total, today = store.read(page_id, day)
                bases = {key: total if key[1] == shared_table.TOTAL else today for key in missing}
                if not self.table.add_entries(bases):
                    self._report_full()
                    break
            counts = self.table.record(page_id, ordinal)
            if counts is not None:
                return counts
        return store.increment(page_id, day)

    def _report_full(self) -> None:
        if not self._full_reported:
            self._full_reported = True
            logger.warning(
                "The view table %s is full: new pages are counted directly in the database "
                "until the server restarts (raise NEWSDESK_PAGEVIEWS_TABLE_ENTRIES).",
                self.table.path,
            )

    def read_many(self, page_ids, day) -> dict[int, tuple[int | None, int | None]]:
        return {pk: self.table.read(pk, day.toordinal()) for pk in page_ids}

    def flush(self) -> int:
        return self.table.flush(_write_ordinals, today=today().toordinal())

    def close(self) -> None:
        self.table.close()


def _write_ordinals(batch) -> None:
    store.add_views(
        (page_id, None if day == shared_table.TOTAL else datetime.date.fromordinal(day), views)
        for page_id, day, views in batch
    )


class RedisBuffer:
    """Counts in Redis; while Redis cannot be reached, each view goes to the database (the
    stored counts stay exact; the shown ones may lag until Redis is back)."""

    def __init__(self, url: str | None = None):
        from .redis_counts import RedisViewCounts

        self.counts = RedisViewCounts(url or settings.REDIS_URL, database_identity())
        self._down_reported = False

    def record(self, page_id, day) -> tuple[int, int]:
        try:
            return self.counts.record(page_id, day, seed=lambda: store.read(page_id, day))
        except redis.RedisError:
            self._report_down()
            return store.increment(page_id, day)

    def read_many(self, page_ids, day) -> dict[int, tuple[int | None, int | None]]:
        try:
            return self.counts.read_many(list(page_ids), day)
        except redis.RedisError:
            self._report_down()
            return {pk: (None, None) for pk in page_ids}

    def _report_down(self) -> None:
        if not self._down_reported:
            self._down_reported = True
            logger.exception("Redis is unreachable: counting views directly in the database")

    def flush(self) -> int:
        return self.counts.flush(store.add_views)

    def close(self) -> None:
        self.counts.client.close()


# The process's buffer: found on first use, forgotten in a forked child.
_buffer = None
_resolved = False
_lock = threading.Lock()
today = LocalDay().today


def current():
    """This process's buffer, or None to count directly in the database."""
    if _resolved:
        return _buffer
    return _start()


def _start():
    global _buffer, _resolved
    with _lock:
        if not _resolved:
            _buffer = _open(os.environ.get(ENV, ""))
            if _buffer is not None:
                _start_flushing(_buffer)
            _resolved = True
    return _buffer


def _open(name: str):
    if not name or settings.NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL <= 0:
        return None
    if name == REDIS:
        return RedisBuffer()
    return TableBuffer(name)


def _forget_in_child() -> None:
    global _buffer, _resolved, _lock
    _buffer, _resolved, _lock = None, False, threading.Lock()


os.register_at_fork(after_in_child=_forget_in_child)


@contextlib.contextmanager
def buffering_in(buffer):
    """Count in `buffer` in this process for a while, without a flusher thread (tests)."""
    global _buffer, _resolved
    saved = _buffer, _resolved
    _buffer, _resolved = buffer, True
    try:
        yield buffer
    finally:
        _buffer, _resolved = saved


def forget_test_counts() -> None:
    """Drop the live counts that servers started by a test left in Redis under the test
    database's name: its rows are rolled back, and the ids come back."""
    if settings.REDIS_URL:
        from .redis_counts import RedisViewCounts

        RedisViewCounts(settings.REDIS_URL, database_identity()).forget()


def _start_flushing(buffer) -> None:
    interval = settings.NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL
    thread = threading.Thread(
        target=_flush_every, args=(buffer, interval), name="pageviews-flusher", daemon=True
    )
    thread.start()
    atexit.register(flush_safely, buffer)
    multiprocessing.util.Finalize(None, flush_safely, args=(buffer,), exitpriority=100)


def _flush_every(buffer, interval: float) -> None:
    while True:
        time.sleep(interval)
        flush_safely(buffer)


def flush_safely(buffer) -> int:
    """Flush, logging (not raising) a failure: the views stay buffered for the next try.
    A database that refuses (gone, read-only) is logged once per outage, not per flush."""
    close_old_connections()
    try:
        written = buffer.flush()
    except DatabaseError as error:
        outage("the database (page views)").failed(error)
        return 0
    except Exception:
        logger.exception("Writing buffered page views to the database failed")
        return 0
    outage("the database (page views)").succeeded()
    return written


# Server side (the process that starts granian)


def database_identity() -> str:
    """A short name for the database in use, so different databases never share counts."""
    db = connection.settings_dict
    name = str(Path(db["NAME"]).resolve()) if db["ENGINE"].endswith("sqlite3") else db["NAME"]
    raw = f"{db['ENGINE']}|{db.get('HOST') or ''}|{db.get('PORT') or ''}|{name}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def table_folder() -> Path:
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm
    return Path(settings.VAR_DIR)


def table_path(owner_pid: int | None = None) -> Path:
    name = f"newsdesk-views-{database_identity()}-{owner_pid or os.getpid()}"
    return table_folder() / name


def prepare_server() -> str:
    """Choose and create the buffer for the workers this process is about to start;
    returns a description for the start-up message."""
    if settings.NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL <= 0:
        os.environ.pop(ENV, None)
        return "views counted directly in the database"
    if settings.REDIS_URL:
        os.environ[ENV] = REDIS
        return "views counted in Redis"
    remove_stale_tables()
    path = table_path()
    shared_table.create(str(path), settings.NEWSDESK_PAGEVIEWS_TABLE_ENTRIES)
    os.environ[ENV] = str(path)
    connections.close_all()  # the workers are forked from here: they must not share it
    return f"views counted in {path}"


def finish_server() -> int:
    """After the workers have stopped: write what they left, remove the table."""
    name = os.environ.pop(ENV, "")
    buffer = _open(name)
    if buffer is None:
        return 0
    try:
        return flush_safely(buffer)
    finally:
        buffer.close()
        if name != REDIS:
            Path(name).unlink(missing_ok=True)


def remove_stale_tables() -> None:
    """Tables of this database left by servers that were killed: their views are lost."""
    prefix = f"newsdesk-views-{database_identity()}-"
    for path in table_folder().glob(prefix + "*"):
        owner = path.name.removeprefix(prefix).split(".")[0]
        if owner.isdigit() and not _alive(int(owner)):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
