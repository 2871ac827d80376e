"""The bulk builder must produce what Wagtail itself would: a valid tree, pages that serve,
a working search index, threaded comments, and a year of views whose totals and rolling
windows agree with the daily rows."""

import datetime
import random
from types import SimpleNamespace

import pytest
from django.db.models import Sum
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from bench import content, readership
from bench.builder import BuildError, bench_article_number, build
from newsdesk.articles.models import ArticlePage, Author, SectionPage
from newsdesk.comments.models import Comment
from newsdesk.pageviews import windows
from newsdesk.pageviews.models import DailyPageViews, PageViewTotal, RollingViews, RollingWindow

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


def window_sums(days: int) -> dict[int, int]:
    first = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = DailyPageViews.objects.filter(day__gte=first).values("page_id")
    return dict(rows.annotate(sum=Sum("views")).values_list("page_id", "sum"))


def test_a_year_of_views_totals_and_windows_that_agree(built):
    today = timezone.localdate()
    assert DailyPageViews.objects.count() == built.daily_views > 0
    oldest = ArticlePage.objects.order_by("publication_date").first()
    # Every day from the first article's (the small archive is younger than a year) to today.
    first_day = timezone.localdate(oldest.publication_date)
    assert today - first_day < datetime.timedelta(days=readership.DAYS)
    days = set(DailyPageViews.objects.values_list("day", flat=True))
    assert days == {
        first_day + datetime.timedelta(days=n) for n in range((today - first_day).days + 1)
    }
    summed = DailyPageViews.objects.values("page_id").annotate(sum=Sum("views"))
    assert dict(summed.values_list("page_id", "sum")) == dict(
        PageViewTotal.objects.values_list("page_id", "views")
    )
    for days in windows.window_days():
        rolling = RollingViews.objects.filter(days=days).values_list("page_id", "views")
        assert dict(rolling) == window_sums(days), days
    assert set(RollingWindow.objects.values_list("last_day", flat=True)) == {today}


def test_new_articles_are_read_most_in_their_first_days(built):
    newest = ArticlePage.objects.order_by("-publication_date").first()
    by_day = list(
        DailyPageViews.objects.filter(page=newest).order_by("day").values_list("views", flat=True)
    )
    assert by_day and by_day == sorted(by_day, reverse=True)
    # The most read of the week are recent articles, not the archive's oldest.
    top = RollingViews.objects.filter(days=7).order_by("-views").first()
    assert top.page_id > built.article_id


def test_the_views_are_the_same_on_every_build():
    plan = SimpleNamespace(articles=ARTICLES)
    published = sorted(random.Random(3).randint(1, 400) for _ in range(ARTICLES))
    day = datetime.date.fromordinal(300)
    first = readership.day_rows(plan, day, published, days_ago=4)
    assert first and first == readership.day_rows(plan, day, published, days_ago=4)
    assert first != readership.day_rows(plan, day, published, days_ago=5)
