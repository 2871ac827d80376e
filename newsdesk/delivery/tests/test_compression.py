"""Listings answered from memory are sent gzipped to clients that take it, compressed once
per version of the page; articles are not (each answer has its own counts)."""

import gzip

import pytest
from django.core.handlers.wsgi import WSGIHandler

from newsdesk.articles.factories import ArticleFactory
from newsdesk.delivery.compression import accepts_gzip
from newsdesk.delivery.hotpath import HotPath

from .wsgi_client import call

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def hotpath():
    return HotPath(WSGIHandler())


@pytest.mark.parametrize("url", ["/", "/feed/", "/sitemap.xml"])
def test_a_listing_is_gzipped_for_a_client_that_takes_it(hotpath, home, url):
    ArticleFactory(title="Council passes the budget")
    plain = call(hotpath, url)
    zipped = call(hotpath, url, **GZIP)
    again = call(hotpath, url, **GZIP)
    assert zipped.cache == again.cache == "hit"
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.body) == plain.body
    assert int(zipped.headers["Content-Length"]) == len(zipped.body) < len(plain.body)
    assert "Content-Encoding" not in plain.headers
    for answer in (plain, zipped):
        assert "accept-encoding" in answer.headers["Vary"].lower()
    # Two representations, two validators; each answers its own 304.
    assert zipped.headers["ETag"] != plain.headers["ETag"]
    tag = zipped.headers["ETag"]
    assert call(hotpath, url, HTTP_IF_NONE_MATCH=tag, **GZIP).status == 304
    assert call(hotpath, url, HTTP_IF_NONE_MATCH=tag).status == 200


def test_a_listing_is_compressed_once_per_version(hotpath, home, monkeypatch):
    from newsdesk.delivery import compression

    made = []
    real = compression.encodings
    monkeypatch.setattr(compression, "encodings", lambda *a: made.append(1) or real(*a))
    ArticleFactory()
    call(hotpath, "/", **GZIP)
    call(hotpath, "/", **GZIP)  # the first answer may fill the home page's live parts
    made.clear()
    answers = {call(hotpath, "/", **GZIP).body for _ in range(4)}
    assert len(answers) == 1 and made == []


def test_articles_are_sent_as_they_are(hotpath):
    article = ArticleFactory()
    call(hotpath, article.url, **GZIP)
    answer = call(hotpath, article.url, **GZIP)
    assert answer.cache == "hit" and "Content-Encoding" not in answer.headers
    assert b"Visited 2 times" in answer.body


@pytest.mark.parametrize(
    "header, takes",
    [
        ("gzip", True),
        ("deflate, gzip;q=0.5", True),
        ("GZIP", True),
        ("gzip;q=0", False),
        ("gzip; q=0.000", False),
        ("br, deflate", False),
        ("x-gzip-like", False),
        ("", False),
    ],
)
def test_accept_encoding_is_read_with_its_qualities(header, takes):
    assert accepts_gzip({"HTTP_ACCEPT_ENCODING": header}) is takes
