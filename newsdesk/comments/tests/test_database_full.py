"""A comment posted while the database takes no writes (a full disk): the form again with
everything typed and a token that still works, the API a 503 with the same message, and
one line in the log that says why (never the email)."""

import json
import logging
import re

import pytest

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments import posting
from newsdesk.comments.models import Comment
from newsdesk.comments.testing import VALID, database_full, typed_token

pytestmark = pytest.mark.django_db

# Long enough that storing it needs new pages (SQLite's overflow pages).
TYPED = {**VALID, "body": "A long and careful remark. " * 200}
FULL = {"sqlite": "database or disk is full", "postgresql": "read-only transaction"}


@pytest.fixture
def storage_log(caplog):
    posting.storage_outage.succeeded()  # a fresh record: its first failure is logged
    caplog.set_level(logging.WARNING, logger="newsdesk.outages")
    return caplog


def form_token(html: str) -> str:
    return re.search(r'<input type="hidden" name="form_token" value="([^"]+)">', html)[1]


def test_the_form_comes_back_with_everything_typed_and_a_usable_token(client, storage_log):
    from django.db import connection

    article = ArticleFactory()
    with database_full():
        response = client.post(
            f"/comments/post/{article.pk}/", {**TYPED, "form_token": typed_token(article)}
        )
    assert response.status_code == 503
    html = response.text.replace("&#x27;", "'")
    assert posting.UNSAVED in html
    for field in ("author_name", "author_email", "author_url"):
        assert f'value="{TYPED[field]}"' in html
    assert TYPED["body"].strip() in html
    assert Comment.objects.count() == 0
    logged = storage_log.text
    assert FULL[connection.vendor] in logged and TYPED["author_email"] not in logged
    # Sent again, at once, from the form that came back: stored.
    again = client.post(
        f"/comments/post/{article.pk}/", {**TYPED, "form_token": form_token(response.text)}
    )
    assert again.status_code == 303
    assert Comment.objects.get().body == TYPED["body"].strip()
    assert "works again" in storage_log.text


def test_the_api_answers_503_with_the_same_message(client, storage_log):
    article = ArticleFactory()
    url = f"/api/articles/{article.pk}/comments/"
    body = json.dumps({**TYPED, "form_token": typed_token(article)})
    with database_full():
        response = client.post(url, body, content_type="application/json")
    assert response.status_code == 503
    assert response.json() == {"detail": posting.UNSAVED, "errors": {}}
    assert Comment.objects.count() == 0
    assert TYPED["author_email"] not in storage_log.text
    fresh = json.dumps({**TYPED, "form_token": typed_token(article)})
    assert client.post(url, fresh, content_type="application/json").status_code == 201
