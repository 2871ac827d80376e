"""The OpenAPI document of the comments API: served, snapshotted, and honoured (schemathesis)."""

import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsdesk.api import snapshot
from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_openapi_document_matches_the_committed_snapshot(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    served = response.json()
    assert served == snapshot.current_schema()
    assert served == snapshot.read_snapshot(), (
        f"The API's OpenAPI document changed. If that is intended, run `{snapshot.REGENERATE}` "
        "and commit newsdesk/api/openapi.snapshot.json with the change."
    )


def test_openapi_document_covers_the_comments_api_only(client):
    document = client.get("/api/openapi.json").json()
    assert document["info"]["title"] == "newsdesk API"
    assert set(document["paths"]) == {"/api/articles/{article_id}/comments/"}
    assert set(document["paths"]["/api/articles/{article_id}/comments/"]) == {"get", "post"}
    # The Wagtail v2 endpoints are named in the description, not described.
    for endpoint in ("/api/v2/articles/", "/api/v2/articles/most_read/", "?order=-views"):
        assert endpoint in document["info"]["description"]


def test_docs_page_loads_nothing_from_other_hosts(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/openapi.json" in html
    loaded = re.findall(r'\bsrc="([^"]*)"', html) + re.findall(r'<link[^>]+href="([^"]*)"', html)
    assert loaded and all(url.startswith("/static/") for url in loaded)


# Schemathesis: every operation, with generated valid and invalid requests, through the
# Django WSGI application; no 5xx, and status codes, content types and bodies as documented.

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Loaded when the module is imported (pytest-django has configured Django by then); the
# request only builds the document, it reads no database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_test_connection(db):
    # Requests run in this thread on the test's database connection, inside its transaction:
    # like Django's test client, do not let the end of each request close that connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def articles(db):
    """A published article open to comments, with a thread, and one closed to comments."""
    open_article = ArticleFactory(title="Open")
    CommentFactory(parent=CommentFactory(page=open_article))
    return [open_article, ArticleFactory(title="Closed", comments_open=False)]


@schema.parametrize()
@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_comments_api_honours_its_openapi_document(case, keep_test_connection, articles):
    # As generated: mostly ids of no article (404) and invalid requests (400/415).
    case.call_and_validate(checks=CHECKS)
    # The same request for real articles, to reach the form, moderation and closed paths.
    for article in articles:
        case.path_parameters = {**(case.path_parameters or {}), "article_id": article.pk}
        case.call_and_validate(checks=CHECKS)
