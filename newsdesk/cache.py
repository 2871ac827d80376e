"""Django's Redis cache, failing soft: while Redis is away the cache behaves as an empty one.

Wagtail looks up the site of every request through the default cache, so with the plain
Redis backend a Redis outage answers 500 to every page. Here each call that cannot reach
Redis counts as a miss (reads return the default, writes store nothing), the outage is
logged once (newsdesk.outages), and calls skip Redis for a second after each failure instead
of waiting for a timeout on every request. When Redis answers again the cache is used again,
without a restart.

    CACHES = {"default": {"BACKEND": "newsdesk.cache.FailSoftRedisCache", "LOCATION": url}}
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

import redis
from django.core.cache.backends.redis import RedisCache

from .outages import redis_outage

# How long a cache call may wait for Redis, by default (seconds): a page must not hang on it.
CONNECT_TIMEOUT = 0.25
SOCKET_TIMEOUT = 0.5


def _soft(fallback: Callable[..., Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Run the cache call unless Redis is known to be away; on a Redis error, `fallback`."""

    def decorate(method: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(method)
        def call(self: FailSoftRedisCache, *args: Any, **kwargs: Any) -> Any:
            if not self.outage.available():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except redis.RedisError as error:
                self.outage.failed(error)
                return fallback(*args, **kwargs)
            self.outage.succeeded()
            return result

        return call

    return decorate


def _default(key: str, default: Any = None, version: int | None = None) -> Any:
    return default


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


def _false(*args: Any, **kwargs: Any) -> bool:
    return False


def _empty(*args: Any, **kwargs: Any) -> dict:
    return {}


def _all_failed(data: dict, *args: Any, **kwargs: Any) -> list:
    return list(data)  # set_many's answer: the keys it could not store


def _missing(key: str, delta: int = 1, version: int | None = None) -> int:
    raise ValueError(f"Key '{key}' not found")  # what incr() says of a missing key


class FailSoftRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, params)
        self.outage = redis_outage(server.split(",")[0].split(";")[0])

    # add() answers False while Redis is away: "not added", so no caller believes it holds
    # a lock or a mark it never got.
    add = _soft(_false)(RedisCache.add)
    get = _soft(_default)(RedisCache.get)
    set = _soft(_nothing)(RedisCache.set)
    touch = _soft(_false)(RedisCache.touch)
    delete = _soft(_false)(RedisCache.delete)
    get_many = _soft(_empty)(RedisCache.get_many)
    has_key = _soft(_false)(RedisCache.has_key)
    incr = _soft(_missing)(RedisCache.incr)
    set_many = _soft(_all_failed)(RedisCache.set_many)
    delete_many = _soft(_nothing)(RedisCache.delete_many)

    @_soft(_false)
    def clear(self) -> bool:
        """Delete this cache's keys only. Django's clear() empties the whole Redis database
        (FLUSHDB), and with it what newsdesk keeps beside the cache in the same database:
        view counts not yet written, the page-cache generation, rate limits and spent form
        tokens. Cache keys are `<KEY_PREFIX>:<version>:<key>` (Django's default key
        function); newsdesk's own keys go on with a word, never a version number."""
        client = self._cache.get_client(None, write=True)  # type: ignore[attr-defined]
        pattern = _glob_escaped(self.key_prefix) + ":[-0-9]*"
        batch: list[bytes] = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)
        return True


def _glob_escaped(text: str) -> str:
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)
