import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from newsdesk.articles.factories import ArticleFactory, PageViewRestrictionFactory, SectionFactory
from newsdesk.articles.models import ArticlePage, HomePage, SectionPage
from newsdesk.articles.visibility import published
from newsdesk.pages.factories import StandardPageFactory
from newsdesk.pages.models import StandardPage

pytestmark = pytest.mark.django_db


def test_without_restrictions_no_restriction_join_is_made():
    article = ArticleFactory()
    with CaptureQueriesContext(connection) as queries:
        assert list(ArticlePage.objects.published()) == [article]
    restriction_table = PageViewRestriction._meta.db_table
    joins = [q["sql"] for q in queries if restriction_table in q["sql"] and "JOIN" in q["sql"]]
    assert joins == []


def test_a_restricted_article_is_not_published_to_readers():
    shown, hidden = ArticleFactory(), ArticleFactory()
    PageViewRestrictionFactory(page=hidden)
    assert list(ArticlePage.objects.published()) == [shown]


def test_every_page_type_has_the_same_published(home):
    shown, hidden, draft = SectionFactory(), SectionFactory(), SectionFactory()
    PageViewRestrictionFactory(page=hidden)
    draft.unpublish()
    about, imprint = StandardPageFactory(title="About"), StandardPageFactory(title="Imprint")
    PageViewRestrictionFactory(page=imprint)
    sections = set(SectionPage.objects.published())
    assert shown in sections and not {hidden, draft} & sections
    assert list(HomePage.objects.published()) == [home]
    assert list(StandardPage.objects.published()) == [about]
    # A lookup over Wagtail's Page uses the function the managers use.
    found = set(published(Page.objects.type(SectionPage, StandardPage)).specific())
    assert {shown, about} <= found and not {hidden, draft, imprint} & found


def test_visible_related_targets_in_one_query():
    shown, withdrawn, private = ArticleFactory(), ArticleFactory(), ArticleFactory()
    withdrawn.unpublish()
    PageViewRestrictionFactory(page=private)
    article = ArticleFactory(
        body=[
            ("paragraph", "<p>Intro.</p>"),
            ("related", {"article": shown}),
            ("related", {"article": withdrawn}),
            ("related", {"article": private}),
        ]
    )
    article.body.append(("related", {"article": article}))  # never the article itself
    with CaptureQueriesContext(connection) as queries:
        visible = article.visible_related_targets()
    assert visible == {shown.pk: shown}
    assert isinstance(visible[shown.pk], ArticlePage)
    # One query reads the boxes' articles (besides the look at the restrictions).
    table = ArticlePage._meta.db_table
    assert len([q for q in queries if table in q["sql"]]) == 1
    assert ArticleFactory().visible_related_targets() == {}
