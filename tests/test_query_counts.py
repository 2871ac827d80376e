"""No public page's query count grows with what it shows (issue 3, "Scale").

Each page is rendered once with a few articles (or comments, tags, related boxes) and once
with many, and must make the same number of queries both times: a query per item shown is
what turns a 100,000-article archive into a slow site. Django's test client goes straight to
Django, so these count the full render, not the hot path's cached copy.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.pageviews import store
from newsdesk.pageviews.models import MostReadList

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    response = client.get(url)  # warm Wagtail's site, locale and content-type caches
    assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def articles(count: int, first: int = 0, **kwargs):
    now = timezone.now()
    return [
        ArticleFactory(title=f"Story {n}", publication_date=now - timedelta(minutes=n), **kwargs)
        for n in range(first, first + count)
    ]


def add_comments(article, count: int) -> None:
    """Half top-level comments, half replies to them."""
    for _ in range(count // 2):
        CommentFactory(parent=CommentFactory(page=article))


@pytest.fixture
def filed():
    """What every listing filters on: a section, a tag and an author."""
    return {"parent": SectionFactory(title="Local", slug="local")}, AuthorFactory(
        name="Desk", slug="desk"
    )


def listing_urls() -> list[str]:
    return [
        "/",
        "/?page=2",
        "/local/",
        "/tags/harbour/",
        "/authors/desk/",
        "/feed/",
        "/feed/atom/",
        "/feed/section/local/",
        "/feed/tag/harbour/",
        "/feed/author/desk/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        "/sitemap-tags.xml",
        "/sitemap-authors.xml",
        "/news-sitemap.xml",
        "/search/?q=story",
    ]


def test_listings_feeds_sitemaps_and_search_cost_the_same_with_more_articles(client, filed):
    section, author = filed
    created = articles(3, tags=["harbour"], authors=[author], **section)
    for article in created:
        add_comments(article, 2)
    few = {url: queries(client, url) for url in listing_urls()}

    created += articles(30, first=3, tags=["harbour", "ferry"], authors=[author], **section)
    for article in created[3:]:
        add_comments(article, 4)
    many = {url: queries(client, url) for url in listing_urls()}
    assert many == few


def test_the_article_page_costs_the_same_with_more_comments_tags_and_bylines(client, filed):
    section, author = filed
    story, other = articles(2, tags=["harbour"], authors=[author], **section)
    add_comments(story, 2)
    few = queries(client, story.url)

    add_comments(story, 40)
    story.tags.add("ferry", "weather", "council")
    story.authors.add(AuthorFactory(name="Second"), AuthorFactory(name="Third"))
    story.save()
    assert queries(client, story.url) == few


def test_the_article_page_costs_the_same_with_more_related_boxes(client, filed):
    section, _ = filed
    targets = articles(6, **section)

    def with_boxes(n: int, title: str):
        body = [("paragraph", "<p>Opening.</p>")]
        body += [("related", {"article": target}) for target in targets[:n]]
        return ArticleFactory(title=title, body=body, **section)

    one_box = queries(client, with_boxes(1, "One box").url)
    assert queries(client, with_boxes(6, "Six boxes").url) == one_box


def test_the_comments_feed_costs_the_same_with_more_comments(client):
    (story,) = articles(1)
    add_comments(story, 2)
    url = f"/feed/comments/{story.pk}/"
    few = queries(client, url)
    add_comments(story, 30)
    assert queries(client, url) == few


def test_most_read_boxes_cost_the_same_with_more_articles_read(client, filed):
    """The home, section and article pages with a "Most read" box of 2 and then of 5 (of 12
    articles read): the box's articles are fetched together, never one by one."""
    section, _ = filed
    read = articles(12, **section)
    story = read[0]

    def read_views(chosen):
        today = timezone.localdate()
        store.add_views([(a.pk, d, 5 + n) for n, a in enumerate(chosen) for d in (None, today)])

    def page_costs():
        MostReadList.objects.all().delete()  # the lists are computed again, as when due
        return {url: queries(client, url) for url in ("/", "/local/", story.url)}

    read_views(read[:2])
    few = page_costs()
    read_views(read[2:])
    assert page_costs() == few
