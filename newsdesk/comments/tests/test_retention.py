"""Commenters' IP addresses are erased after NEWSDESK_COMMENT_IP_RETENTION_DAYS."""

import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.testing import running_server


def comment_aged(article, days, ip="203.0.113.5"):
    return CommentFactory(
        page=article,
        body=f"{days} days old",
        ip_address=ip,
        user_agent="Browser/1",
        created_at=timezone.now() - timedelta(days=days),
    )


def ip_of(comment):
    comment.refresh_from_db()
    return comment.ip_address


@pytest.mark.django_db
def test_command_erases_only_addresses_past_the_retention_period(settings):
    settings.NEWSDESK_COMMENT_IP_RETENTION_DAYS = 30
    article = ArticleFactory()
    old, recent = comment_aged(article, 31), comment_aged(article, 29)
    out = StringIO()
    call_command("erase_comment_ips", stdout=out)
    assert "Erased the IP address of 1 comment(s) older than 30 days." in out.getvalue()
    assert ip_of(old) is None and ip_of(recent) == "203.0.113.5"
    old.refresh_from_db()
    assert old.body == "31 days old" and old.user_agent == "Browser/1"  # the rest is kept
    settings.NEWSDESK_COMMENT_IP_RETENTION_DAYS = 7
    call_command("erase_comment_ips", stdout=out)
    assert ip_of(recent) is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_servers_scheduler_erases_old_addresses():
    article = ArticleFactory()
    old, recent = comment_aged(article, 45), comment_aged(article, 1)
    env = {"NEWSDESK_SCHEDULER_INTERVAL": "1", "NEWSDESK_COMMENT_IP_RETENTION_DAYS": "30"}
    with running_server(workers=1, scheduler=True, env=env):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and ip_of(old) is not None:
            time.sleep(0.5)
    assert ip_of(old) is None, "the scheduler did not erase the old address"
    assert ip_of(recent) == "203.0.113.5"
