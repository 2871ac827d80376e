"""The breaking-news banner is part of the cached pages: turning it on drops them, and its
expiry drops them again without a publish (the scheduler's check)."""

from datetime import timedelta

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.utils import timezone
from wagtail.models import Site

from newsdesk.articles.banner import BreakingNews
from newsdesk.articles.factories import ArticleFactory
from newsdesk.delivery import scheduler
from newsdesk.delivery.generation import LocalGeneration, bump_generation, generation_file
from newsdesk.delivery.hotpath import HotPath

from .wsgi_client import call

pytestmark = pytest.mark.django_db

BANNER = b'class="breaking-news"'


def generation() -> bytes:
    return LocalGeneration(generation_file()).read()


def banner(**fields) -> BreakingNews:
    return BreakingNews.objects.create(
        site=Site.objects.get(is_default_site=True),
        enabled=True,
        text="Storm closes the harbour",
        link="/harbour/",
        expires_at=timezone.now() + timedelta(hours=1),
        **fields,
    )


def test_saving_the_banner_invalidates_cached_pages(django_capture_on_commit_callbacks):
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        banner()
    assert generation() != before


def test_expiry_drops_cached_pages_without_a_publish(home):
    hotpath = HotPath(WSGIHandler())
    article = ArticleFactory()
    on = banner()
    bump_generation()  # what saving it does once committed
    for url in [article.url, "/"]:
        first, second = call(hotpath, url), call(hotpath, url)
        assert (first.cache, second.cache) == ("miss", "hit") and BANNER in second.body
    # Time passes: the expiry comes (set in the past rather than waiting for it).
    BreakingNews.objects.filter(pk=on.pk).update(expires_at=timezone.now())
    before = generation()
    assert scheduler.expire_breaking_news() is True
    assert generation() != before
    for url in [article.url, "/"]:
        answer = call(hotpath, url)
        assert answer.cache == "miss" and BANNER not in answer.body
    assert scheduler.expire_breaking_news() is False  # nothing more to do: no bump
    assert generation() != before


def test_the_scheduler_checks_the_expiry_between_its_ticks(monkeypatch, home):
    monkeypatch.setattr(scheduler, "BANNER_CHECK_SECONDS", 0.01)
    on = banner()
    BreakingNews.objects.filter(pk=on.pk).update(expires_at=timezone.now())
    scheduler.watch_banner(0.03)
    on.refresh_from_db()
    assert not on.enabled
