import contextlib
import logging
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test import RequestFactory
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.articles.factories import ArticleFactory, PageViewRestrictionFactory
from newsdesk.pageviews.counting import read_counts, record_view
from newsdesk.pageviews.models import DailyPageViews, PageViewTotal
from newsdesk.security.factories import SuperuserFactory

pytestmark = pytest.mark.django_db
COUNTER = re.compile(rb"Visited (\d+) times, (\d+) visit\(s\) today")


def counter_line(response):
    match = COUNTER.search(response.content)
    assert match, "the counter line is missing"
    return int(match[1]), int(match[2])


def test_first_view_shows_itself(client):
    article = ArticleFactory()
    assert counter_line(client.get(article.url)) == (1, 1)
    assert counter_line(client.get(article.url)) == (2, 2)
    assert read_counts(article.pk).total == 2


def test_not_counted_requests_show_counts_without_raising_them(client):
    article = ArticleFactory()
    client.get(article.url)
    assert client.head(article.url).status_code == 200
    bot = client.get(article.url, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    assert counter_line(bot) == (1, 1)
    prefetch = client.get(article.url, HTTP_SEC_PURPOSE="prefetch")
    assert counter_line(prefetch) == (1, 1)
    client.force_login(SuperuserFactory())
    assert counter_line(client.get(article.url)) == (1, 1)
    assert read_counts(article.pk).total == 1


def test_unpublished_article_is_not_counted(client):
    article = ArticleFactory()
    article.unpublish()
    assert client.get(article.url).status_code == 404
    assert not PageViewTotal.objects.filter(page_id=article.pk).exists()


def test_today_resets_at_local_midnight(client, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    berlin = ZoneInfo("Europe/Berlin")
    article = ArticleFactory()
    with time_machine.travel(datetime(2026, 3, 9, 23, 40, tzinfo=berlin), tick=False):
        client.get(article.url)
        assert counter_line(client.get(article.url)) == (2, 2)
    # 00:05 in Berlin is still the previous day in UTC: the day follows TIME_ZONE.
    with time_machine.travel(datetime(2026, 3, 10, 0, 5, tzinfo=berlin), tick=False):
        assert counter_line(client.get(article.url)) == (3, 1)
    days = dict(DailyPageViews.objects.filter(page_id=article.pk).values_list("day", "views"))
    assert {str(day): views for day, views in days.items()} == {"2026-03-09": 2, "2026-03-10": 1}


def test_record_view_creates_then_increments():
    article = ArticleFactory()
    assert record_view(article.pk).total == 1
    counts = record_view(article.pk)
    assert (counts.total, counts.today) == (2, 2)


@contextlib.contextmanager
def read_only_database():
    """A database that refuses every write, for real: SQLite's query_only, or a read-only
    PostgreSQL transaction (in a savepoint that leaving the block undoes)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
            try:
                yield
            finally:
                cursor.execute("PRAGMA query_only = OFF")
            return
        with transaction.atomic():
            cursor.execute("SET transaction_read_only = on")
            yield
            transaction.set_rollback(True)


def test_a_database_that_takes_no_writes_costs_the_view_not_the_page(client, caplog):
    article = ArticleFactory()
    assert counter_line(client.get(article.url)) == (1, 1)
    with caplog.at_level(logging.WARNING, logger="newsdesk.outages"), read_only_database():
        first = client.get(article.url)
        second = client.get(article.url)
    assert first.status_code == second.status_code == 200
    assert counter_line(first) == counter_line(second) == (2, 2)  # stored, plus this view
    assert sum("counting views" in r.getMessage() for r in caplog.records) == 1
    assert counter_line(client.get(article.url)) == (2, 2)  # writable again: counted


def test_a_visitor_held_at_a_view_restriction_is_not_counted(client):
    article = ArticleFactory()
    PageViewRestrictionFactory(page=article)
    response = client.get(article.url)
    assert response.status_code == 200 and b'name="password"' in response.content
    assert not COUNTER.search(response.content)
    assert not PageViewTotal.objects.filter(page_id=article.pk).exists()


def test_an_article_shown_by_another_view_shows_the_counts_without_counting(client):
    # What a view that shows the article again does (the comment form with its errors):
    # serve() directly, outside Wagtail's serve view and its hooks.
    article = ArticleFactory()
    client.get(article.url)
    request = RequestFactory().get(article.url, HTTP_HOST="localhost")
    request.user = AnonymousUser()
    response = article.serve(request)
    response.render()
    assert counter_line(response) == (1, 1)
    assert read_counts(article.pk).total == 1


def test_a_preview_shows_the_counts_without_counting(client):
    article = ArticleFactory(title="Counted story")
    client.get(article.url)
    client.force_login(SuperuserFactory())
    preview_url = f"/admin/pages/{article.pk}/edit/preview/"
    form = {
        "title": "Counted story, revised",
        "slug": article.slug,
        "excerpt": article.excerpt,
        "body": streamfield([("paragraph", rich_text("<p>Revised.</p>"))]),
        "comments_open": "on",
        "notes": inline_formset([]),
    }
    assert client.post(preview_url, nested_form_data(form)).json()["is_valid"]
    preview = client.get(preview_url)
    assert b"Revised." in preview.content
    assert counter_line(preview) == (1, 1)
    assert read_counts(article.pk).total == 1
