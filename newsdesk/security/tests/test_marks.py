"""The shared marks (spent tokens, rate-limit windows) in the database and in Redis, and the
database standing in while Redis is away."""

import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from newsdesk.outages import RETRY_AFTER
from newsdesk.security import marks as marks_module
from newsdesk.security.marks import DatabaseMarks, FailSoftMarks, RedisMarks
from newsdesk.security.models import Mark
from newsdesk.security.ratelimit import within_limit
from newsdesk.testing import PrivateRedis, require_redis


@pytest.fixture(params=["database", "redis"])
def store(request, db):
    if request.param == "database":
        yield DatabaseMarks()
        return
    store = RedisMarks(require_redis())
    store.prefix += f"{uuid.uuid4().hex}:"
    yield store
    keys = list(store.client.scan_iter(match=store.prefix + "*"))
    if keys:
        store.client.delete(*keys)


def test_a_mark_is_set_once_until_it_expires(store):
    assert store.mark_once("nonce:a", ttl=60)
    assert not store.mark_once("nonce:a", ttl=60)
    assert store.mark_once("nonce:b", ttl=60)
    assert store.mark_once("nonce:short", ttl=1)
    time.sleep(1.1 if isinstance(store, RedisMarks) else 0)
    if isinstance(store, DatabaseMarks):
        Mark.objects.filter(name="nonce:short").update(expires_at=time.time() - 1)
    assert store.mark_once("nonce:short", ttl=60)  # expired: a new mark


def test_hits_count_up_and_start_again_after_expiry(store):
    assert [store.hit("rate:x", ttl=60) for _ in range(3)] == [1, 2, 3]
    assert store.count("rate:x") == 3
    assert store.count("rate:never") == 0
    if isinstance(store, DatabaseMarks):
        Mark.objects.filter(name="rate:x").update(expires_at=time.time() - 1)
        assert store.count("rate:x") == 0
        assert store.hit("rate:x", ttl=60) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_marks_and_hits_in_the_database_are_atomic():
    """Threads with their own connections, as worker processes would be: exactly one wins
    each mark and every hit gets its own number."""
    store = DatabaseMarks()

    def race(index):
        try:
            return store.mark_once("nonce:shared", ttl=60), store.hit("rate:shared", ttl=60)
        finally:
            connection.close()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(race, range(40)))
    assert sum(won for won, _ in results) == 1
    assert sorted(hits for _, hits in results) == list(range(1, 41))


def test_the_rate_limit_holds_across_a_window_boundary(db):
    boundary = 600 * 3_000_000
    # Five hits just before the boundary, then more just after: still one window's worth.
    assert all(within_limit("t", "a", 5, 600, now=boundary - 1) for _ in range(5))
    assert not within_limit("t", "a", 5, 600, now=boundary + 1)
    # Half a window later, half of the old hits still count.
    assert [within_limit("t", "b", 4, 600, now=boundary - 1) for _ in range(4)] == [True] * 4
    assert within_limit("t", "b", 4, 600, now=boundary + 300)
    assert within_limit("t", "b", 4, 600, now=boundary + 300)
    assert not within_limit("t", "b", 4, 600, now=boundary + 300)
    assert within_limit("t", "c", 0, 600)  # 0: no limit


def test_without_redis_the_database_stands_in_and_the_log_says_so_once(db, caplog):
    with PrivateRedis() as server:
        store = FailSoftMarks(RedisMarks(server.url), DatabaseMarks(), server.url)
        assert store.mark_once("nonce:before", ttl=60)
        assert store.primary.client.exists(store.primary.prefix + "nonce:before")
        server.stop()
        with caplog.at_level(logging.WARNING, logger="newsdesk.outages"):
            assert store.mark_once("nonce:during", ttl=60)
            assert not store.mark_once("nonce:during", ttl=60)
            assert [store.hit("rate:during", ttl=60) for _ in range(3)] == [1, 2, 3]
        assert Mark.objects.filter(name="nonce:during").exists()
        down = [r for r in caplog.records if "unavailable" in r.getMessage()]
        assert len(down) == 1, "one line for the outage, not one per call"
        assert server.url.split("//")[1].split("/")[0] in down[0].getMessage()
        server.start()
        time.sleep(RETRY_AFTER)  # then the next call tries Redis again
        assert store.mark_once("nonce:after", ttl=60)
        assert store.primary.client.exists(store.primary.prefix + "nonce:after")
        assert not store.outage.is_down


def test_the_configured_store_follows_redis_url(settings, db):
    settings.REDIS_URL = ""
    assert isinstance(marks_module.marks(), DatabaseMarks)
    settings.REDIS_URL = "redis://127.0.0.1:6379/1"
    assert isinstance(marks_module.marks(), FailSoftMarks)
