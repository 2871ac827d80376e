"""Search results of anonymous readers answered from the hot path's memory, as listings are,
until the next publish (newsdesk.delivery; docs/search.md)."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from newsdesk.articles.factories import ArticleFactory
from newsdesk.delivery.generation import bump_generation
from newsdesk.delivery.hotpath import HotPath, query_page_key
from newsdesk.delivery.tests.wsgi_client import call
from newsdesk.security.factories import SuperuserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hotpath():
    return HotPath(WSGIHandler())


def test_a_repeated_search_is_answered_from_memory_until_a_publish(hotpath):
    ArticleFactory(title="Harbour bridge plan approved")
    first = call(hotpath, "/search/", query="q=bridge+plan")
    second = call(hotpath, "/search/", query="q=bridge+plan")
    assert (first.status, first.cache, second.status, second.cache) == (200, "miss", 200, "hit")
    assert second.body == first.body
    assert b"<mark>bridge</mark> <mark>plan</mark>" in second.body
    assert second.headers["Cache-Control"] == "public, no-cache" and "ETag" in second.headers
    ArticleFactory(title="A second bridge plan")
    bump_generation()  # what a publish does once committed (delivery's invalidation tests)
    third = call(hotpath, "/search/", query="q=bridge+plan")
    assert (third.status, third.cache) == (200, "miss")
    assert b"A second <mark>bridge</mark> <mark>plan</mark>" in third.body


def test_each_query_has_its_own_answer_and_campaign_tags_share_it(hotpath):
    ArticleFactory(title="Harbour bridge plan approved")
    ArticleFactory(title="Ferry timetable changes")
    bridge = call(hotpath, "/search/", query="q=bridge")
    ferry = call(hotpath, "/search/", query="q=ferry")
    tagged = call(hotpath, "/search/", query="utm_source=mail&q=ferry")
    assert (bridge.cache, ferry.cache, tagged.cache) == ("miss", "miss", "hit")
    assert b"Ferry" not in bridge.body and b"<mark>Ferry</mark>" in ferry.body
    assert tagged.body == ferry.body


def test_the_query_is_escaped_in_the_kept_answer(hotpath):
    ArticleFactory(title="Harbour bridge plan approved")
    query = "q=%3Cscript%3Ebridge%3C%2Fscript%3E"
    answers = [call(hotpath, "/search/", query=query) for _ in range(2)]
    assert [a.cache for a in answers] == ["miss", "hit"]
    assert b"<script>bridge" not in answers[1].body
    assert b"&lt;script&gt;bridge&lt;/script&gt;" in answers[1].body


def test_search_results_do_not_push_articles_out_of_memory(hotpath, settings):
    article = ArticleFactory(title="Harbour bridge plan approved")
    call(hotpath, article.url)
    for n in range(5):
        call(hotpath, "/search/", query=f"q=bridge+{n}")
    assert len(hotpath.query_cache) == 5
    assert call(hotpath, article.url).cache == "hit"


def test_an_editor_and_a_failed_search_are_not_kept(hotpath, monkeypatch):
    ArticleFactory(title="Harbour bridge plan approved")
    browser = Client(HTTP_HOST="localhost")
    browser.force_login(SuperuserFactory())
    session = browser.cookies["sessionid"].value
    editor = call(hotpath, "/search/", query="q=bridge", HTTP_COOKIE=f"sessionid={session}")
    assert editor.status == 200 and editor.cache is None

    from django.db import DatabaseError

    from newsdesk.search import views

    def failing(*args, **kwargs):
        raise DatabaseError("the index is away")

    monkeypatch.setattr(views, "search_articles", failing)
    answers = [call(hotpath, "/search/", query="q=ferry") for _ in range(2)]
    assert [(a.status, a.cache) for a in answers] == [(200, None), (200, None)]
    assert b"could not be run" in answers[1].body


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("q=bridge+plan", "q=bridge+plan"),
        ("q=a&section=world&page=2", "q=a&section=world&page=2"),
        ("utm_source=x&q=a&fbclid=1", "q=a"),
        ("q=" + "a" * 600, None),  # too long to keep: Django answers it
    ],
)
def test_which_search_queries_are_kept_and_under_what_key(query, key):
    assert query_page_key(query) == key
