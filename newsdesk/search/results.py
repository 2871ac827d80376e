"""Running a search over published articles: a ranked list of ids, headline hits first.

Ranking is done once per request into a list of article ids (at most MAX_RESULTS); a page of
results then loads only its own articles. Headline hits (the headline matches the whole
query) come first, then the other hits, each group in the backend's order of relevance: the
backends alone do not promise that order (SQLite's bm25() weighs the title and body columns
alike in Wagtail's query; PostgreSQL's weights favour the title, but only as a factor).

Two ways to rank, the same results:

* PostgreSQL (and any other backend): Wagtail's search API, `queryset.search(query)`.
* SQLite with FTS5 (the default): one query on the FTS5 table that Wagtail's database
  backend keeps, driven by the FTS index. Wagtail's own SQLite query ranks each match with a
  correlated subquery that runs the full-text match again per row, which grows with the
  square of the number of matches: with 3,000 articles a common word took 3 to 17 seconds
  per page, against some 20 milliseconds here (see the search app's notes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import get_search_backend

from newsdesk.articles.models import ArticlePage, ArticlePageQuerySet, SectionPage

from .query import ParsedQuery

# The most results listed (84 pages of 12); beyond it the count says "more than". Ranking
# through Wagtail's API loads an object per ranked result, so this bounds that work too.
MAX_RESULTS = 1_000
# bm25() weights of the FTS5 columns on SQLite (Page.search_fields boosts the title by 2).
FTS5_WEIGHTS = {"title": 2.0, "body": 1.0}


@dataclass
class Filters:
    section: SectionPage | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def narrow(self) -> bool:
        """Whether any filter is set, so that most hits of a common word may be left out."""
        return any(value is not None for value in (self.section, self.date_from, self.date_to))


def start_of_day(day: date) -> datetime:
    """Midnight at the start of the day in the site's time zone (settings.TIME_ZONE)."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def filtered_articles(filters: Filters) -> ArticlePageQuerySet:
    """Published articles (live, not private), narrowed by section and date.

    Search results may only be filtered on fields indexed as FilterField; the section filter
    (main section or a further one) is applied as a primary key subquery, which is allowed.
    """
    articles = ArticlePage.objects.published()
    if filters.section is not None:
        in_section = ArticlePage.objects.in_section(filters.section).values("pk")
        articles = articles.filter(pk__in=in_section)
    if filters.date_from is not None:
        articles = articles.filter(publication_date__gte=start_of_day(filters.date_from))
    if filters.date_to is not None:
        articles = articles.filter(
            publication_date__lt=start_of_day(filters.date_to + timedelta(days=1))
        )
    return articles


class SearchResults:
    """Ranked article ids; sliceable and countable, for Paginator."""

    def __init__(self, articles: ArticlePageQuerySet, ids: list[int]) -> None:
        self.articles = articles
        self.capped = len(ids) > MAX_RESULTS
        self.ids = ids[:MAX_RESULTS]

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, key: int | slice) -> list[ArticlePage]:
        if not isinstance(key, slice):
            raise TypeError("SearchResults supports slices only")
        ids = self.ids[key]
        found = self.articles.in_bulk(ids) if ids else {}
        return [found[pk] for pk in ids if pk in found]


def search_articles(
    articles: ArticlePageQuerySet, parsed: ParsedQuery, narrow: bool = False
) -> SearchResults:
    """`narrow`: the articles are filtered beyond the published ones (see Filters.narrow)."""
    if uses_sqlite_fts5():
        ranked, headline = fts5_ranked_ids(articles, parsed, narrow)
    else:
        ranked, headline = wagtail_ranked_ids(articles, parsed)
    ids = [pk for pk in ranked if pk in headline] + [pk for pk in ranked if pk not in headline]
    return SearchResults(articles, ids)


def uses_sqlite_fts5() -> bool:
    """Whether Wagtail searches with its SQLite FTS5 backend (not the fallback without FTS5)."""
    if connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(get_search_backend(), SQLiteSearchBackend)


def wagtail_ranked_ids(
    articles: ArticlePageQuerySet, parsed: ParsedQuery
) -> tuple[list[int], set[int]]:
    """Matching ids by relevance, and those whose headline matches, through Wagtail's API."""
    query = parsed.as_query()
    matches = articles.only("pk").search(query)[: MAX_RESULTS + 1]
    ranked = [article.pk for article in matches]
    if not ranked:
        return [], set()
    headline_matches = (
        articles.filter(pk__in=ranked)
        .only("pk")
        .search(query, fields=["title"], order_by_relevance=False)
    )
    return ranked, {article.pk for article in headline_matches}


