"""Deleting a page while a server writes its views: the delete goes through."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.db.models.signals import post_delete

from newsdesk.articles.factories import ArticleFactory
from newsdesk.pageviews import store
from newsdesk.pageviews.models import DailyPageViews, PageViewTotal

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY, NEXT_DAY = datetime.date(2026, 5, 1), datetime.date(2026, 5, 2)


def test_views_written_while_a_page_is_deleted_go_with_it():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: a flush cannot come in between")
    article = ArticleFactory()
    store.add_views([(article.pk, None, 5), (article.pk, DAY, 5)])

    def flush_meanwhile(sender, instance, **kwargs):
        """Django has deleted the page's view rows, not yet the page: a flush on another
        connection writes the next day's views for it, as a server would."""

        def flush():
            try:
                store.add_views([(article.pk, NEXT_DAY, 1)])
            finally:
                connections.close_all()

        thread = threading.Thread(target=flush)
        thread.start()
        thread.join(timeout=30)

    post_delete.connect(flush_meanwhile, sender=DailyPageViews, dispatch_uid="flush-meanwhile")
    try:
        article.delete()  # failed with a foreign key violation at commit
    finally:
        post_delete.disconnect(dispatch_uid="flush-meanwhile", sender=DailyPageViews)
    assert not DailyPageViews.objects.filter(page_id=article.pk).exists()
    assert not PageViewTotal.objects.filter(page_id=article.pk).exists()
