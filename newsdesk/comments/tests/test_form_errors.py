"""A refused comment lands on the form with its first error focused, the error ids are the
ones the fields' aria-describedby name, and "Save my name and website" keeps those two (never
the email) in a cookie only the browser reads (issue 16, item 7)."""

import json
import re
from urllib.parse import unquote

import pytest

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.commenters import AUTHOR_COOKIE_NAME
from newsdesk.comments.testing import VALID, typed_token

pytestmark = pytest.mark.django_db


def post(client, article, seconds_ago=60, **changes):
    data = {"form_token": typed_token(article, seconds_ago), **VALID, **changes}
    return client.post(
        f"/comments/post/{article.pk}/", {k: v for k, v in data.items() if v is not None}
    )


def test_the_form_posts_to_its_own_anchor(client):
    article = ArticleFactory()
    html = client.get(article.url).text
    assert f'action="/comments/post/{article.pk}/#respond"' in html
    assert 'id="respond"' in html


def test_the_first_invalid_field_is_focused_and_described_by_its_error(client):
    article = ArticleFactory()
    html = post(client, article, author_email="not-an-address", body="").text
    email = re.search(r"<input[^>]*name=\"author_email\"[^>]*>", html)[0]
    body = re.search(r"<textarea[^>]*name=\"body\"[^>]*>", html)[0]
    assert "autofocus" in email and "autofocus" not in body
    assert html.count("autofocus") == 1
    for field in ("author_email", "body"):
        tag = re.search(rf"<(?:input|textarea)[^>]*name=\"{field}\"[^>]*>", html)[0]
        described = re.search(r'aria-describedby="([^"]+)"', tag)[1]
        assert f'id="{described}"' in html, (field, described)
        assert 'aria-invalid="true"' in tag


def test_a_refusal_without_a_field_error_focuses_the_message(client):
    article = ArticleFactory()
    response = post(client, article, seconds_ago=0)  # typed faster than a person can
    assert response.status_code == 400
    box = re.search(r"<div[^>]*class=\"form-errors\"[^>]*>", response.text)[0]
    assert "autofocus" in box and 'tabindex="-1"' in box
    assert response.text.count("autofocus") == 1


def test_consent_keeps_name_and_website_but_never_the_email(client):
    article = ArticleFactory()
    response = post(client, article, author_name="Zoë “Z” Ö", remember="on")
    assert response.status_code == 303
    morsel = response.cookies[AUTHOR_COOKIE_NAME]
    saved = json.loads(unquote(morsel.value))
    assert saved == {"name": "Zoë “Z” Ö", "url": VALID["author_url"]}
    assert VALID["author_email"] not in unquote(morsel.value)
    assert not morsel["httponly"] and morsel["samesite"] == "Lax"
    # The article page stays the same for everyone: the cookie is not read into it.
    client.cookies[AUTHOR_COOKIE_NAME] = morsel.value
    assert "Zoë" not in client.get(article.url).text


def test_no_consent_saves_nothing_and_forgets_what_was_saved(client):
    article = ArticleFactory()
    assert AUTHOR_COOKIE_NAME not in post(client, article).cookies
    client.cookies[AUTHOR_COOKIE_NAME] = "x"
    response = post(client, article, body="Another remark entirely.")
    assert response.cookies[AUTHOR_COOKIE_NAME]["max-age"] == 0
