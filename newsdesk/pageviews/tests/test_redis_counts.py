"""Counting in Redis: seeding from the database, atomic flushes, and two servers sharing
one Redis counting exactly."""

import datetime
import itertools
import signal
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory
from newsdesk.databases import database_identity
from newsdesk.outages import RETRY_AFTER
from newsdesk.pageviews.backends.redis import RedisBackend
from newsdesk.pageviews.models import DailyPageViews, PageViewTotal
from newsdesk.pageviews.redis_counts import RedisViewCounts
from newsdesk.pageviews.testing import forget_test_counts
from newsdesk.testing import PrivateRedis, delete_keys, free_port, require_redis

from .servers import fetch_counts, serving

DAY = datetime.date(2026, 3, 9)


@pytest.fixture
def counts():
    counts = RedisViewCounts(require_redis(), namespace=f"test-{uuid.uuid4().hex}")
    yield counts
    counts.forget()


def test_first_view_seeds_from_the_database_then_counts_in_redis(counts):
    seeds = []

    def seed():
        seeds.append(1)
        return 40, 3

    assert counts.record(7, DAY, seed) == (41, 4)
    assert counts.record(7, DAY, seed) == (42, 5)
    assert len(seeds) == 1
    assert counts.read_many([7, 8], DAY) == {7: (42, 5), 8: (None, None)}


def test_flush_takes_pending_views_once(counts):
    for _ in range(3):
        counts.record(7, DAY, lambda: (0, 0))
    written = []
    assert counts.flush(written.extend) == 3
    assert sorted(written, key=str) == sorted([(7, None, 3), (7, DAY, 3)], key=str)
    assert counts.flush(written.extend) == 0
    assert counts.record(7, DAY, lambda: (0, 0)) == (4, 4)  # shown counts stay


def test_a_failed_write_puts_the_views_back(counts):
    counts.record(7, DAY, lambda: (0, 0))

    def failing(deltas):
        raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        counts.flush(failing)
    counts.record(7, DAY, lambda: (0, 0))
    written = []
    assert counts.flush(written.extend) == 2


def test_lost_redis_keys_are_seeded_again(counts):
    counts.record(7, DAY, lambda: (0, 0))
    counts.forget()  # as after a Redis restart without persistence
    assert counts.record(7, DAY, lambda: (10, 2)) == (11, 3)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_servers_sharing_redis_count_exactly():
    url = require_redis()
    namespace = database_identity()
    prefix = f"counting-test-{uuid.uuid4().hex}"
    env = {
        "REDIS_URL": url,
        "NEWSDESK_CACHE_PREFIX": prefix,
        "NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL": "0.3",
    }
    article = ArticleFactory()
    try:
        with (
            # Two nodes: each its own var directory (one server per directory), one Redis.
            tempfile.TemporaryDirectory() as node_a,
            tempfile.TemporaryDirectory() as node_b,
            serving(workers=1, env={**env, "NEWSDESK_VAR_DIR": node_a}) as first,
            serving(workers=1, env={**env, "NEWSDESK_VAR_DIR": node_b}) as second,
        ):
            urls = [server.url + article.url for server in (first, second)]
            with ThreadPoolExecutor(max_workers=8) as pool:
                seen = list(pool.map(fetch_counts, itertools.islice(itertools.cycle(urls), 200)))
            first.stop(signal.SIGTERM)
            # The other node still shows every view, including the first one's.
            assert fetch_counts(urls[1]) == (201, 201)
            second.stop(signal.SIGTERM)
        assert sorted(total for total, _ in seen) == list(range(1, 201))
        assert PageViewTotal.objects.get(page_id=article.pk).views == 201
        today = DailyPageViews.objects.get(page_id=article.pk, day=timezone.localdate())
        assert today.views == 201
    finally:
        delete_keys(url, f"newsdesk:views:{namespace}:*")
        delete_keys(url, f"{prefix}:*")


@pytest.mark.django_db
def test_forget_test_counts_drops_the_test_databases_counts(settings):
    settings.REDIS_URL = require_redis()
    counts = RedisViewCounts(settings.REDIS_URL, database_identity())
    counts.record(7, DAY, lambda: (0, 0))
    forget_test_counts()
    assert counts.read_many([7], DAY) == {7: (None, None)}
    assert not counts.client.exists(counts.pending_key)


@pytest.mark.django_db
def test_without_redis_views_go_to_the_database():
    article = ArticleFactory()
    buffer = RedisBackend(f"redis://127.0.0.1:{free_port()}/1")  # nothing listens
    try:
        assert buffer.record(article.pk, timezone.localdate()) == (1, 1)
        assert buffer.read_many([article.pk], timezone.localdate()) == {article.pk: (None, None)}
    finally:
        buffer.close()
    assert PageViewTotal.objects.get(page_id=article.pk).views == 1


@pytest.mark.django_db
def test_a_hung_redis_then_back_with_its_data_shows_every_view_once():
    """Views counted in the database while Redis hung are added to the counts Redis still
    holds when it answers again: what readers see never goes back, and nothing is doubled."""
    article = ArticleFactory()
    day = timezone.localdate()
    with PrivateRedis() as private:
        buffer = RedisBackend(private.url)
        try:
            assert [buffer.record(article.pk, day) for _ in range(3)][-1] == (3, 3)
            assert buffer.flush() == 3
            private.freeze()
            try:
                assert [buffer.record(article.pk, day) for _ in range(2)] == [(4, 4), (5, 5)]
            finally:
                private.thaw()
            time.sleep(RETRY_AFTER)
            assert buffer.record(article.pk, day) == (6, 6)  # Redis again, caught up
            assert buffer.counts.read_many([article.pk], day) == {article.pk: (6, 6)}
            assert buffer.flush() == 1
        finally:
            buffer.close()
    assert PageViewTotal.objects.get(page_id=article.pk).views == 6
    assert DailyPageViews.objects.get(page_id=article.pk, day=day).views == 6


@pytest.mark.django_db
def test_threads_started_one_after_another_each_count_every_view():
    """A thread that ends and a new one, which often gets the same thread ident (granian
    replaces its idle threads): Redis must not take the new one's calls for late copies of
    the old one's."""
    article = ArticleFactory()
    day = timezone.localdate()
    buffer = RedisBackend(require_redis())
    idents, shown = set(), []

    def read_twice():
        idents.add(threading.get_ident())
        shown.extend(buffer.record(article.pk, day)[0] for _ in range(2))

    try:
        for _ in range(4):
            thread = threading.Thread(target=read_twice)
            thread.start()
            thread.join()
        assert shown == list(range(1, 9)), f"{len(idents)} thread ident(s)"
        assert buffer.flush() == 8
    finally:
        buffer.counts.forget()
        buffer.close()
    assert PageViewTotal.objects.get(page_id=article.pk).views == 8
