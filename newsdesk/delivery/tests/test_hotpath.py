"""The hot path in front of Django, called in-process: what it answers from memory, what it
counts, and what it leaves to Django."""

import dataclasses
import time

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.comments.tokens import read_form_token
from newsdesk.delivery.generation import bump_generation
from newsdesk.delivery.hotpath import HotPath, cache_key_query
from newsdesk.pageviews.counting import ViewCounts, read_counts
from newsdesk.security.factories import SuperuserFactory

from .wsgi_client import COUNTER, TOKEN, call

pytestmark = pytest.mark.django_db

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
VARYING = {"Content-Length", "X-Newsdesk-Cache"}


@pytest.fixture
def hotpath():
    return HotPath(WSGIHandler())


def steady_headers(answer) -> dict:
    return {name: value for name, value in answer.headers.items() if name not in VARYING}


def test_a_repeat_view_is_answered_from_memory_like_djangos_render(hotpath):
    article = ArticleFactory(title="Harbour bridge reopens")
    first = call(hotpath, article.url)
    second = call(hotpath, article.url)
    assert (first.status, first.cache, second.status, second.cache) == (200, "miss", 200, "hit")
    assert b"Harbour bridge reopens" in second.body
    assert second.without_live_parts() == first.without_live_parts()
    assert steady_headers(second) == steady_headers(first)
    assert second.headers["Content-Length"] == str(len(second.body))
    assert second.headers["Cache-Control"] == "no-cache"
    # And like Django alone (no hot path) renders it.
    django_alone = Client(HTTP_HOST="localhost").get(article.url).content
    assert TOKEN.sub(b"TOKEN", COUNTER.sub(b"COUNTER", django_alone)) == first.without_live_parts()


def test_every_view_from_memory_counts_exactly_once_and_shows_its_own_count(hotpath):
    article = ArticleFactory()
    seen = [call(hotpath, article.url).counts for _ in range(6)]
    assert seen == [(n, n) for n in range(1, 7)]
    assert read_counts(article.pk) == ViewCounts(6, 6)


def test_every_view_gets_a_fresh_valid_comment_form_token(hotpath):
    article = ArticleFactory()
    answers = [call(hotpath, article.url) for _ in range(3)]
    assert [a.cache for a in answers] == ["miss", "hit", "hit"]
    tokens = {TOKEN.search(a.body)[1].decode() for a in answers}
    assert len(tokens) == 3
    later = time.time() + 60  # past the minimum typing time
    for token in tokens:
        read_form_token(token, article.pk, now=later)  # raises if forged or for another page


def test_bots_prefetch_and_head_see_the_counts_without_counting(hotpath):
    article = ArticleFactory()
    counted = call(hotpath, article.url)
    bot = call(hotpath, article.url, HTTP_USER_AGENT=GOOGLEBOT)
    prefetch = call(hotpath, article.url, HTTP_SEC_PURPOSE="prefetch")
    head = call(hotpath, article.url, method="HEAD")
    assert [bot.cache, prefetch.cache, head.cache] == ["hit", "hit", "hit"]
    assert counted.counts == bot.counts == prefetch.counts == (1, 1)
    assert head.body == b"" and head.headers["Content-Length"] == str(len(bot.body))
    assert read_counts(article.pk) == ViewCounts(1, 1)


def test_an_editor_with_a_session_goes_to_django_and_is_not_counted(hotpath):
    article = ArticleFactory()
    call(hotpath, article.url)
    browser = Client(HTTP_HOST="localhost")
    browser.force_login(SuperuserFactory())
    session = browser.cookies["sessionid"].value
    answer = call(hotpath, article.url, HTTP_COOKIE=f"theme=dark; sessionid={session}")
    assert answer.status == 200 and answer.cache is None
    assert answer.counts == (1, 1)
    assert read_counts(article.pk) == ViewCounts(1, 1)


