"""The import's one-pass search indexing: what it reads from the database per batch."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.models import IndexEntry

from newsdesk.articles.factories import ArticleFactory, AuthorFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.wordpress.importer.search_index import ToIndex

pytestmark = pytest.mark.django_db


def queries_to_index(count: int) -> int:
    author = AuthorFactory(name=f"Byline Of{count}")
    articles = [ArticleFactory(authors=[author]) for _ in range(count)]
    IndexEntry.objects.all().delete()  # as after an import, which writes nothing to it before
    to_index = ToIndex()
    for article in articles:
        to_index.add(article)
    with CaptureQueriesContext(connection) as queries:
        to_index.reindex()
    return len(queries)


def test_indexing_a_batch_reads_the_bylines_once_not_per_article():
    few, many = queries_to_index(2), queries_to_index(12)
    assert few == many, "queries grew with the number of articles (a byline lookup each)"
    # And the bylines did reach the index.
    assert {a.authors.get().name for a in ArticlePage.objects.search("Of12")} == {"Byline Of12"}
