import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from newsdesk.articles.factories import ArticleFactory
from newsdesk.articles.models import ArticlePage

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
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    assert list(ArticlePage.objects.published()) == [shown]
