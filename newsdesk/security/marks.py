"""Marks shared by every process of the site: "this token was spent", "this client posted N
times in this window". A promise such as "a form token is accepted once" or "10 posts per
address" only holds if every worker process (and, with several nodes, every node) asks the
same store, atomically.

    store = marks()
    store.mark_once("nonce:3f2a…", ttl=172800)   # True the first time only
    store.hit("rate:ip:9c1e…:2950", ttl=1205)    # hits so far in that window, this one included
    store.count("rate:ip:9c1e…:2949")            # hits of a window, without counting

Two stores behind that one face:

* `DatabaseMarks` (the default): one table, each operation one atomic upsert, so it holds
  across the worker processes of one server on SQLite, and across nodes on PostgreSQL;
* `RedisMarks`, with REDIS_URL: the same operations as Redis commands. While Redis cannot be
  reached the database store stands in (logged once, newsdesk.outages): the promises keep
  holding, except that hits counted in Redis before the outage are not seen in the database.
"""

from __future__ import annotations

import time
from typing import Any, Protocol

import redis
from django.conf import settings
from django.db import connection

from newsdesk.databases import database_identity
from newsdesk.outages import redis_outage

from .models import Mark


class MarkStore(Protocol):
    def hit(self, key: str, ttl: float) -> int: ...

    def count(self, key: str) -> int: ...

    def mark_once(self, key: str, ttl: float) -> bool: ...


class DatabaseMarks:
    """Marks in the `security_mark` table (SQLite ≥ 3.35 or PostgreSQL: upserts with
    RETURNING). An expired row counts as absent."""

    def __init__(self) -> None:
        self.table = connection.ops.quote_name(Mark._meta.db_table)

    def hit(self, key: str, ttl: float) -> int:
        now = time.time()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {self.table} (name, hits, expires_at) VALUES (%s, 1, %s) "
                "ON CONFLICT (name) DO UPDATE SET "
                f"hits = CASE WHEN {self.table}.expires_at <= %s THEN 1 "
                f"ELSE {self.table}.hits + 1 END, "
                f"expires_at = CASE WHEN {self.table}.expires_at <= %s "
                f"THEN excluded.expires_at ELSE {self.table}.expires_at END "
                "RETURNING hits",
                [key, now + ttl, now, now],
            )
            return cursor.fetchone()[0]

    def count(self, key: str) -> int:
        row = Mark.objects.filter(name=key, expires_at__gt=time.time()).values_list("hits").first()
        return row[0] if row else 0

    def mark_once(self, key: str, ttl: float) -> bool:
        now = time.time()
        with connection.cursor() as cursor:
            # On a live mark the WHERE fails: no row comes back, the mark was there.
            cursor.execute(
                f"INSERT INTO {self.table} (name, hits, expires_at) VALUES (%s, 1, %s) "
                "ON CONFLICT (name) DO UPDATE SET hits = 1, expires_at = excluded.expires_at "
                f"WHERE {self.table}.expires_at <= %s RETURNING hits",
                [key, now + ttl, now],
            )
            return cursor.fetchone() is not None

    @staticmethod
    def purge_expired() -> int:
        """Delete the expired rows (the scheduler does this now and then)."""
        deleted, _ = Mark.objects.filter(expires_at__lte=time.time()).delete()
        return deleted


class RedisMarks:
    """The same marks in Redis, under a prefix naming the database."""

    def __init__(self, url: str):
        self.client = _redis_client(url)
        self.prefix = f"newsdesk:marks:{database_identity()}:"

    def hit(self, key: str, ttl: float) -> int:
        pipe = self.client.pipeline(transaction=True)
        pipe.set(self.prefix + key, 0, ex=max(1, round(ttl)), nx=True)
        pipe.incr(self.prefix + key)
        return int(pipe.execute()[1])

    def count(self, key: str) -> int:
        return int(self.client.get(self.prefix + key) or 0)

    def mark_once(self, key: str, ttl: float) -> bool:
        return bool(self.client.set(self.prefix + key, 1, ex=max(1, round(ttl)), nx=True))


class FailSoftMarks:
    """Redis, and the database while Redis is away."""

    def __init__(self, primary: RedisMarks, fallback: DatabaseMarks, url: str):
        self.primary, self.fallback = primary, fallback
        self.outage = redis_outage(url)

    def _call(self, name: str, *args: str | float) -> Any:
        if self.outage.available():
            try:
                result = getattr(self.primary, name)(*args)
            except redis.RedisError as error:
                self.outage.failed(error)
            else:
                self.outage.succeeded()
                return result
        return getattr(self.fallback, name)(*args)

    def hit(self, key: str, ttl: float) -> int:
        return self._call("hit", key, ttl)

    def count(self, key: str) -> int:
        return self._call("count", key)

    def mark_once(self, key: str, ttl: float) -> bool:
        return self._call("mark_once", key, ttl)


_clients: dict[str, redis.Redis] = {}


def _redis_client(url: str) -> redis.Redis:
    client = _clients.get(url)
    if client is None:
        # Short timeouts: a comment post must not hang on an unreachable Redis.
        client = _clients[url] = redis.Redis.from_url(
            url, socket_connect_timeout=0.25, socket_timeout=0.5
        )
    return client


def marks() -> MarkStore:
    """The store for this site: Redis (with the database standing in) when REDIS_URL is set,
    else the database."""
    url = settings.REDIS_URL
    if not url:
        return DatabaseMarks()
    return FailSoftMarks(RedisMarks(url), DatabaseMarks(), url)
