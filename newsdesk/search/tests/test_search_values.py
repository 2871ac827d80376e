"""An indexed save reads the article body into text once, not once per index column."""

import pytest
from wagtail.fields import StreamField
from wagtail.search.backends import get_search_backend

from newsdesk.articles.factories import ArticleFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.articles.search_values import SearchField, one_value_per_object

pytestmark = pytest.mark.django_db


@pytest.fixture
def body_reads(monkeypatch):
    reads = []
    original = StreamField.get_searchable_content

    def counted(field, value):
        reads.append(value)
        return original(field, value)

    monkeypatch.setattr(StreamField, "get_searchable_content", counted)
    return reads


def test_indexing_an_article_reads_its_body_once(body_reads):
    article = ArticleFactory(body=[("paragraph", "<p>The ferry timetable changes.</p>")])
    body_reads.clear()
    get_search_backend().add(article)
    assert len(body_reads) == 1
    assert list(ArticlePage.objects.search("timetable")) == [article]


def test_outside_an_indexing_pass_the_value_is_read_each_time(body_reads):
    article = ArticleFactory()
    field = SearchField("body")
    body_reads.clear()
    field.get_value(article), field.get_value(article)
    with one_value_per_object():
        assert field.get_value(article) == field.get_value(article)
    assert len(body_reads) == 3
