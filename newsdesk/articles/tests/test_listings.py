import re
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db


def headlines(html: str) -> list[str]:
    return re.findall(r'<h2 class="item-headline"><a href="[^"]+">([^<]+)</a></h2>', html)


def make_articles(n, first=0, **kwargs):
    now = timezone.now()
    return [
        ArticleFactory(title=f"Story {i}", publication_date=now - timedelta(hours=i), **kwargs)
        for i in range(first, first + n)
    ]


def test_home_lists_newest_first_with_section_excerpt_date_and_comment_count(client):
    section = SectionFactory(title="Business")
    older, newer = make_articles(2, parent=section)[::-1]
    CommentFactory(page=newer)
    CommentFactory(page=newer, pending=True)
    html = client.get("/").content.decode()
    html = html[html.index('id="latest-title"') :]  # the archive under the lead and blocks
    assert headlines(html) == ["Story 0", "Story 1"]
    item = html[html.index("Story 0") : html.index("Story 1")]
    assert "What happened in Story 0." in item and "1 comment<" in item
    assert f'<a href="{section.url}">Business</a>' in html
    assert re.search(r'<time datetime="[^"]+">\d+ \w+ \d{4}</time>', item)
    # The front page no longer repeats the navigation's sections in a sidebar (issue 16).
    assert '<h2 id="sections-title">Sections</h2>' not in html


def test_section_lists_its_articles_and_those_filed_there_too(client):
    sport, culture = SectionFactory(title="Sport"), SectionFactory(title="Culture")
    ArticleFactory(parent=sport, title="Match report")
    ArticleFactory(parent=culture, title="Stadium concert", further_sections=[sport])
    ArticleFactory(parent=culture, title="Gallery opens")
    html = client.get(sport.url).content.decode()
    assert sorted(headlines(html)) == ["Match report", "Stadium concert"]


def test_tag_and_author_pages(client):
    author = AuthorFactory(name="Pia Lund", bio="Covers the harbour.")
    ArticleFactory(title="Tagged by Pia", tags=["harbour"], authors=[author])
    ArticleFactory(title="Untagged")
    tag_html = client.get("/tags/harbour/").content.decode()
    assert headlines(tag_html) == ["Tagged by Pia"] and "Tag: harbour" in tag_html
    author_html = client.get("/authors/pia-lund/").content.decode()
    assert headlines(author_html) == ["Tagged by Pia"] and "Covers the harbour." in author_html
    assert client.get("/tags/nothing/").status_code == 404
    assert client.get("/authors/nobody/").status_code == 404


def test_listings_paginate(client, settings):
    settings.NEWSDESK_LISTING_PAGE_SIZE = 3
    make_articles(7)
    page_one = client.get("/").content.decode()
    assert headlines(page_one) == ["Story 0", "Story 1", "Story 2"]
    assert "Page 1 of 3" in page_one and 'rel="next" href="?page=2"' in page_one
    assert headlines(client.get("/?page=3").content.decode()) == ["Story 6"]
    assert headlines(client.get("/?page=99").content.decode()) == ["Story 6"]


def test_unpublished_articles_are_not_listed(client):
    kept, withdrawn = make_articles(2, tags=["t"])
    withdrawn.unpublish()
    for url in ("/", kept.get_parent().url, "/tags/t/"):
        assert headlines(client.get(url).content.decode()) == ["Story 0"], url


@pytest.mark.parametrize("url", ["/", "/uncategorized/", "/tags/t/", "/authors/a/"])
def test_listing_queries_do_not_grow_with_items(client, django_assert_max_num_queries, url):
    author = AuthorFactory(name="A", slug="a")
    for article in make_articles(3, tags=["t"], authors=[author]):
        CommentFactory(page=article)
    client.get(url)  # warm Wagtail's site and content type caches
    # (+2 since the "Most read" box: its stored list, and its articles when it has any.)
    # The front page adds its lead story, sections and section blocks: three queries however
    # many sections there are (HomePage.front_blocks).
    with django_assert_max_num_queries(21 if url == "/" else 18) as few:
        client.get(url)
    for article in make_articles(9, first=3, tags=["t"], authors=[author]):
        CommentFactory(page=article)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_one_listing_url_for_tags_and_authors(home, client):
    author = AuthorFactory(name="Mara Ocampo")
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert home.listing_url("tag", "flood", request) == "/tags/flood/"
    assert home.listing_url("author", author.slug) == "/authors/mara-ocampo/"
    assert home.listing_url("tag", "flood", request, full=True) == "http://localhost/tags/flood/"
    assert author.get_absolute_url() == "/authors/mara-ocampo/"
    # The article page links the same listings.
    article = ArticleFactory(tags=["flood"], authors=[author])
    html = client.get(article.url).content.decode()
    assert '<a href="/tags/flood/" rel="tag">flood</a>' in html
    assert '<a href="/authors/mara-ocampo/" rel="author">Mara Ocampo</a>' in html
    assert client.get("/tags/flood/").status_code == 200


def test_a_home_page_no_site_serves_has_no_listing_urls(home):
    Site.objects.all().delete()
    assert home.listing_url("tag", "flood") is None
    assert AuthorFactory().get_absolute_url() == ""
