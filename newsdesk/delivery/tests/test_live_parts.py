"""Live parts of cached pages ("Most read"): filled from the worker's memory per response, so
a kept page follows the list without a publish, and a listing's validators follow it too."""

import re
import time

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory
from newsdesk.delivery import live
from newsdesk.delivery.hotpath import HotPath
from newsdesk.delivery.pagecache import build_cached_page
from newsdesk.pageviews import store
from newsdesk.pageviews.models import MostReadList

from .wsgi_client import call

pytestmark = pytest.mark.django_db
BOX = re.compile(rb'<aside class="most-read".*?</aside>', re.S)


def viewed(article, views: int) -> None:
    store.add_views([(article.pk, None, views), (article.pk, timezone.localdate(), views)])


def new_list_due(hotpath: HotPath) -> None:
    """As if NEWSDESK_MOST_READ_DELAY had passed: the list is due, and the worker's
    background refresh runs."""
    MostReadList.objects.update(computed_at=time.time() - 3600)
    hotpath.live.refresh()


def headlines(body: bytes) -> list[bytes]:
    box = BOX.search(body)
    return re.findall(rb'<a href="[^"]+">([^<]+)</a>', box[0]) if box else []


def test_a_kept_article_follows_the_list_without_a_publish():
    hotpath = HotPath(WSGIHandler())
    shown, rising, steady = ArticleFactory(), ArticleFactory(title="Rising"), ArticleFactory()
    viewed(steady, 5)
    call(hotpath, shown.url)
    assert call(hotpath, shown.url).cache == "hit"
    viewed(rising, 50)
    new_list_due(hotpath)
    answer = call(hotpath, shown.url)
    assert answer.cache == "hit"  # still the kept page: only the live part changed
    assert headlines(answer.body)[0] == b"Rising"


def test_a_kept_listing_changes_its_validators_with_the_list():
    hotpath = HotPath(WSGIHandler())
    first, second = ArticleFactory(title="First"), ArticleFactory(title="Second")
    viewed(first, 5)
    call(hotpath, "/")
    before = call(hotpath, "/")
    assert before.cache == "hit" and headlines(before.body) == [b"First"]
    etag = before.headers["ETag"]
    assert call(hotpath, "/", HTTP_IF_NONE_MATCH=etag).status == 304
    viewed(second, 9)
    new_list_due(hotpath)
    after = call(hotpath, "/", HTTP_IF_NONE_MATCH=etag)
    assert after.status == 200 and headlines(after.body) == [b"Second", b"First"]
    assert after.headers["ETag"] != etag
    assert call(hotpath, "/", HTTP_IF_NONE_MATCH=after.headers["ETag"]).status == 304


def test_a_kept_listing_is_made_again_only_when_a_part_changed(monkeypatch):
    hotpath = HotPath(WSGIHandler())
    first, second = ArticleFactory(title="First"), ArticleFactory(title="Second")
    viewed(first, 5)
    call(hotpath, "/")
    made = []
    version = hotpath.live.version
    monkeypatch.setattr(hotpath.live, "version", lambda slots: made.append(slots) or version(slots))
    answers = [call(hotpath, "/") for _ in range(3)]
    assert len(made) == 1 and len({a.body for a in answers}) == 1
    new_list_due(hotpath)  # computed again, the same list: nothing to make again
    assert call(hotpath, "/").body == answers[0].body and len(made) == 1
    viewed(second, 9)
    new_list_due(hotpath)
    assert headlines(call(hotpath, "/").body) == [b"Second", b"First"] and len(made) == 2


def test_misplaced_markers_make_a_page_unkept_never_wrong():
    body = b"<html><p>" + live.OPEN + b"most_read:site-->no end</p></html>"
    headers = [("Content-Type", "text/html; charset=utf-8")]
    assert build_cached_page("listing", 1, headers, body, time.time()) is None


def test_an_unknown_part_or_key_is_refused():
    with pytest.raises(ValueError):
        live.prepare("weather", "site")
    with pytest.raises(ValueError):
        live.prepare("most_read", "site-->")


def test_a_part_that_cannot_be_prepared_leaves_the_page_served_without_it(monkeypatch):
    from django.db import OperationalError

    from newsdesk.outages import outage

    calls = []

    def failing(key):
        calls.append(key)
        raise OperationalError("the database went away")

    monkeypatch.setitem(live.PARTS, "flaky", failing)
    parts = live.LiveParts()
    assert parts.fill("live:flaky:site", None) == b""
    assert parts.fill("live:flaky:site", None) == b""  # within the retry pause: not asked again
    assert calls == ["site"]
    assert outage("The database (live parts of cached pages)").is_down
    outage("The database (live parts of cached pages)").succeeded()
