"""A counted view leaves nothing about the reader in the database: no address, no user
agent, no cookie (docs/view-counting.md, "Privacy"), only the page's counts."""

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from newsdesk.articles.factories import ArticleFactory
from newsdesk.pageviews.counting import read_counts

pytestmark = pytest.mark.django_db
ADDRESS = "203.0.113.77"
AGENT = "Mozilla/5.0 (X11; Linux x86_64) PrivacyProbe/9.1"
COOKIE = "probe-cookie-6f1d2a"


def every_stored_text() -> str:
    """Every row of every table the project's models use, as text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in sorted({model._meta.db_table for model in apps.get_models()}):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_counting_views_stores_no_address_agent_or_cookie():
    article = ArticleFactory(title="Privacy probe")
    reader = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_X_FORWARDED_FOR=ADDRESS)
    reader.cookies["probe"] = COOKIE
    for _ in range(3):
        assert reader.get(article.url).status_code == 200
    assert read_counts(article.pk).total == 3  # the views were counted
    stored = every_stored_text()
    for trace in (ADDRESS, AGENT, "PrivacyProbe", COOKIE):
        assert trace not in stored, trace
