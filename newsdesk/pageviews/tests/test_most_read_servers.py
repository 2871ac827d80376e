"""'Most read' through real servers: the list follows real reading on every worker without a
publish (the pages stay kept in memory), and two servers on one Redis show the same list."""

import re
import time
import urllib.request
import uuid

import pytest

from newsdesk.articles.factories import ArticleFactory
from newsdesk.testing import delete_keys, require_redis, running_server

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
BOX = re.compile(rb'<aside class="most-read".*?</aside>', re.S)
ENV = {"NEWSDESK_MOST_READ_DELAY": "2", "NEWSDESK_HOTPATH_WORKER_HEADER": "1"}


def fetch(url: str) -> tuple[bytes, str, str]:
    """A reader's GET on a new connection: the body, the worker, the cache label."""
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER})
    with urllib.request.urlopen(request, timeout=30) as response:
        worker = response.headers["X-Newsdesk-Worker"]
        return response.read(), worker, response.headers.get("X-Newsdesk-Cache", "")


def first_headline(body: bytes) -> bytes | None:
    box = BOX.search(body)
    found = re.search(rb'<a href="[^"]+">([^<]+)</a>', box[0]) if box else None
    return found[1] if found else None


def wait_for_first(url: str, headline: bytes, workers_wanted: int = 2) -> set[str]:
    """Fetch until every worker shows `headline` first: the workers that did (the loop is
    bounded by tries, to end a hang; the list's delay is 2 s here)."""
    shown_by: set[str] = set()
    for _ in range(400):
        body, worker, _cache = fetch(url)
        if first_headline(body) == headline:
            shown_by.add(worker)
            if len(shown_by) >= workers_wanted:
                break
        time.sleep(0.1)
    return shown_by


def test_the_list_follows_reading_on_every_worker():
    early = ArticleFactory(title="Early story")
    late = ArticleFactory(title="Late story")
    with running_server(workers=2, env={**ENV, "REDIS_URL": ""}) as base:
        for _ in range(3):
            fetch(base + early.url)
        assert len(wait_for_first(base + "/", b"Early story")) == 2
        for _ in range(10):
            fetch(base + late.url)
        assert len(wait_for_first(base + "/", b"Late story")) == 2
        # Still the kept page: the list changed, nothing was published.
        assert fetch(base + "/")[2] == "hit"


def test_two_servers_on_one_redis_show_the_same_list(tmp_path):
    url = require_redis()
    prefix = f"most-read-{uuid.uuid4().hex}"
    env = {**ENV, "REDIS_URL": url, "NEWSDESK_CACHE_PREFIX": prefix}
    articles = [ArticleFactory(title=f"Story {n}") for n in range(4)]
    try:
        with (
            running_server(1, {**env, "NEWSDESK_VAR_DIR": str(tmp_path / "a")}) as one,
            running_server(1, {**env, "NEWSDESK_VAR_DIR": str(tmp_path / "b")}) as two,
        ):
            for n, article in enumerate(articles):
                for _ in range(n + 1):
                    fetch((one if n % 2 else two) + article.url)
            assert wait_for_first(one + "/", b"Story 3", workers_wanted=1)
            assert wait_for_first(two + "/", b"Story 3", workers_wanted=1)
            boxes = {BOX.search(fetch(server + "/")[0])[0] for server in (one, two)}
            assert len(boxes) == 1, boxes
    finally:
        delete_keys(url, f"{prefix}:*")
