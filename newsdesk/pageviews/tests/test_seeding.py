"""Seeding totals from elsewhere (a WordPress import): raised, never lowered, and shown at
once by the live backends that already hold a count for the page."""

import uuid

import pytest
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory
from newsdesk.pageviews import server, shared_table
from newsdesk.pageviews.backends.redis import RedisBackend
from newsdesk.pageviews.backends.table import TableBackend
from newsdesk.pageviews.counting import read_counts, record_view, seed_totals
from newsdesk.pageviews.models import PageViewTotal
from newsdesk.testing import delete_keys, require_redis

pytestmark = pytest.mark.django_db


def test_seeding_raises_a_total_and_never_lowers_it():
    article = ArticleFactory()
    seed_totals({article.pk: 1000})
    assert read_counts(article.pk).total == 1000
    record_view(article.pk)
    seed_totals({article.pk: 1000})  # the same export imported again
    assert PageViewTotal.objects.get(page=article).views == 1001
    seed_totals({article.pk: 1500})
    assert PageViewTotal.objects.get(page=article).views == 1500


def test_a_running_servers_table_shows_the_seeded_total():
    article = ArticleFactory()
    path = server.table_path()  # "owned" by this test process, so it counts as live
    shared_table.create(str(path), 64)
    table = TableBackend(str(path))
    try:
        day = timezone.localdate()
        assert table.record(article.pk, day) == (1, 1)
        seed_totals({article.pk: 500})  # stored: 500, plus the view not yet written
        assert table.read_many([article.pk], day)[article.pk] == (501, 1)
        assert table.record(article.pk, day) == (502, 2)
        table.flush()
        assert PageViewTotal.objects.get(page=article).views == 502
    finally:
        table.close()
        path.unlink()


def test_redis_shows_the_seeded_total(settings):
    settings.REDIS_URL = require_redis()
    article = ArticleFactory()
    backend = RedisBackend()
    backend.counts.prefix += f"{uuid.uuid4().hex}:"
    try:
        day = timezone.localdate()
        assert backend.record(article.pk, day) == (1, 1)
        backend.flush()
        # What seed_totals does for Redis, with this test's own key prefix.
        backend.raise_shown({article.pk: 250})
        assert backend.record(article.pk, day) == (252, 2)
    finally:
        backend.close()
        delete_keys(settings.REDIS_URL, backend.counts.prefix + "*")
