import time
import urllib.request
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.delivery.scheduler import publish_due_pages
from newsdesk.testing import running_server


def schedule(article, when):
    """Schedule publication the way the admin does: a revision with go_live_at."""
    article.unpublish()
    article.go_live_at = when
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live and article.go_live_at == when


@pytest.mark.django_db
def test_due_page_is_published_and_future_one_waits():
    due = ArticleFactory()
    later = ArticleFactory()
    schedule(due, timezone.now() + timedelta(minutes=5))
    schedule(later, timezone.now() + timedelta(days=1))
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        publish_due_pages()
    assert ArticlePage.objects.get(pk=due.pk).live
    assert not ArticlePage.objects.get(pk=later.pk).live


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_server_publishes_a_scheduled_article_on_time_without_cron():
    article = ArticleFactory(title="Embargoed until noon")
    # Far enough ahead that a slow machine is still before it once the revision is saved.
    schedule(article, timezone.now() + timedelta(seconds=10))
    with running_server(workers=1, scheduler=True, env={"NEWSDESK_SCHEDULER_INTERVAL": "1"}) as url:
        deadline = timezone.now() + timedelta(seconds=60)
        while timezone.now() < deadline and not ArticlePage.objects.get(pk=article.pk).live:
            time.sleep(0.5)
        article.refresh_from_db()
        assert article.live, "the scheduled article was not published by the server"
        with urllib.request.urlopen(url + article.url, timeout=10) as response:
            assert b"Embargoed until noon" in response.read()
