"""PostgreSQL: Wagtail's full-text match can use an index (migration 0003)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.factories import ArticleFactory
from newsdesk.search.query import parse
from newsdesk.search.results import Filters, filtered_articles, wagtail_ranked_ids

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]


def test_the_match_on_title_and_body_is_found_in_the_gin_index():
    for n in range(30):
        ArticleFactory(title=f"Harbour bridge plan {n}" if n % 10 == 0 else f"Ferry news {n}")
    with CaptureQueriesContext(connection) as queries:
        ranked, _headline = wagtail_ranked_ids(filtered_articles(Filters()), parse("bridge plan"))
    assert len(ranked) == 3
    [search_sql] = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]][:1]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: ask what it can use
        cursor.execute("EXPLAIN " + search_sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "newsdesk_search_title_body_gin" in plan
