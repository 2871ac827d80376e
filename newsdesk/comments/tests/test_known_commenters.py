"""Approved at once only for a known commenter: the same name and email as an approved
comment that this browser posted (its signed cookie, commenters.py). A stranger who types a
known commenter's public name and guessed email waits for a moderator."""

import json
import re
import subprocess
import sys

import pytest
from django.core import signing
from django.test import Client, RequestFactory

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.commenters import COOKIE_NAME, MAX_REMEMBERED, posted_ids
from newsdesk.comments.models import Comment
from newsdesk.comments.testing import VALID, typed_token

from .test_posture import production_env

pytestmark = pytest.mark.django_db


def via_form(client, article, **changes):
    data = {**VALID, "form_token": typed_token(article), **changes}
    response = client.post(f"/comments/post/{article.pk}/", data)
    assert response.status_code == 303, response.content[:300]
    return response


def via_api(client, article, **changes):
    data = {**VALID, "form_token": typed_token(article), **changes}
    url = f"/api/articles/{article.pk}/comments/"
    response = client.post(url, json.dumps(data), content_type="application/json")
    assert response.status_code == 201, response.content[:300]
    return response


CHANNELS = pytest.mark.parametrize("post", [via_form, via_api], ids=["form", "api"])


def browser():
    return Client(HTTP_HOST="localhost")


def approved_earlier(post, client, article, **changes):
    """A comment posted through `post` by `client`'s browser, then approved by a moderator."""
    post(client, article, body="My first remark here.", **changes)
    comment = Comment.objects.latest("pk")
    comment.moderate(Comment.Status.APPROVED)
    return comment


def latest_status():
    return Comment.objects.latest("pk").status


@CHANNELS
def test_the_same_name_and_email_from_the_same_browser_are_approved_at_once(post):
    article, ada = ArticleFactory(), browser()
    approved_earlier(post, ada, article)
    post(ada, article, author_email="ADA@Reader.example", author_name="  Ada Reader ")
    assert latest_status() == Comment.Status.APPROVED


@CHANNELS
def test_a_stranger_with_a_known_email_waits_for_a_moderator(post):
    article = ArticleFactory()
    approved_earlier(post, browser(), article)
    post(browser(), article, body="I am Ada, honestly.")  # same name and email, no cookie
    assert latest_status() == Comment.Status.PENDING


@CHANNELS
def test_another_name_with_the_cookie_waits_for_a_moderator(post):
    article, ada = ArticleFactory(), browser()
    approved_earlier(post, ada, article)
    post(ada, article, author_name="Ada R.")
    assert latest_status() == Comment.Status.PENDING
    post(ada, article, author_name="ada reader", body="Lower case this time.")
    assert latest_status() == Comment.Status.PENDING


@CHANNELS
def test_another_email_with_the_cookie_waits_for_a_moderator(post):
    article, ada = ArticleFactory(), browser()
    approved_earlier(post, ada, article)
    post(ada, article, author_email="ada@elsewhere.example")
    assert latest_status() == Comment.Status.PENDING


@CHANNELS
def test_a_cookie_of_comments_still_pending_proves_nothing(post):
    article, ada = ArticleFactory(), browser()
    post(ada, article, body="Waiting for a moderator.")
    post(ada, article)
    assert latest_status() == Comment.Status.PENDING


def forged_cookies(genuine: str, ids: list[int]) -> list[str]:
    value, _, signature = genuine.rpartition(":")
    listed = ".".join(map(str, ids))
    return [
        listed,  # unsigned
        genuine.replace(value.split(":")[0], listed, 1),  # other ids, the old signature
        f"{value}:{signature[:-2]}xx",  # signature altered
        signing.get_cookie_signer(salt="elsewhere").sign(listed),  # signed for another use
        signing.Signer(key="not-the-site-secret", salt=COOKIE_NAME).sign(listed),
    ]


@CHANNELS
def test_a_forged_or_altered_cookie_proves_nothing(post, settings):
    settings.NEWSDESK_COMMENT_RATE_PER_EMAIL = 0
    article = ArticleFactory()
    victim = approved_earlier(post, browser(), article)
    mallory = browser()
    post(mallory, article, author_name="Mallory", body="My own comment.")
    genuine = mallory.cookies[COOKIE_NAME].value
    for number, forged in enumerate(forged_cookies(genuine, [victim.pk])):
        mallory.cookies[COOKIE_NAME] = forged
        post(mallory, article, body=f"I am Ada ({number}).")
        assert latest_status() == Comment.Status.PENDING, forged


def test_the_spam_score_still_holds_a_known_commenter(settings):
    settings.NEWSDESK_COMMENT_MAX_LINKS = 0
    article, ada = ArticleFactory(), browser()
    approved_earlier(via_form, ada, article)
    via_form(ada, article, body="Have a look at https://ada.example/latest")
    assert latest_status() == Comment.Status.PENDING


def test_the_cookie_is_httponly_lax_bounded_and_names_what_was_posted(settings):
    settings.NEWSDESK_COMMENT_RATE_PER_IP = 0
    settings.NEWSDESK_COMMENT_RATE_PER_EMAIL = 0
    article, ada = ArticleFactory(), browser()
    for number in range(MAX_REMEMBERED + 5):
        response = via_form(ada, article, body=f"Remark number {number}.")
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["secure"]
    assert cookie["max-age"] >= 30 * 24 * 3600
    request = RequestFactory().get("/")
    request.COOKIES[COOKIE_NAME] = cookie.value
    ids = posted_ids(request)
    newest = list(Comment.objects.order_by("-pk").values_list("pk", flat=True))
    assert ids == sorted(newest[:MAX_REMEMBERED])


def test_the_cookie_is_secure_when_the_setting_says_so(settings):
    settings.NEWSDESK_COMMENTER_COOKIE_SECURE = True
    response = via_form(browser(), ArticleFactory())
    assert response.cookies[COOKIE_NAME]["secure"]


def test_the_production_settings_make_the_cookie_secure():
    secret = "k" * 20 + "-Zq8#vT!p2@Lr9$Wm4^Xs7&Yd1*Nb6(Hc3)"
    read = "from django.conf import settings; print(settings.NEWSDESK_COMMENTER_COOKIE_SECURE)"
    for extra, expected in [({}, "True"), ({"SECURE_COOKIES": "false"}, "False")]:
        env = production_env(SECRET_KEY=secret, ALLOWED_HOSTS="n.example", **extra)
        result = subprocess.run(
            [sys.executable, "-m", "newsdesk", "shell", "-c", read],
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.stdout.splitlines()[-1:] == [expected], result.stderr


def test_pages_are_the_same_with_or_without_the_cookie():
    """So that the hot path may serve readers who carry it from its cache."""
    article, ada = ArticleFactory(), browser()
    approved_earlier(via_form, ada, article)
    assert COOKIE_NAME in ada.cookies
    with_cookie, without = ada.get(article.url), browser().get(article.url)
    assert not with_cookie.cookies and with_cookie.get("Vary") == without.get("Vary")
    assert live_parts_out(with_cookie.content) == live_parts_out(without.content)


def live_parts_out(html: bytes) -> bytes:
    """The page without what differs on every view: the counter line and the form token."""
    html = re.sub(rb"Visited \d+ times, \d+ visit\(s\) today", b"COUNTER", html)
    return re.sub(rb'name="form_token" value="[^"]*"', b"TOKEN", html)