@pytest.mark.parametrize(
    "query",
    [
        "replytocom=7",
        "unapproved=3&moderation-hash=abc",
        "page=2&sort=old",
        "preview",
        "page=x",
    ],
)
def test_query_strings_that_may_change_the_page_go_to_django(hotpath, query):
    article = ArticleFactory()
    call(hotpath, article.url)
    answer = call(hotpath, article.url, query=query)
    assert answer.status == 200 and answer.cache is None
    assert answer.counts == (2, 2)  # Django counted it


def test_campaign_tags_do_not_change_the_page_and_are_answered_from_memory(hotpath):
    article = ArticleFactory()
    call(hotpath, article.url)
    answer = call(hotpath, article.url, query="utm_source=newsletter&utm_medium=email&fbclid=x1")
    assert answer.cache == "hit" and answer.counts == (2, 2)


def test_other_methods_go_to_django(hotpath):
    article = ArticleFactory()
    call(hotpath, article.url)
    answer = call(hotpath, article.url, method="OPTIONS")
    assert answer.cache is None
    assert read_counts(article.pk).total == 1


def test_a_listing_is_kept_whole_with_validators_and_answers_304(hotpath, home):
    ArticleFactory(title="Council passes the budget")
    first = call(hotpath, "/")
    second = call(hotpath, "/")
    assert (first.cache, second.cache) == ("miss", "hit")
    assert second.body == first.body and b"Council passes the budget" in second.body
    assert second.headers["Cache-Control"] == "public, no-cache"
    etag = second.headers["ETag"]
    assert etag == first.headers["ETag"] and "Last-Modified" in second.headers
    not_modified = call(hotpath, "/", HTTP_IF_NONE_MATCH=f'"other", {etag}')
    assert not_modified.status == 304 and not_modified.body == b""
    assert not_modified.headers["ETag"] == etag
    assert call(hotpath, "/", HTTP_IF_NONE_MATCH='"other"').status == 200


def test_listing_pages_are_kept_apart(hotpath, settings):
    settings.NEWSDESK_LISTING_PAGE_SIZE = 1
    # Pages after the first show the archive only (page 1 is the front page's lead and
    # section blocks), one article per page here.
    ArticleFactory(title="Oldest story")
    ArticleFactory(title="Older story")
    ArticleFactory(title="Newer story")
    page_two, page_three = call(hotpath, "/", query="page=2"), call(hotpath, "/", query="page=3")
    again = call(hotpath, "/", query="page=3")
    assert b"Older story" in page_two.body and b"Oldest story" not in page_two.body
    assert b"Oldest story" in page_three.body and again.cache == "hit"
    assert again.body == page_three.body


def test_section_tag_and_author_listings_are_answered_from_memory(hotpath, home):
    section = SectionFactory(title="Harbour")
    author = AuthorFactory(name="Ada Reporter")
    article = ArticleFactory(parent=section, tags=["ferries"], authors=[author])
    urls = [section.url, home.url + "tags/ferries/", home.url + f"authors/{author.slug}/"]
    for url in urls:
        first, second = call(hotpath, url), call(hotpath, url)
        assert (first.status, first.cache, second.cache) == (200, "miss", "hit"), url
        assert article.title.encode() in second.body


@pytest.mark.parametrize(
    ("url", "query", "content_type"),
    [
        ("/feed/", "", "application/rss+xml"),
        ("/feed/atom/", "", "application/atom+xml"),
        ("/sitemap.xml", "", "application/xml"),
        ("/sitemap-articles.xml", "p=1", "application/xml"),
    ],
)
def test_feeds_and_sitemaps_are_kept_until_a_publish(hotpath, home, url, query, content_type):
    ArticleFactory(title="Ferry timetable changes", slug="ferry-timetable")
    first, second = call(hotpath, url, query=query), call(hotpath, url, query=query)
    assert (first.status, first.cache, second.cache) == (200, "miss", "hit")
    assert second.headers["Content-Type"].startswith(content_type)
    assert second.body == first.body
    ArticleFactory(title="Night buses return", slug="night-buses")
    bump_generation()  # what a publish does once committed (test_invalidation.py checks that)
    third = call(hotpath, url, query=query)
    assert (third.status, third.cache) == (200, "miss")
    if url != "/sitemap.xml":  # the index names files, not articles
        assert b"ferry-timetable" in first.body and b"night-buses" not in first.body
        assert b"night-buses" in third.body


