"""A Redis outage under a real `newsdesk serve`: the site keeps answering, views keep being
counted, the log says so once, and everything resumes when Redis is back, without a restart.

The server runs with REDIS_URL pointing at a redis-server of the test's own, which the test
kills (as a crash would: it keeps nothing) and starts again, empty, on the same port.
"""

import re
import time
import urllib.error
import urllib.request

import pytest
import redis
from django.db import connection

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.testing import VALID, typed_token
from newsdesk.outages import RETRY_AFTER
from newsdesk.pageviews.models import PageViewTotal
from newsdesk.testing import PrivateRedis, running_server

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
COUNTER = re.compile(rb"Visited (\d+) times, (\d+) visit\(s\) today")
VIEWS_PER_PHASE = 15


def get(url: str, reader: bool = False) -> tuple[int, bytes]:
    headers = {"User-Agent": BROWSER_UA} if reader else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def post_comment(base_url: str, article, body: str) -> int:
    fields = {**VALID, "body": body, "form_token": typed_token(article)}
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(f"{base_url}/comments/post/{article.pk}/", data=data)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def read_article(url: str) -> list[int]:
    """VIEWS_PER_PHASE reader views; the totals their counter lines showed."""
    totals = []
    for _ in range(VIEWS_PER_PHASE):
        status, body = get(url, reader=True)
        assert status == 200
        totals.append(int(COUNTER.search(body)[1]))
    return totals


@pytest.fixture
def site():
    section = SectionFactory(title="Harbour")
    article = ArticleFactory(title="The harbour bridge plan", parent=section)
    ArticleFactory(title="Ferry timetable changes", parent=section)
    pages = {
        "home": "/",
        "article": article.url,
        "section": section.url,
        "feed": "/feed/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "api": "/api/v2/articles/",
        "comments api": f"/api/articles/{article.pk}/comments/",
        "search": "/search/?q=harbour",
        "missing page": "/no-such-page/",
    }
    return article, pages


def wait_until_stored(article, views: int) -> None:
    for _ in range(100):  # the flush interval is 0.2 s: a few tries, or a hang
        if PageViewTotal.objects.filter(page=article, views=views).exists():
            return
        time.sleep(0.1)
    raise AssertionError(f"the {views} views were not written to the database")


def database_sessions() -> list[tuple]:
    """Other sessions of the test database and what they wait on (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, state, wait_event_type, wait_event, left(query, 120) "
            "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchall()


def statuses(base_url: str, pages: dict) -> dict[str, int]:
    return {name: get(base_url + path)[0] for name, path in pages.items()}


def test_the_site_keeps_serving_and_counting_through_a_redis_outage(site, tmp_path):
    article, pages = site
    log = tmp_path / "server.log"
    with PrivateRedis() as private, log.open("w") as output:
        env = {"REDIS_URL": private.url, "NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL": "0.2"}
        with running_server(workers=2, env=env, output=output) as base_url:
            article_url = base_url + article.url
            before = statuses(base_url, pages)
            assert before["missing page"] == 404
            assert all(status == 200 for name, status in before.items() if name != "missing page")
            up = read_article(article_url)
            assert post_comment(base_url, article, "Before the outage.") == 303

            wait_until_stored(article, VIEWS_PER_PHASE)  # Redis keeps nothing of its own
            private.stop()
            during = statuses(base_url, pages)
            down = read_article(article_url)
            assert post_comment(base_url, article, "During the outage.") == 303
            assert during == before, "every page that answered still answers the same"

            private.start()  # back, and empty
            time.sleep(RETRY_AFTER + 0.5)  # the workers try Redis again after this
            after = statuses(base_url, pages)
            back = read_article(article_url)
            assert after == before
            client = redis.Redis.from_url(private.url)
            assert client.keys("newsdesk:views:*"), "counting went back to Redis"
            assert post_comment(base_url, article, "After the outage.") == 303
            assert client.keys("newsdesk:marks:*"), "the rate limits went back to Redis"
            sessions = database_sessions()
        pending = {k: client.hgetall(k) for k in client.keys("newsdesk:views:*:pending")}

    # Every view was counted and persisted (the graceful stop flushed the last ones).
    served = 3 * VIEWS_PER_PHASE
    # What to find a cause with, if views go missing: the counts readers saw, the views
    # still pending in Redis after the stop, the database sessions just before it, the log.
    seen = (
        f"shown: {up} {down} {back}; pending after the stop: {pending}; "
        f"sessions before the stop: {sessions}; server log:\n{log.read_text()}"
    )
    assert PageViewTotal.objects.get(page=article).views == served, seen
    # What readers saw never went backwards, and each phase saw its own views.
    shown = up + down + back
    assert shown == sorted(shown) and shown[-1] == served
    assert len(set(down)) == VIEWS_PER_PHASE and len(set(back)) == VIEWS_PER_PHASE
    assert Comment.objects.filter(page=article).count() == 3
    # The log says it once per process (two workers, the server), not once per request.
    text = log.read_text()
    went = text.count("is unavailable")
    assert 1 <= went <= 3, text
    assert text.count("works again after") <= went
