"""Hostile input to the comment form and the comments API: each case is refused with a clear
message or neutralised; never a server error, never half a comment stored."""

import json
import re
from urllib.parse import quote

import pytest

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.spam.gate import TOO_LARGE
from newsdesk.comments.testing import VALID
from newsdesk.comments.testing import typed_token as token

pytestmark = pytest.mark.django_db

URL_MESSAGE = "Please enter a valid web address"


def post_form(client, article, **changes):
    data = {"form_token": token(article), **VALID, **changes}
    return client.post(f"/comments/post/{article.pk}/", data)


def post_raw(client, article, body: bytes, content_type="application/x-www-form-urlencoded"):
    return client.generic("POST", f"/comments/post/{article.pk}/", body, content_type)


def post_api(client, article, body, content_type="application/json"):
    url = f"/api/articles/{article.pk}/comments/"
    return client.generic("POST", url, body, content_type)


def field_error(response, field) -> str:
    match = re.search(
        rf'comment-form-{field}[^"]*">.*?<span class="field-error"[^>]*>(.*?)</span>',
        response.text,
        re.S,
    )
    return match[1] if match else ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("author_name", "x" * 101, "at most 100 characters"),
        ("author_email", "a" * 250 + "@x.example", "at most 254 characters"),
        ("author_url", "https://x.example/" + "a" * 190, "at most 200 characters"),
        ("body", "x" * 10001, "at most 10000 characters"),
        ("author_name", "Ada\x00", "Null characters are not allowed."),
        ("author_email", "ada\x00@x.example", "Please enter a valid email address."),
        ("author_url", "https://x.example/\x00", "Null characters are not allowed."),
        ("body", "Hello\x00world", "Null characters are not allowed."),
        ("author_name", "Ada\r\nBcc: victim@x.example", "Please enter your name on one line."),
        ("author_name", "Ada\nReader", "Please enter your name on one line."),
        ("author_name", "Ada\x1b[31m", "Please enter your name on one line."),
        ("author_email", "ada@x.example\r\nBcc: v@x.example", "Please enter a valid email"),
        ("author_url", "https://x.example/\r\nSet-Cookie: a=b", URL_MESSAGE),
        ("author_url", "javascript:alert(1)", URL_MESSAGE),
        ("author_url", "JaVaScRiPt:alert(1)", URL_MESSAGE),
        ("author_url", " javascript:alert(1)", URL_MESSAGE),
        ("author_url", "java\tscript:alert(1)", URL_MESSAGE),
        ("author_url", "data:text/html,<script>alert(1)</script>", URL_MESSAGE),
        ("author_url", "vbscript:msgbox(1)", URL_MESSAGE),
        ("author_url", "file:///etc/passwd", URL_MESSAGE),
        ("author_url", "ftp://x.example/", URL_MESSAGE),
    ],
)
def test_hostile_field_is_refused_next_to_the_field(client, field, value, message):
    article = ArticleFactory()
    response = post_form(client, article, **{field: value})
    assert response.status_code == 400
    assert message in field_error(response, field)
    assert Comment.objects.count() == 0
    # The API says the same.
    api = post_api(
        client, article, json.dumps({**VALID, field: value, "form_token": token(article)})
    )
    assert api.status_code == 400
    assert any(message in m for m in api.json()["errors"][field])
    assert Comment.objects.count() == 0


def test_an_oversized_post_is_refused_before_it_is_read(client, settings):
    settings.NEWSDESK_COMMENT_MAX_REQUEST_BYTES = 2048
    article = ArticleFactory()
    body = f"form_token={token(article)}&author_name=Ada&body=".encode() + b"x" * 4000
    response = post_raw(client, article, body)
    assert response.status_code == 413
    assert TOO_LARGE in response.text.replace("&#x27;", "'")
    api = post_api(client, article, json.dumps({**VALID, "body": "x" * 4000}))
    assert api.status_code == 413 and api.json()["detail"] == TOO_LARGE
    assert Comment.objects.count() == 0


def test_invalid_utf8_in_the_form_is_neutralised(client):
    article = ArticleFactory()

    def encoded():
        fields = {**VALID, "form_token": token(article)}
        return "&".join(f"{k}={quote(v)}" for k, v in fields.items() if k != "body")

    # Latin-1 "café", percent-encoded: not UTF-8, so the byte becomes U+FFFD.
    response = post_raw(client, article, encoded().encode() + b"&body=caf%E9+au+lait")
    assert response.status_code == 303
    assert Comment.objects.get().body == "caf\ufffd au lait"
    assert client.get(response["Location"]).status_code == 200
    # A raw byte that a form never sends is read as a Latin-1 character: text, no error.
    raw = post_raw(client, article, encoded().encode() + b"&body=raw+\xff+byte")
    assert raw.status_code == 303
    assert Comment.objects.latest("pk").body == "raw \xff byte"


def test_invalid_utf8_in_the_api_is_a_400(client):
    article = ArticleFactory()
    body = json.dumps({**VALID, "form_token": token(article)}).encode().replace(b"Ada", b"\xffda")
    response = post_api(client, article, body)
    assert response.status_code == 400 and response.json()["detail"]
    assert Comment.objects.count() == 0


def test_control_characters_in_a_comment_are_dropped_line_breaks_kept(client):
    article = ArticleFactory()
    response = post_form(client, article, body="First line\r\nSecond\x1b[2J line\x07\tend")
    assert response.status_code == 303
    assert Comment.objects.get().body == "First line\r\nSecond[2J line\tend"


@pytest.mark.parametrize(
    "content_type", ["multipart/form-data; boundary=zz", "text/plain", "application/json"]
)
def test_other_encodings_of_the_form_store_nothing_half(client, content_type):
    article = ArticleFactory()
    response = post_raw(client, article, b"--zz\r\ngarbage\xff\r\n", content_type)
    assert response.status_code == 400
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("digit", ["¹", "١", "𝟙"])
def test_digits_that_are_no_numbers_never_reach_int(client, digit):
    """Python's str.isdigit() says yes to "¹"; int() then fails. Found by hypothesis."""
    article = ArticleFactory()
    for url in [
        f"{article.url}?replytocom={digit}",
        f"{article.url}?unapproved={digit}&moderation-hash=x",
        f"/api/v2/articles/?offset={digit}",
        f"/api/v2/articles/?section={digit}",
    ]:
        assert client.get(url).status_code in (200, 400), url
    response = post_form(client, article, parent=digit)  # int("١") is 1: no such comment
    assert response.status_code == 400
    assert "Enter a whole number." in response.text or "not available" in response.text
    assert Comment.objects.count() == 0
