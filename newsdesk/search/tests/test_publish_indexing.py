"""A publish indexes the page once; a draft save leaves the live entry alone; an indexed save
sets the title norms of its own entries only (newsdesk/search/autoupdate.py, backend.py)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from newsdesk.articles.factories import ArticleFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.search import backend as our_backend

from .utils import found

pytestmark = pytest.mark.django_db


def index_sql(queries) -> list[str]:
    return [q["sql"] for q in queries if IndexEntry._meta.db_table in q["sql"]]


def average_title_length() -> float:
    lengths = IndexEntry.objects.annotate(n=Length("title")).filter(n__gt=0)
    return sum(e.n for e in lengths) / len(lengths)


def entry(page) -> IndexEntry:
    """The page's entry, with `n` its title length as the backend counts it (characters on
    SQLite, lexemes of the tsvector on PostgreSQL)."""
    return IndexEntry.objects.annotate(n=Length("title")).get(
        object_id=str(page.pk), content_type_id=get_content_type_pk(ArticlePage)
    )


def test_the_backend_is_ours():
    assert isinstance(
        get_search_backend().get_index_for_model(ArticlePage), our_backend.SavedEntriesTitleNorms
    )


def test_a_draft_save_does_not_touch_the_index_and_a_publish_does(client, ranking):
    made = ArticleFactory(title="Harbour ferries resume", excerpt="Boats and bells.")
    article = ArticlePage.objects.get(pk=made.pk)
    article.title = "Lighthouse keeper retires"
    with CaptureQueriesContext(connection) as queries:
        revision = article.save_revision()
    assert index_sql(queries) == []
    assert found(client, "lighthouse") == []
    assert found(client, "ferries") == ["Harbour ferries resume"]

    with CaptureQueriesContext(connection) as queries:
        revision.publish()
    assert index_sql(queries)
    assert found(client, "lighthouse") == ["Lighthouse keeper retires"]
    assert found(client, "ferries") == []


def test_a_save_of_live_fields_is_still_indexed(client):
    article = ArticleFactory(title="Harbour ferries resume", excerpt="Boats and bells.")
    article.title = "Lighthouse keeper retires"
    article.save(update_fields=["title", "draft_title"])
    assert found(client, "lighthouse") == ["Lighthouse keeper retires"]


def test_an_indexed_save_sets_its_own_title_norm_and_no_other():
    short = ArticleFactory(title="Gulls")
    other = ArticleFactory(title="Ferries resume after the winter storms")
    IndexEntry.objects.filter(pk=entry(other).pk).update(title_norm=1.0)
    short.title = "Gulls return to the harbour"
    short.save_revision().publish()

    average = average_title_length()
    saved = entry(short)
    assert saved.title_norm == pytest.approx(average / saved.n)
    assert entry(other).title_norm == 1.0  # Wagtail's refresh would have swept it up

    call_command("update_index", verbosity=0)  # a rebuild sets every norm, as before
    rebuilt = entry(other)
    assert rebuilt.title_norm == pytest.approx(average_title_length() / rebuilt.n)


def test_the_norm_average_reads_only_the_latest_entries(monkeypatch):
    monkeypatch.setattr(our_backend, "SAMPLE", 2)
    ArticleFactory(title="A very long headline about the harbour ferries and the gulls")
    ArticleFactory(title="Gulls")
    latest = ArticleFactory(title="Ferries")
    index = get_search_backend().get_index_for_model(ArticlePage)
    newest = IndexEntry.objects.order_by("-pk")[:2].annotate(n=Length("title"))
    assert index.average_title_length() == pytest.approx(sum(e.n for e in newest) / 2)
    assert entry(latest).title_norm == pytest.approx(index.average_title_length() / entry(latest).n)
