"""The bulk builder must produce what Wagtail itself would: a valid tree, pages that serve,
a working search index and threaded comments."""

import pytest
from taggit.models import Tag
from wagtail.models import Page

from bench import content
from bench.builder import BuildError, bench_article_number, build
from newsdesk.articles.models import ArticlePage, Author, SectionPage
from newsdesk.comments.models import Comment

ARTICLES, COMMENTS = 200, 1000


@pytest.fixture
def built(db):
    return build(ARTICLES, COMMENTS, log=lambda message: None)


def test_a_valid_tree_of_articles_with_bodies_tags_bylines_and_comments(built):
    assert Page.find_problems() == ([], [], [], [], [])
    for section in SectionPage.objects.all():
        assert section.numchild == section.get_children().count()
    assert ArticlePage.objects.count() == ARTICLES
    article = ArticlePage.objects.get(pk=built.article_id)
    assert article.title == content.headline(bench_article_number(ARTICLES))
    assert article.get_parent().specific.title in content.SECTIONS
    assert article.url_path == article.get_parent().url_path + article.slug + "/"

    kinds = [block.block_type for block in article.body]
    assert kinds.count("paragraph") >= 6 and "subheading" in kinds and "quote" in kinds
    assert 2 <= article.tags.count() <= 3
    assert article.authors.count() == 1
    assert Comment.objects.count() == COMMENTS
    assert Comment.objects.filter(page=article).count() == COMMENTS // ARTICLES
    replies = Comment.objects.exclude(parent=None)
    assert replies.exists()
    assert all(r.page_id == r.parent.page_id and r.depth == r.parent.depth + 1 for r in replies)
    common = Tag.objects.get(name=content.tag_names(1)[0])
    assert ArticlePage.objects.filter(tags=common).count() == ARTICLES // 5
    assert Author.objects.get(name="Staff reporter").articles.count() == ARTICLES // 8


def test_pages_listings_feed_and_search_answer(built, client):
    article = ArticlePage.objects.get(pk=built.article_id)
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html
    assert "Other Topics of Interest" in html
    section = SectionPage.objects.get(title=content.SECTIONS[0])
    for url in ["/", "/?page=2", section.url, "/feed/", "/sitemap.xml"]:
        assert client.get(url).status_code == 200, url
    # The number in the headline is its only word no other article has.
    found = client.get("/search/", {"q": str(bench_article_number(ARTICLES))})
    assert found.status_code == 200
    assert f'href="{article.url}"' in found.content.decode()


def test_a_database_with_articles_is_refused(db):
    build(2, 0, log=lambda message: None)
    with pytest.raises(BuildError, match="already has articles"):
        build(2, 0, log=lambda message: None)