def test_the_news_sitemap_is_not_kept(hotpath, home):
    ArticleFactory(title="Ferry timetable changes")
    answers = [call(hotpath, "/news-sitemap.xml") for _ in range(2)]
    assert [(a.status, a.cache) for a in answers] == [(200, None), (200, None)]


def test_an_unknown_page_is_not_kept(hotpath):
    first = call(hotpath, "/no-such-page/")
    second = call(hotpath, "/no-such-page/")
    assert first.status == second.status == 404 and second.cache is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_drops_the_cached_pages(hotpath):
    article = ArticleFactory(title="First headline")
    # (With Redis, creating the article bumped a generation other nodes see within a poll.)
    assert any(call(hotpath, article.url).cache == "hit" for _ in range(20))
    article.title = "Corrected headline"
    article.save_revision().publish()
    answer = call(hotpath, article.url)
    assert answer.cache == "miss" and b"Corrected headline" in answer.body


def test_the_hot_path_can_be_switched_off(settings):
    settings.NEWSDESK_HOTPATH = False
    hotpath = HotPath(WSGIHandler())
    article = ArticleFactory()
    answers = [call(hotpath, article.url) for _ in range(2)]
    assert [a.cache for a in answers] == [None, None]
    assert answers[1].counts == (2, 2)


def test_a_page_rendered_under_an_older_generation_is_never_answered(hotpath):
    article = ArticleFactory()
    call(hotpath, article.url)
    [key] = hotpath.cache._entries
    # As if a publish had happened between the render and the storing of this page.
    hotpath.cache.put(key, dataclasses.replace(hotpath.cache.get(key), stamp=b"older"))
    assert call(hotpath, article.url).cache == "miss"
    assert call(hotpath, article.url).cache == "hit"


def test_if_modified_since_is_answered_only_well_after_a_change(hotpath, home):
    first = call(hotpath, "/")
    since = first.headers["Last-Modified"]
    # Just after this worker saw the generation change, another node could still have
    # rendered the old page within the same second: no 304 on the date alone.
    assert call(hotpath, "/", HTTP_IF_MODIFIED_SINCE=since).status == 200
    hotpath._stamp_seen_at -= 60  # as if the last change were a minute older
    answer = call(hotpath, "/", HTTP_IF_MODIFIED_SINCE=since)
    assert answer.status == 304 and answer.body == b""
    assert call(hotpath, "/", HTTP_IF_MODIFIED_SINCE="Thu, 01 Jan 2015 00:00:00 GMT").status == 200


def test_without_redis_a_node_answers_everything_through_django(settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"  # nothing listens there
    hotpath = HotPath(WSGIHandler())
    article = ArticleFactory()
    answers = [call(hotpath, article.url) for _ in range(2)]
    assert [(a.status, a.cache) for a in answers] == [(200, None), (200, None)]
    assert answers[1].counts == (2, 2)


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("", ""),
        ("page=3", "page=3"),
        ("utm_source=x&page=3&gclid=y", "page=3"),
        ("page=3&page=4", None),  # which one would Django take? Let it decide.
        ("p=2", "p=2"),  # a sitemap file
        ("p=2&page=3", None),
        ("page=\u00b9", None),  # a superscript one is a digit to Python, not to a paginator
        ("page=1234567", None),
        ("replytocom=1", None),
        ("q=bridge", None),
    ],
)
def test_which_query_strings_the_cache_answers(query, key):
    assert cache_key_query(query) == key