def fts5_ranked_ids(
    articles: ArticlePageQuerySet, parsed: ParsedQuery, narrow: bool = False
) -> tuple[list[int], set[int]]:
    """The same as wagtail_ranked_ids, ranked inside SQLite's FTS5 index.

    The index ranks every match, headline hits first, and hands back only the first
    MAX_RESULTS + 1 ids; only those are checked against the filters (published, section,
    dates), by primary key. If they keep too few of them, one pass over all the matches
    follows, so a narrow filter still lists every hit it allows; a search that is `narrow`
    (a section or dates chosen) starts with that pass. Checking every match against the
    filters first made a common word cost a lookup per matching article.
    """
    match = parsed.as_fts5()
    if match is None:
        return [], set()  # no words to match (the search page never asks)
    limit = MAX_RESULTS + 1
    ranked: list[int] = []
    rows: list[tuple[int, int]] = []
    if not narrow:
        rows = fts5_ranked_rows(parsed, limit)
        ids = [pk for pk, _headline in rows]
        ranked, headline = allowed_rows(rows, allowed_ids(articles.filter(pk__in=ids)))
    if narrow or (len(ranked) < limit and len(rows) == limit):
        matching = RawSQL(*fts5_ids_query(match))
        rows = fts5_ranked_rows(parsed, None)
        ranked, headline = allowed_rows(rows, allowed_ids(articles.filter(pk__in=matching)))
    return ranked[:limit], headline


def allowed_rows(rows: list[tuple[int, int]], allowed: Iterable[int]) -> tuple[list[int], set[int]]:
    """The ranked ids that pass the filters (`allowed` ids), and the headline hits among them."""
    allowed_set = set(allowed)
    ranked = [pk for pk, _headline in rows if pk in allowed_set]
    return ranked, {pk for pk, is_headline in rows if is_headline and pk in allowed_set}


def fts5_ranked_rows(parsed: ParsedQuery, limit: int | None) -> list[tuple[int, int]]:
    """(article id, 1 if its headline matches) of the matches, best first, at most `limit`.

    The headline hits are one list the FTS5 index builds once (not a match per row); bm25()
    is computed for every match, which at 100,000 articles costs milliseconds.
    """
    fts, entries, content_types = fts5_tables()
    weights = ", ".join(str(FTS5_WEIGHTS.get(column, 0.0)) for column in fts5_columns())
    sql = (
        f"SELECT CAST(e.object_id AS INTEGER) AS pk,"
        f" e.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s) AS headline"
        f" FROM {fts} CROSS JOIN {entries} AS e ON e.id = {fts}.rowid"
        f" WHERE {fts} MATCH %s AND e.content_type_id IN ({content_types})"
        f" ORDER BY headline DESC, bm25({fts}, {weights}), pk DESC"
    )
    title_match, match = parsed.as_fts5("title"), parsed.as_fts5()
    if title_match is None or match is None:
        return []  # no words to match
    params: list[str | int] = [title_match, match]
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(pk, headline) for pk, headline in cursor.fetchall()]


def allowed_ids(articles: ArticlePageQuerySet) -> Iterable[int]:
    return articles.order_by().values_list("pk", flat=True)


def fts5_ids_query(match: str) -> tuple[str, list[str]]:
    """SQL and parameters for the ids of the articles whose index entry matches."""
    fts, entries, content_types = fts5_tables()
    sql = (
        f"SELECT CAST(e.object_id AS INTEGER) FROM {fts} CROSS JOIN {entries} AS e"
        f" ON e.id = {fts}.rowid WHERE {fts} MATCH %s AND e.content_type_id IN ({content_types})"
    )
    return sql, [match]


def fts5_tables() -> tuple[str, str, str]:
    """The FTS5 table, the index entry table and the article content type ids, for SQL.

    CROSS JOIN keeps SQLite from starting with the index entries of every article and
    running the full-text match once for each (as it does without table statistics).
    """
    app_config = get_app_config()
    quote = connection.ops.quote_name
    fts = quote(app_config.get_model("SQLiteFTSIndexEntry")._meta.db_table)
    entries = quote(app_config.get_model("IndexEntry")._meta.db_table)
    content_types = ", ".join(str(int(pk)) for pk in get_descendants_content_types_pks(ArticlePage))
    return fts, entries, content_types


@cache
def fts5_columns() -> tuple[str, ...]:
    """The FTS5 table's columns in order, as bm25() takes its weights."""
    fts = fts5_tables()[0]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {fts} LIMIT 0")
        return tuple(column[0] for column in cursor.description)
