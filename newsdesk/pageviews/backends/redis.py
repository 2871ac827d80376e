"""Counting in Redis (redis_counts.py), shared by every process of every node, flushed in
batches by any of them; failing soft to the database while Redis is away."""

import datetime
import itertools
import os
import threading
from collections import Counter
from collections.abc import Iterable

import redis
from django.conf import settings

from newsdesk.databases import database_identity
from newsdesk.outages import redis_outage

from .. import store
from ..redis_counts import RedisViewCounts


class RedisBackend:
    """Counts in Redis. While Redis cannot be reached (newsdesk.outages: logged once, retried
    after a second), each view is written to the database directly, so the stored counts stay
    exact. When Redis answers again, before any thread counts there, one thread settles what
    happened meanwhile: calls that failed but may have run (redis_counts.settle), and the
    views written directly, by which the counts Redis still holds are raised — unless Redis
    restarted, when its counts are seeded afresh from the database, which holds them. The
    other threads keep counting in the database until that is done."""

    name = "redis"

    def __init__(self, url: str | None = None):
        url = url or settings.REDIS_URL
        self.counts = RedisViewCounts(url, database_identity())
        self.outage = redis_outage(url)
        self._process = f"{os.getpid()}-{os.urandom(4).hex()}"
        self._calls = threading.local()  # this thread's id and its last call number
        self._threads = itertools.count(1)
        self._lock = threading.Lock()  # guards the two lists below
        self._settling = threading.Lock()
        self._direct: Counter[tuple[int, datetime.date]] = Counter()
        self._failed: list[tuple[int, datetime.date, tuple[str, int]]] = []
        self._server_id: str | None = None  # Redis's run id when this process last used it

    def _next_call(self) -> tuple[str, int]:
        calls = self._calls
        if not hasattr(calls, "thread"):
            # Not threading.get_ident(): granian ends idle threads and starts new ones, which
            # may get the same ident with their numbering back at 1, and Redis would then skip
            # their calls as late copies of ones it had counted (the views were lost).
            calls.thread, calls.number = next(self._threads), 0
        calls.number += 1
        return f"{self._process}-{calls.thread}", calls.number

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

    def record(self, page_id: int, day: datetime.date) -> tuple[int, int]:
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

    def read_many(
        self, page_ids: Iterable[int], day: datetime.date
    ) -> dict[int, tuple[int | None, int | None]]:
        ids = list(page_ids)
        if self.outage.available():
            try:
                return self.counts.read_many(ids, day)
            except redis.RedisError as error:
                self.outage.failed(error)
        return {pk: (None, None) for pk in ids}

    def raise_shown(self, views: dict[int, int]) -> None:
        """Views added to stored totals by other means (an import) raise the totals Redis
        holds; while Redis is away the next seed from the database carries them."""
        if views and self.outage.available():
            try:
                self.counts.add_shown_totals(views)
            except redis.RedisError as error:
                self.outage.failed(error)

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
