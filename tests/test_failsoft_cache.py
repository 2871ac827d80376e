"""The Redis cache behaves as an empty cache while Redis is away, says so once, and is used
again when Redis answers (newsdesk/cache.py)."""

import logging
import time

import pytest
import redis
from django.core.cache import caches
from django.test import Client, override_settings

from newsdesk.articles.factories import ArticleFactory
from newsdesk.outages import RETRY_AFTER
from newsdesk.testing import PrivateRedis


@pytest.fixture
def redis_cache():
    with PrivateRedis() as server:
        cache_settings = {
            "default": {
                "BACKEND": "newsdesk.cache.FailSoftRedisCache",
                "LOCATION": server.url,
                "KEY_PREFIX": "failsoft-test",
            }
        }
        with override_settings(CACHES=cache_settings):
            caches._settings = None  # read CACHES again
            for alias in list(caches):
                caches[alias].close()
            try:
                yield server, caches["default"]
            finally:
                caches._settings = None


def test_reads_miss_and_writes_vanish_while_redis_is_away(redis_cache, caplog):
    server, cache = redis_cache
    cache.set("a", 1)
    assert cache.get("a") == 1
    server.stop()
    with caplog.at_level(logging.WARNING, logger="newsdesk.outages"):
        assert cache.get("a", "missing") == "missing"
        assert cache.set("b", 2) is None
        assert cache.add("c", 3) is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.get_or_set("d", lambda: 4) == 4
        with pytest.raises(ValueError):
            cache.incr("a")
    assert sum("is unavailable" in r.getMessage() for r in caplog.records) == 1
    server.start()
    time.sleep(RETRY_AFTER)
    cache.set("a", 5)
    assert cache.get("a") == 5


@pytest.mark.django_db
def test_pages_answer_while_the_cache_is_away(redis_cache):
    """Wagtail finds the site of every request through the default cache: with the plain
    Redis backend, every page answered 500 during an outage."""
    server, _cache = redis_cache
    article = ArticleFactory(title="Tides and timetables")
    client = Client(HTTP_HOST="localhost")
    assert client.get(article.url).status_code == 200
    server.stop()
    assert client.get("/").status_code == 200
    assert b"Tides and timetables" in client.get(article.url).content
    assert client.get("/no-such-page/").status_code == 404


def test_clear_deletes_the_cache_keys_only_not_what_newsdesk_keeps_beside_them(redis_cache):
    """Django's clear() is FLUSHDB: it dropped view counts not yet written and the page-cache
    generation, which share the Redis database with the cache."""
    server, cache = redis_cache
    raw = redis.Redis.from_url(server.url)
    beside = {"newsdesk:views:db:pending": "3", "failsoft-test:hotpath:generation:db": "7"}
    for key, value in beside.items():
        raw.set(key, value)
    for n in range(1500):  # more than one batch of deletions
        cache.set(f"page-{n}", n)
    cache.set("old-version", 1, version=2)
    assert cache.clear() is True
    assert cache.get("page-7") is None and cache.get("old-version", version=2) is None
    assert {key: raw.get(key).decode() for key in beside} == beside
    assert raw.dbsize() == len(beside)
