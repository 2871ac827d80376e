"""Invalidation seen by real `newsdesk serve` processes: every worker of one server within a
second of each change, and, through Redis, two separate servers (two nodes)."""

import os
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.models import Comment
from newsdesk.testing import running_server

from .wsgi_client import BROWSER_UA

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORKER_HEADER = {"NEWSDESK_HOTPATH_WORKER_HEADER": "1"}
DEADLINE = 1.0  # seconds from the committed change to every worker showing it


@dataclass
class Fetched:
    status: int
    cache: str | None
    worker: str
    body: bytes
    sent_at: float


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(url: str) -> Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER_UA})
    sent_at = time.monotonic()
    try:
        response = _opener.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        headers = response.headers
        cache, worker = headers["X-Newsdesk-Cache"], headers["X-Newsdesk-Worker"]
        return Fetched(response.status, cache, worker, response.read(), sent_at)


def fetch_many(url: str, count: int) -> list[Fetched]:
    # Several connections at once, so that every worker process takes some of them.
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(fetch, [url] * count))


def warm(url: str, workers: int = 2) -> set[str]:
    """Request `url` until `workers` distinct worker processes answer it from memory."""
    hits: set[str] = set()
    for _ in range(50):
        hits |= {f.worker for f in fetch_many(url, 8) if f.cache == "hit"}
        if len(hits) >= workers:
            return hits
    pytest.fail(f"{url} was not answered from memory by {workers} workers")


def every_worker_shows(url: str, workers: set[str], shows_change, what: str) -> None:
    """Each worker answers a request sent within DEADLINE of the change with the change
    (rendering it may take longer on a loaded machine), and never the old page after that."""
    deadline = time.monotonic() + DEADLINE
    updated: set[str] = set()
    while time.monotonic() < deadline:
        for fetched in sorted(fetch_many(url, 4), key=lambda f: f.sent_at):
            if shows_change(fetched):
                if fetched.sent_at < deadline:
                    updated.add(fetched.worker)
            else:
                assert fetched.worker not in updated, f"{what}: a worker went back to the old page"
        if updated >= workers:
            return
    pytest.fail(f"{what}: workers {sorted(workers - updated)} still showed the old page")


def test_every_change_reaches_every_worker_within_a_second():
    story = ArticleFactory(title="Harbour bridge reopens", tags=["harbour"])
    neighbour = ArticleFactory(title="Ferry timetable", tags=["harbour"])
    doomed = [ArticleFactory(title=f"Short-lived story {n}") for n in range(3)]
    with running_server(workers=2, env=WORKER_HEADER) as base:
        story_url, neighbour_url = base + story.url, base + neighbour.url

        workers = warm(base + "/")
        fresh = ArticleFactory(title="Breaking: tide record")
        every_worker_shows(
            base + "/", workers, lambda f: b"Breaking: tide record" in f.body, "publish"
        )

        warm(story_url)
        story.title = "Harbour bridge reopens at last"
        story.save_revision().publish()
        every_worker_shows(story_url, workers, lambda f: b"reopens at last" in f.body, "edit")

        # The neighbour's automatic related box shows the story's headline.
        assert b"Harbour bridge reopens at last" in fetch(neighbour_url).body
        warm(neighbour_url)
        story.title = "Bridge reopens: what changes for drivers"
        story.save_revision().publish()
        every_worker_shows(
            neighbour_url, workers, lambda f: b"what changes for drivers" in f.body, "related box"
        )

        warm(story_url)
        comment = CommentFactory(page=story, body="Finally, a shorter commute.")
        every_worker_shows(
            story_url, workers, lambda f: b"a shorter commute" in f.body, "comment approved"
        )

        warm(story_url)
        comment.moderate(Comment.Status.TRASH)
        every_worker_shows(
            story_url, workers, lambda f: b"a shorter commute" not in f.body, "comment removed"
        )

        moved, unpublished, deleted = doomed
        for article, change, what in [
            (moved, lambda a: a.move(SectionFactory(), pos="last-child"), "move"),
            (unpublished, lambda a: a.unpublish(), "unpublish"),
            (deleted, lambda a: a.delete(), "delete"),
        ]:
            url = base + article.url
            warm(url)
            change(article)
            every_worker_shows(url, workers, lambda f: f.status != 200, what)
        assert fresh.live


def redis_url_for_tests() -> str:
    """Redis database 2 on the server REDIS_URL names (or the local one)."""
    base = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    return base.rsplit("/", 1)[0] + "/2"


def require_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no Redis at {url}: {error}")


def test_through_redis_two_servers_both_see_an_edit(settings):
    url = redis_url_for_tests()
    require_redis(url)
    settings.REDIS_URL = url  # this process bumps the generation in Redis too
    story = ArticleFactory(title="Council passes the budget")
    with (
        tempfile.TemporaryDirectory() as node_a,
        tempfile.TemporaryDirectory() as node_b,
        # Separate var folders: the two servers share no generation file, only Redis.
        running_server(1, {**WORKER_HEADER, "REDIS_URL": url, "NEWSDESK_VAR_DIR": node_a}) as a,
        running_server(1, {**WORKER_HEADER, "REDIS_URL": url, "NEWSDESK_VAR_DIR": node_b}) as b,
    ):
        workers = warm(a + story.url, workers=1) | warm(b + story.url, workers=1)
        story.title = "Council passes the budget after all-night session"
        story.save_revision().publish()
        deadline = time.monotonic() + DEADLINE
        updated: set[str] = set()
        while time.monotonic() < deadline and updated != workers:
            for base in (a, b):
                fetched = fetch(base + story.url)
                if b"all-night session" in fetched.body and fetched.sent_at < deadline:
                    updated.add(fetched.worker)
        assert updated == workers, "a server still showed the old page through Redis"
