"""The page-cache generation: a value every worker compares before answering from memory.

Any change that may alter a cached page (see signal_handlers.py) bumps the generation, and
each worker drops its whole page cache when it sees a new one. Two layers:

- on one machine, 8 bytes in a small file under the var folder, mapped into memory by every
  worker: reading it costs a memory compare per request, and a bump is seen by the next
  request of every process at once;
- with REDIS_URL, a counter in Redis as well, which a thread in each worker reads every
  NEWSDESK_HOTPATH_POLL_MS, so other nodes follow within that interval. While Redis cannot
  be reached a worker does not answer from its cache at all (it cannot know what changed),
  and when it answers again every page cached before the outage is dropped.

The file is named after the database, so that servers (and test runs) on different
databases never share it.
"""

from __future__ import annotations

import logging
import mmap
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from newsdesk.databases import database_identity
from newsdesk.outages import redis_outage

if TYPE_CHECKING:
    import redis

logger = logging.getLogger(__name__)

_SIZE = 8


def generation_file() -> Path:
    return Path(settings.VAR_DIR) / "hotpath" / f"generation-{database_identity()}"


def redis_key() -> str:
    return f"newsdesk:hotpath:generation:{database_identity()}"


class LocalGeneration:
    """The 8-byte generation shared by the processes of one machine through a mapped file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if os.fstat(fd).st_size < _SIZE:
                os.ftruncate(fd, _SIZE)  # zero-filled; a second process doing it too is harmless
            self._map = mmap.mmap(fd, _SIZE)
        finally:
            os.close(fd)

    def read(self) -> bytes:
        return self._map[:_SIZE]

    def bump(self) -> None:
        # Random rather than +1: no lock needed, and any new value differs from the old one.
        self._map[:_SIZE] = os.urandom(_SIZE)


_redis_clients: dict[str, redis.Redis] = {}


def _redis_client(url: str) -> redis.Redis:
    import redis

    client = _redis_clients.get(url)
    if client is None:
        client = _redis_clients[url] = redis.Redis.from_url(
            url, socket_timeout=1, socket_connect_timeout=1
        )
    return client


class RemoteGeneration:
    """The Redis counter, read by a background thread; `value` is None while Redis fails.

    After an outage the worker cannot know what changed meanwhile, so `value` comes back
    with a new local epoch: every page cached before the outage is dropped. A bump that could
    not reach Redis (a publish during the outage) is owed, and sent once Redis answers, so
    that the other nodes drop their pages too."""

    def __init__(self, url: str, key: str, interval: float) -> None:
        self._client = _redis_client(url)
        self._key = key
        self._interval = interval
        self._outage = redis_outage(url)
        self.value: bytes | None = None
        self._epoch = 0
        self.owed_bump = False
        # After this process's own bump: (that value, until when a poll that started
        # before it and reads an older value is ignored).
        self._floor = (0, 0.0)
        self._poll()
        threading.Thread(target=self._run, name="hotpath-generation", daemon=True).start()

    def _poll(self) -> None:
        if not self._outage.available():
            self.value = None
            return
        try:
            if self.owed_bump:
                self.advance(self._client.incr(self._key))
                self.owed_bump = False
            number = int(self._client.get(self._key) or 0)
        except Exception as error:  # noqa: BLE001 - any failure means "unknown"
            self._outage.failed(error)
            if self.value is not None:
                self._epoch += 1
            self.value = None
            return
        self._outage.succeeded()
        floor, until = self._floor
        if number < floor and time.monotonic() < until:
            return
        self.value = f"{number}.{self._epoch}".encode()

    def advance(self, number: int) -> None:
        """Take this process's own bump at once, rather than at the next poll."""
        self._floor = (number, time.monotonic() + 4 * self._interval + 2)
        self.value = f"{number}.{self._epoch}".encode()

    def _run(self) -> None:
        while True:
            time.sleep(self._interval)
            self._poll()


# One polling thread per process and Redis key, however many applications ask (tests).
_remotes: dict[tuple[str, str], RemoteGeneration] = {}
os.register_at_fork(after_in_child=_remotes.clear)  # the thread does not survive a fork


def _remote_generation(url: str, key: str) -> RemoteGeneration:
    remote = _remotes.get((url, key))
    if remote is None:
        interval = settings.NEWSDESK_HOTPATH_POLL_MS / 1000
        remote = _remotes[(url, key)] = RemoteGeneration(url, key, interval)
    return remote


class Generation:
    """What a worker compares per request: the local bytes, plus Redis's value if configured."""

    def __init__(self) -> None:
        self._local = LocalGeneration(generation_file())
        self._remote: RemoteGeneration | None = None
        if settings.REDIS_URL:
            self._remote = _remote_generation(settings.REDIS_URL, redis_key())

    def stamp(self) -> bytes | None:
        """The current generation, or None when it cannot be known (Redis down)."""
        if self._remote is None:
            return self._local.read()
        remote = self._remote.value
        return None if remote is None else self._local.read() + remote


_local_generations: dict[Path, LocalGeneration] = {}


def bump_generation() -> None:
    """Invalidate every cached page of this database: on this machine, then on every node."""
    path = generation_file()
    local = _local_generations.get(path)
    if local is None:
        local = _local_generations[path] = LocalGeneration(path)
    local.bump()
    if settings.REDIS_URL:
        key = redis_key()
        try:
            number = _redis_client(settings.REDIS_URL).incr(key)
        except Exception as error:  # noqa: BLE001 - owed: the poller sends it when Redis answers
            redis_outage(settings.REDIS_URL).failed(error)
            _remote_generation(settings.REDIS_URL, key).owed_bump = True
            return
        remote = _remotes.get((settings.REDIS_URL, key))
        if remote is not None:
            remote.advance(number)
