"""A commenter's website: one rule (links.py) on every path that stores one, and no link on
any page for an unsafe address that was stored before the rule."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.links import INVALID, is_safe_url
from newsdesk.comments.models import Comment
from newsdesk.comments.testing import VALID, typed_token
from newsdesk.security.factories import SuperuserFactory

pytestmark = pytest.mark.django_db

# Addresses Django's URLField and URLValidator let through, each unsafe here.
SLIPPED_THROUGH = [
    "ftp://files.example/",  # the model field's default schemes
    "https://x.example/\x01",  # a control character
    "https://x.example/\x7f",
    "https://x.example/\u200bpay",  # zero width: what you see is not where it goes
    "https://x.example/\u202etxt.exe",  # bidi override
]
# What imports and old data bring: stored as given before the rule.
HOSTILE = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "JaVaScRiPt:alert(document.cookie)",
    *SLIPPED_THROUGH,
]


@pytest.mark.parametrize("url", ["https://ada.example", "http://x.example/a?b=c#d"])
def test_web_addresses_are_safe(url):
    assert is_safe_url(url)


@pytest.mark.parametrize("url", [*HOSTILE, "https://x.example/" + "a" * 200])
def test_the_model_field_refuses_an_unsafe_website(url):
    comment = CommentFactory.build(page=ArticleFactory(), author_url=url)
    with pytest.raises(ValidationError) as refused:
        comment.full_clean()
    assert "author_url" in refused.value.message_dict


@pytest.fixture
def admin_client(client):
    client.force_login(SuperuserFactory())
    return client


@pytest.mark.parametrize("url", ["ftp://files.example/", "https://x.example/\x01"])
def test_the_admins_edit_form_refuses_an_unsafe_website(admin_client, url):
    comment = CommentFactory(pending=True)
    fields = {"author_name": "Ada", "author_email": "ada@x.example", "body": "Hi."}
    response = admin_client.post(
        f"/admin/comments/edit/{comment.pk}/", {**fields, "author_url": url}
    )
    assert response.status_code == 200  # the form again, with the error
    assert INVALID in response.content.decode().replace("&#x27;", "'")
    comment.refresh_from_db()
    assert comment.author_url == ""


@pytest.mark.parametrize("url", SLIPPED_THROUGH[1:])
def test_the_form_and_the_api_refuse_what_urlvalidator_lets_through(client, url):
    article = ArticleFactory()
    data = {**VALID, "author_url": url, "form_token": typed_token(article)}
    page = client.post(f"/comments/post/{article.pk}/", data)
    assert page.status_code == 400 and INVALID in page.content.decode().replace("&#x27;", "'")
    api = client.post(
        f"/api/articles/{article.pk}/comments/",
        {**data, "form_token": typed_token(article)},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json()["errors"]["author_url"] == [INVALID]
    assert Comment.objects.count() == 0


def test_pages_the_api_and_the_admin_link_only_safe_websites(client, admin_client):
    article = ArticleFactory()
    # Stored as the importer and the old rules stored them: without validation.
    for number, url in enumerate(HOSTILE):
        CommentFactory(page=article, author_name=f"Reader {number}", author_url=url)
    safe = CommentFactory(page=article, author_name="Safe", author_url="https://safe.example/")
    pages = [
        client.get(article.url).content.decode(),
        admin_client.get("/admin/comments/").content.decode(),
    ]
    for html in pages:
        links = re.findall(r'<a href="([^"]*)" rel="nofollow ugc', html)
        assert links == [safe.author_url]
        for number in range(len(HOSTILE)):
            assert f"Reader {number}" in html  # the comment is shown, without a link
    listing = client.get(f"/api/articles/{article.pk}/comments/").json()["items"]
    assert [c["author_url"] for c in listing] == [""] * len(HOSTILE) + [safe.author_url]


def test_the_data_migration_blanks_unsafe_websites_and_keeps_the_comments():
    article = ArticleFactory()
    unsafe = [CommentFactory(page=article, author_url=url) for url in HOSTILE]
    safe = CommentFactory(page=article, author_url="https://safe.example/")
    migration = importlib.import_module("newsdesk.comments.migrations.0004_website_rule")
    migration.blank_unsafe_websites(apps, None)
    assert [c.author_url for c in Comment.objects.filter(pk__in=[c.pk for c in unsafe])] == [
        ""
    ] * len(HOSTILE)
    safe.refresh_from_db()
    assert safe.author_url == "https://safe.example/"
    assert Comment.objects.count() == len(HOSTILE) + 1
