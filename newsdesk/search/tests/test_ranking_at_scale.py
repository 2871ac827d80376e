"""Ranking reads only the first hits of a common word, however many articles it matches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.search import results
from newsdesk.search.query import parse

from .utils import found, paragraphs

pytestmark = pytest.mark.django_db


@pytest.fixture
def few_results(monkeypatch):
    monkeypatch.setattr(results, "MAX_RESULTS", 2)


def test_ranking_reads_only_the_first_hits_of_a_common_word(few_results):
    for n in range(6):
        ArticleFactory(title=f"Harbour {n}", body=paragraphs("harbour " * n))
    with CaptureQueriesContext(connection) as queries:
        found_ = results.search_articles(
            results.filtered_articles(results.Filters()), parse("harbour")
        )
    assert found_.capped and len(found_) == 2
    if connection.vendor != "sqlite":
        # PostgreSQL ranks through Wagtail's backend; the FTS5 shortcut is SQLite's alone.
        assert not results.uses_sqlite_fts5()
        return
    assert results.uses_sqlite_fts5()
    full_text = [q["sql"] for q in queries.captured_queries if "MATCH" in q["sql"]]
    # One ranking query that stops after MAX_RESULTS + 1 hits; the filters then check those
    # ids alone, never every match.
    assert len(full_text) == 1, full_text
    assert full_text[0].rstrip().endswith("LIMIT 3")


@pytest.mark.usefixtures("ranking", "few_results")
def test_a_narrow_filter_still_finds_hits_ranked_below_the_first(client):
    busy, quiet = SectionFactory(title="Busy"), SectionFactory(title="Quiet")
    for n in range(5):
        ArticleFactory(parent=busy, title=f"Harbour news {n}", body=paragraphs("harbour"))
    ArticleFactory(parent=quiet, title="Tides", body=paragraphs("Once near the harbour."))
    assert found(client, "harbour", section=quiet.slug) == ["Tides"]
    assert len(found(client, "harbour")) == 2


@pytest.mark.usefixtures("few_results")
def test_when_the_first_hits_are_filtered_out_all_the_matches_are_read():
    quiet = SectionFactory(title="Quiet")
    for n in range(5):
        ArticleFactory(title=f"Harbour news {n}", body=paragraphs("harbour"))
    ArticleFactory(parent=quiet, title="Tides", body=paragraphs("Once near the harbour."))
    in_quiet = results.filtered_articles(results.Filters(section=quiet))
    for narrow in (False, True):
        found_ = results.search_articles(in_quiet, parse("harbour"), narrow=narrow)
        assert [article.title for article in found_[:]] == ["Tides"]
