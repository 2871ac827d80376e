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
import logging
import multiprocessing.util
import os
import threading
import time
from collections import Counter
from pathlib import Path

import redis
from django.conf import settings
from django.db import close_old_connections, connections

from newsdesk.databases import database_identity
from newsdesk.outages import outage, redis_outage

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
    """Counts in Redis. While Redis cannot be reached (newsdesk.outages: logged once, retried
    after a second), each view is written to the database directly, so the stored counts stay
    exact. When Redis answers again, before any thread counts there, one thread settles what
    happened meanwhile: calls that failed but may have run (redis_counts.settle), and the
    views written directly, by which the counts Redis still holds are raised — unless Redis
    restarted, when its counts are seeded afresh from the database, which holds them. The
    other threads keep counting in the database until that is done."""

    def __init__(self, url: str | None = None):
        from .redis_counts import RedisViewCounts

        url = url or settings.REDIS_URL
        self.counts = RedisViewCounts(url, database_identity())
        self.outage = redis_outage(url)
        self._process = f"{os.getpid()}-{os.urandom(4).hex()}"
        self._calls = threading.local()
        self._lock = threading.Lock()  # guards the two lists below
        self._settling = threading.Lock()
        self._direct: Counter[tuple[int, datetime.date]] = Counter()
        self._failed: list[tuple[int, datetime.date, tuple[str, int]]] = []
        self._server_id: str | None = None  # Redis's run id when this process last used it

    def _next_call(self) -> tuple[str, int]:
        number = getattr(self._calls, "number", 0) + 1
        self._calls.number = number
        return f"{self._process}-{threading.get_ident()}", number

    def _ready(self) -> bool:
        """Whether this thread may count in Redis now."""
        if not self.outage.available():
            return False
        if not (self._direct or self._failed):
            return True
        if not self._settling.acquire(blocking=False):
            return False  # another thread is settling: count in the database meanwhile
        try:
            self._settle()
        except redis.RedisError as error:
            self.outage.failed(error)
            return False
        finally:
            self._settling.release()
        return True

    def _settle(self) -> None:
        server_id = self.counts.server_id()
        restarted, self._server_id = server_id != self._server_id, server_id
        while True:
            with self._lock:
                direct, self._direct = self._direct, Counter()
                failed, self._failed = self._failed, []
            if not (direct or failed):
                return
            try:
                for page_id, day, call in failed:
                    if not self.counts.settle(page_id, day, call):
                        direct[page_id, day] += 1
                if not restarted:
                    self.counts.add_shown(direct)
            except BaseException:
                with self._lock:  # try again later; settling a call twice is harmless
                    self._direct.update(direct)
                    self._failed.extend(failed)
                raise

    def record(self, page_id, day) -> tuple[int, int]:
        if self._ready():
            call = self._next_call()
            try:
                counts = self.counts.record(page_id, day, lambda: store.read(page_id, day), call)
                if self._server_id is None:  # once: to tell a restart from a pause later
                    self._server_id = self.counts.server_id()
            except redis.RedisError as error:
                self.outage.failed(error)
                with self._lock:
                    self._failed.append((page_id, day, call))
                return store.increment(page_id, day)
            self.outage.succeeded()
            return counts
        counts = store.increment(page_id, day)
        with self._lock:
            self._direct[page_id, day] += 1
        return counts

    def read_many(self, page_ids, day) -> dict[int, tuple[int | None, int | None]]:
        ids = list(page_ids)
        if self.outage.available():
            try:
                return self.counts.read_many(ids, day)
            except redis.RedisError as error:
                self.outage.failed(error)
        return {pk: (None, None) for pk in ids}

    def flush(self) -> int:
        if not self.outage.available():
            return 0
        try:
            return self.counts.flush(store.add_views)
        except redis.RedisError as error:
            self.outage.failed(error)
            return 0

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
    """Flush, logging (not raising) a failure: the views stay buffered for the next try. A
    database that stays away is logged once, and once more when writing works again."""
    close_old_connections()
    database = outage("Writing page views to the database")
    try:
        written = buffer.flush()
    except Exception as error:
        database.failed(error)
        return 0
    database.succeeded()
    return written


# Server side (the process that starts granian)


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
