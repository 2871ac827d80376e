"""A commenter carries the signed cookie of the comments their browser posted
(newsdesk.comments.commenters); the hot path must still answer them from its cache, since
it only passes the session cookie to Django."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.commenters import COOKIE_NAME
from newsdesk.comments.testing import VALID, typed_token
from newsdesk.delivery.hotpath import HotPath
from newsdesk.delivery.tests.wsgi_client import call

pytestmark = pytest.mark.django_db


def test_a_reader_with_the_commenter_cookie_is_served_from_the_cache():
    article = ArticleFactory()
    reader = Client(HTTP_HOST="localhost")
    posted = reader.post(
        f"/comments/post/{article.pk}/", {**VALID, "form_token": typed_token(article)}
    )
    assert posted.status_code == 303
    cookie = f"theme=dark; {COOKIE_NAME}={posted.cookies[COOKIE_NAME].value}"
    hotpath = HotPath(WSGIHandler())
    answers = [call(hotpath, article.url, HTTP_COOKIE=cookie) for _ in range(3)]
    assert [a.cache for a in answers] == ["miss", "hit", "hit"]
    assert [a.counts for a in answers] == [(1, 1), (2, 2), (3, 3)]
    assert all("Set-Cookie" not in a.headers for a in answers)
