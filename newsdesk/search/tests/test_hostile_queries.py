"""Whatever a reader (or a robot) sends, the search page answers 200 with a clear message."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.articles.factories import ArticleFactory, AuthorFactory
from newsdesk.search.models import SynonymSet
from newsdesk.search.query import MAX_QUERY_LENGTH

from .utils import found, headlines, paragraphs, search_page

pytestmark = pytest.mark.django_db

FAILED = "could not be run"

HOSTILE = [
    '"',
    '"unbalanced harbour',
    'harbour"',
    '"" ""',
    'a" OR "b',
    "*",
    "harbour*",
    "harb*",
    "NEAR(harbour ferry)",
    "NEAR",
    "harbour AND ferry",
    "harbour OR ferry",
    "NOT harbour",
    "harbour NOT ferry",
    "((harbour",
    "harbour))",
    "{title body}: harbour",
    "title:harbour",
    "body : harbour",
    "^harbour",
    "-harbour",
    "+harbour",
    "harbour & ferry | !gull",
    "harbour:*",
    "'harbour'",
    "''",
    "\\",
    "\\'",
    "%",
    "_",
    "%harbour%",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "SELECT * FROM auth_user",
    "\x00",
    "harbour\x00ferry",
    "\x00\x01\x02\x1b[31m",
    "🎉🔥",
    "👩‍👩‍👧 harbour",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eruobrah",
    "\u200f\u200e",
    "e\u0301",
    "\u0301",
    "\ufeff",
    "\ud7ff",
    "日本語のテキスト",
    "ǅ Ǆ ǆ ß ẞ İ ı",
    "<script>alert(1)</script>",
    "&amp; &lt;",
    "%00",
    "a" * 10_000,
    "harbour " * 500,
    " ".join(f"w{i}" for i in range(300)),
]


@pytest.fixture
def articles(db):
    author = AuthorFactory(name="Ferry Writer")
    ArticleFactory(
        title="Harbour news", body=paragraphs("The ferry and the gull."), authors=[author]
    )
    ArticleFactory(title="Other", body=paragraphs("Nothing to see."))
    SynonymSet.objects.create(name="Harbour", terms="harbour, harbor, port")


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_clear_page(client, articles, ranking, query):
    html = search_page(client, query)
    assert FAILED not in html
    assert "<script>alert(1)</script>" not in html
    assert "\x00" not in html
    assert any(
        message in html
        for message in ("result", "Type something to search for.", "has no words in it")
    )


def test_empty_queries(client, articles):
    for query in (None, "", "   ", "\n\t", "\x00\x00"):
        html = search_page(client, query)
        assert "Type something to search for." in html
        assert "results" not in html.split("</form>")[1]


def test_queries_without_words(client, articles):
    for query in ("*", '"', "🎉", "((", "&|!", "'"):
        assert "Your search has no words in it to look for." in search_page(client, query)


def test_operators_are_plain_words(client, articles, ranking):
    assert found(client, "harbour*") == ["Harbour news"]
    assert found(client, '"unbalanced harbour') == []  # "unbalanced" is a word too
    assert found(client, 'harbour"') == ["Harbour news"]
    assert found(client, "(harbour) {ferry}") == ["Harbour news"]
    assert found(client, "harbour\x00ferry") == ["Harbour news"]
    # "or" is a word (found nowhere on SQLite, a stop word on PostgreSQL), never an operator.
    assert found(client, "harbour OR nothing") == []


def test_a_huge_query_is_cut_with_a_message(client, articles):
    html = search_page(client, "harbour " + "x" * 500)
    assert f"only its first {MAX_QUERY_LENGTH} characters were used" in html
    assert f'value="harbour {"x" * (MAX_QUERY_LENGTH - 8)}"' in html
    html = search_page(client, " ".join(["harbour"] + [f"w{i}" for i in range(40)]))
    assert "Only the first 12 words of your search were used." in html


@pytest.mark.parametrize(
    "params",
    [
        {"section": "\x00"},
        {"section": "' OR 1=1 --"},
        {"from": "99999-01-01"},
        {"from": "0000-00-00"},
        {"from": "0001-01-01", "to": "9999-12-31"},
        {"from": "\x00"},
        {"to": "2024-01-01T00:00"},
        {"page": "-1"},
        {"page": "0"},
        {"page": "1e10"},
        {"page": "99999999999999999999999"},
        {"page": "\x00"},
    ],
)
def test_hostile_parameters(client, articles, params):
    html = search_page(client, "harbour", **params)
    assert FAILED not in html
    # The invalid parameter is left out, and said so when it is a filter.
    assert headlines(html) == ["Harbour news"]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.text(max_size=300))
def test_any_query_gets_a_page(client, articles, query):
    html = search_page(client, query)
    assert FAILED not in html


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    query=st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    | st.sampled_from(HOSTILE[:40]),
    section=st.text(max_size=20),
    date_from=st.text(max_size=12) | st.dates().map(str),
    page=st.text(max_size=5) | st.integers().map(str),
)
def test_any_parameters_get_a_page(client, articles, query, section, date_from, page):
    html = search_page(client, query, section=section, page=page, **{"from": date_from})
    assert FAILED not in html


def test_a_database_error_still_gives_a_page(client, articles, monkeypatch, caplog):
    from django.db import DatabaseError

    def broken(*args, **kwargs):
        raise DatabaseError("fts5: syntax error")

    monkeypatch.setattr("newsdesk.search.views.search_articles", broken)
    html = search_page(client, "harbour")
    assert "Sorry, that search could not be run." in html
    assert "Search failed for 'harbour'" in caplog.text
