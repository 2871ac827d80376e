"""Failing soft when a service goes away: one outage record per service and process.

Every user of Redis (the cache, view counting, page invalidation, the rate limits) asks the
same record before calling it and tells it how the call went:

    redis_outage = outage("Redis at redis://cache:6379/0")
    if redis_outage.available():
        try:
            value = client.get(key)
        except redis.RedisError as error:
            redis_outage.failed(error)      # logs once per outage; skips the service a second
        else:
            redis_outage.succeeded()        # logs once when it answers again

So the log says once that the service went away (and why), once that it is back, never per
request; and while it is away each caller goes straight to its fallback instead of waiting
for a connection timeout on every request (the record is "open" for RETRY_AFTER seconds after
each failure, then one call tries again).
"""

from __future__ import annotations

import logging
import os
import threading
import time

logger = logging.getLogger("newsdesk.outages")

# Seconds a failed service is left alone before one call tries it again.
RETRY_AFTER = 1.0


class Outage:
    def __init__(self, service: str, retry_after: float = RETRY_AFTER):
        self.service = service
        self.retry_after = retry_after
        self.down_since: float | None = None
        self._retry_at = 0.0
        self._lock = threading.Lock()

    @property
    def is_down(self) -> bool:
        return self.down_since is not None

    def available(self) -> bool:
        """False while the service failed less than `retry_after` seconds ago."""
        return self.down_since is None or time.monotonic() >= self._retry_at

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self._retry_at = time.monotonic() + self.retry_after
            if self.down_since is not None:
                return
            self.down_since = time.time()
        logger.warning(
            "%s is unavailable (%s: %s); carrying on without it until it works again",
            self.service,
            type(error).__name__,
            error,
        )

    def succeeded(self) -> None:
        if self.down_since is None:
            return
        with self._lock:
            since, self.down_since = self.down_since, None
        if since is not None:
            logger.warning("%s works again after %.1f s", self.service, time.time() - since)


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage(service: str) -> Outage:
    """The one record for `service` in this process (a name such as "Redis at <url>")."""
    record = _outages.get(service)
    if record is None:
        with _outages_lock:
            record = _outages.setdefault(service, Outage(service))
    return record


def redis_outage(url: str) -> Outage:
    """The record shared by every user of the Redis server at `url` (password left out)."""
    return outage(f"Redis at {_without_password(url)}")


def _without_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    return f"{scheme}{sep}{host}" if at else url


def _forget_in_child() -> None:
    # A forked worker starts with its own records (and its own first log line).
    global _outages_lock
    _outages.clear()
    _outages_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_in_child)
