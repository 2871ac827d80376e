"""Buffered counting in real `newsdesk serve` processes: a graceful stop writes every view,
a crash loses at most the last flush interval, and counts stay exact and monotonic."""

import os
import signal
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory
from newsdesk.databases import database_identity
from newsdesk.pageviews import server as pageview_server
from newsdesk.pageviews.models import DailyPageViews, PageViewTotal
from newsdesk.testing import delete_keys, require_redis

from .servers import BROWSER_UA, fetch_counts, serving

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def redis_backend():
    """Servers counting in Redis (db 1 unless NEWSDESK_TEST_REDIS_URL says otherwise)."""
    url = require_redis()
    prefix = f"counting-test-{uuid.uuid4().hex}"
    yield {"REDIS_URL": url, "NEWSDESK_CACHE_PREFIX": prefix}
    delete_keys(url, f"newsdesk:views:{database_identity()}:*")
    delete_keys(url, f"{prefix}:*")


@pytest.fixture(params=["table", "redis"])
def backend(request):
    """The environment that makes the servers count in the shared table, or in Redis."""
    if request.param == "table":
        return {"REDIS_URL": ""}
    return request.getfixturevalue("redis_backend")


def server_env(backend: dict, interval: float) -> dict:
    return {**backend, "NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL": str(interval)}


def stored(page_id: int) -> tuple[int, int]:
    total = PageViewTotal.objects.filter(page_id=page_id).values_list("views", flat=True).first()
    today = (
        DailyPageViews.objects.filter(page_id=page_id, day=timezone.localdate())
        .values_list("views", flat=True)
        .first()
    )
    return total or 0, today or 0


def read_concurrently(url: str, views: int, threads: int = 8) -> list[tuple[int, int]]:
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(fetch_counts, [url] * views))


def test_graceful_stop_writes_every_view(backend):
    article = ArticleFactory()
    # An interval longer than the test: only the stop itself can write the views.
    with serving(workers=2, env=server_env(backend, 600)) as server:
        seen = read_concurrently(server.url + article.url, views=120)
        # Buffered, not written per view. (Runs on a loaded machine once found about half
        # the views written already: threads of one worker racing for writer columns took
        # them all, and the other worker counted in the database.)
        assert stored(article.pk) == (0, 0)
        server.stop(signal.SIGTERM)
        assert server.process.returncode == 0
    # Shown counts include their view; with the shared table two views at the same moment
    # may show the same number (each worker counts in its own column, without a lock).
    assert min(total for total, _ in seen) >= 1 and max(total for total, _ in seen) == 120
    assert stored(article.pk) == (120, 120)


def test_crash_loses_only_the_views_of_the_last_interval(backend):
    article = ArticleFactory()
    interval = 0.5
    with serving(workers=2, env=server_env(backend, interval)) as server:
        read_concurrently(server.url + article.url, views=80)
        time.sleep(4 * interval)  # views older than an interval are in the database
        server.stop(signal.SIGKILL)
    assert stored(article.pk) == (80, 80)
    pageview_server.remove_stale_tables()
    assert not list(
        pageview_server.table_folder().glob(pageview_server.table_path(server.process.pid).name)
    )


def test_crash_within_the_interval_loses_those_views_and_no_others():
    article = ArticleFactory()
    with serving(workers=2, env=server_env({"REDIS_URL": ""}, 600)) as server:
        read_concurrently(server.url + article.url, views=30)
        server.stop(signal.SIGKILL)  # none flushed yet: the documented loss window
    assert stored(article.pk) == (0, 0)
    # A new server starts from the database: the counts shown do not include the lost views.
    with serving(workers=2, env={"REDIS_URL": ""}) as server:
        assert fetch_counts(server.url + article.url) == (1, 1)
        server.stop(signal.SIGTERM)
    assert stored(article.pk) == (1, 1)


def _client(url: str, views: int) -> list[tuple[int, int]]:
    return [fetch_counts(url) for _ in range(views)]


def test_with_redis_a_crash_loses_nothing_counted(redis_backend):
    env = server_env(redis_backend, 600)
    article = ArticleFactory()
    with serving(workers=2, env=env) as server:
        read_concurrently(server.url + article.url, views=30)
        server.stop(signal.SIGKILL)  # the views wait in Redis, not in the dead processes
    assert stored(article.pk) == (0, 0)
    with serving(workers=1, env=env) as server:
        assert fetch_counts(server.url + article.url) == (31, 31)
        server.stop(signal.SIGTERM)
    assert stored(article.pk) == (31, 31)


def test_counts_are_exact_distinct_and_monotonic_across_workers(backend):
    article = ArticleFactory()
    with serving(workers=2, env=server_env(backend, 0.2)) as server:
        url = server.url + article.url
        with ThreadPoolExecutor(max_workers=8) as pool:
            per_client = list(pool.map(_client, [url] * 8, [40] * 8))
        server.stop(signal.SIGTERM)
    everything = [counts for seen in per_client for counts in seen]
    if backend.get("REDIS_URL"):  # one INCR per view: every view its own number
        for seen in per_client:  # each reader's counts only go up
            assert seen == sorted(seen) and len(set(seen)) == len(seen)
        assert sorted(total for total, _ in everything) == list(range(1, 321))
        assert sorted(today for _, today in everything) == list(range(1, 321))
    else:
        # The shared table: each worker counts in its own column without a lock, so two
        # views at the same moment may show the same number; a reader's counts never go
        # back, each includes its own view, and the last one seen is every view.
        for seen in per_client:
            assert seen == sorted(seen) and all(total >= 1 for total, _ in seen)
        assert max(total for total, _ in everything) == 320
        assert max(today for _, today in everything) == 320
    assert stored(article.pk) == (320, 320)


def _served_by(url: str) -> int:
    """GET the article as a reader; the pid of the worker that answered."""
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER_UA})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        return int(response.headers["X-Newsdesk-Worker"])


def worker_pids(server) -> list[int]:
    path = f"/proc/{server.process.pid}/task/{server.process.pid}/children"
    with open(path) as children:
        return [int(pid) for pid in children.read().split()]


def test_a_worker_that_stops_writes_the_buffer_before_it_goes(backend):
    article = ArticleFactory()
    env = {**server_env(backend, 600), "NEWSDESK_HOTPATH_WORKER_HEADER": "true"}
    with serving(workers=2, env=env) as server:
        with ThreadPoolExecutor(max_workers=8) as pool:
            served_by = list(pool.map(_served_by, [server.url + article.url] * 40))
        workers = worker_pids(server)
        assert len(workers) == 2
        os.kill(workers[0], signal.SIGTERM)  # as granian does when it recycles a worker
        # With Redis any process writes every node's views; with the shared table a worker
        # writes the views it counted itself (the others' are written by their workers).
        expected = 40 if backend["REDIS_URL"] else served_by.count(workers[0])
        deadline = time.monotonic() + 20
        while stored(article.pk) != (expected, expected) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert stored(article.pk) == (expected, expected)
        wait_for_respawn(server, gone=workers[0])
        server.stop(signal.SIGTERM)
    assert stored(article.pk) == (40, 40)  # and nothing written twice


def wait_for_respawn(server, gone: int) -> None:
    """Granian replaces the stopped worker; a stop signal that reaches the new one while it
    is still booting can leave granian waiting for it, so let it finish first."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        workers = worker_pids(server)
        if len(workers) == 2 and gone not in workers:
            break
        time.sleep(0.1)
    time.sleep(3)  # its Django start-up
