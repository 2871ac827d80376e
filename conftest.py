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
