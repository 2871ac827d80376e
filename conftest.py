"""Fixtures shared by every app's tests."""

import pytest
from django.test import Client


@pytest.fixture
def client():
    # The default Wagtail site answers for "localhost"; Django's test client says "testserver".
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def home(db):
    from newsdesk.articles.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def uncategorized(db):
    from newsdesk.articles.models import SectionPage

    return SectionPage.get_default()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Caches outlive a test's rolled-back data (image renditions are keyed by ids that
    come back), so every test starts with empty ones, and without the marks (spent form
    tokens, rate-limit windows) an earlier test left in Redis. (The Redis cache's clear()
    deletes its own keys only: newsdesk/cache.py.)"""
    from django.conf import settings
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    if settings.REDIS_URL:
        from newsdesk.databases import database_identity
        from newsdesk.testing import delete_keys

        delete_keys(settings.REDIS_URL, f"newsdesk:marks:{database_identity()}:*")


@pytest.fixture(autouse=True)
def _fresh_view_counts(request):
    """Servers started by a test may leave live view counts in Redis under the test
    database's name; the test's rows go, so its counts must go too."""
    yield
    uses_db = {"db", "transactional_db", "django_db_setup"} & set(request.fixturenames)
    if uses_db or request.node.get_closest_marker("django_db"):
        from newsdesk.pageviews.testing import forget_test_counts

        forget_test_counts()
