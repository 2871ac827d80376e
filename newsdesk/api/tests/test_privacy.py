"""No API response ever contains an author's or a commenter's email (nor a commenter's IP
address or user agent): every endpoint is crawled, following every API link it gives."""

import json
import time
from collections import deque

import pytest

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.tokens import issue_form_token
from newsdesk.pageviews.counting import record_view

from .conftest import post_json

pytestmark = pytest.mark.django_db

AUTHOR_EMAIL = "byline.private.7f3a@newsroom-secret.example"
COMMENTER_EMAILS = [
    "approved.private.91c2@readers-secret.example",
    "pending.private.5d0e@readers-secret.example",
    "reply.private.aa41@readers-secret.example",
    "posted.private.c3b9@readers-secret.example",
]
SECRETS = [
    AUTHOR_EMAIL,
    *COMMENTER_EMAILS,
    "newsroom-secret",
    "readers-secret",
    "198.51.100.23",  # a commenter's IP address
    "SecretBrowser/4.2",  # a commenter's user agent
]
SEEDS = [
    "/api/v2/articles/",
    "/api/v2/articles/?fields=*",
    "/api/v2/articles/?fields=*,authors(*),further_sections(*)",
    "/api/v2/articles/?fields=body&rich_text_format=html",
    "/api/v2/sections/?fields=*",
    "/api/v2/authors/",
    "/api/v2/authors/?fields=*",
    "/api/v2/authors/?search=Secret",
    "/api/v2/articles/?search=remark",
    "/api/v2/articles/?order=-views&fields=*",
    "/api/v2/articles/?order=views&search=remark",
    "/api/v2/articles/most_read/",
    "/api/v2/articles/most_read/?window=all&fields=*,authors(*),further_sections(*)",
    "/api/v2/articles/most_read/?window=today&fields=body&rich_text_format=html",
    "/api/openapi.json",
    "/api/docs/",
]


@pytest.fixture
def newsroom(client):
    """Articles with authors and comments of every status, all with distinctive emails."""
    author = AuthorFactory(name="Sam Secret", email=AUTHOR_EMAIL, bio="Writes about harbours.")
    section = SectionFactory(title="Harbour")
    article = ArticleFactory(parent=section, authors=[author], tags=["harbour"])
    ArticleFactory(authors=[author], further_sections=[section])
    private = dict(ip_address="198.51.100.23", user_agent="SecretBrowser/4.2")
    approved = CommentFactory(
        page=article, author_email=COMMENTER_EMAILS[0], body="A remark.", **private
    )
    CommentFactory(page=article, author_email=COMMENTER_EMAILS[1], pending=True, **private)
    CommentFactory(parent=approved, author_email=COMMENTER_EMAILS[2], **private)
    posted = post_json(
        client,
        f"/api/articles/{article.pk}/comments/",
        {
            "author_name": "Posty",
            "author_email": COMMENTER_EMAILS[3],
            "body": "Posted through the API.",
            "parent_id": approved.pk,
            "form_token": issue_form_token(article.pk, now=time.time() - 60),
        },
        **{"User-Agent": "SecretBrowser/4.2"},
    )
    assert posted.status_code == 201
    record_view(article.pk)  # listed by most_read
    return {"article": article, "posted": posted}


def links_in(data) -> list[str]:
    if isinstance(data, dict):
        return [link for value in data.values() for link in links_in(value)]
    if isinstance(data, list):
        return [link for value in data for link in links_in(value)]
    if isinstance(data, str) and data.startswith("http://localhost/api/"):
        return [data.removeprefix("http://localhost")]
    return []


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), f"{secret} in {where}"


def test_no_response_contains_an_email(client, newsroom):
    article = newsroom["article"]
    assert_no_secret(newsroom["posted"].content.decode(), "the POST response")
    invalid = post_json(
        client,
        f"/api/articles/{article.pk}/comments/",
        {"author_name": "X", "author_email": COMMENTER_EMAILS[0] + "@", "body": "x"},
    )
    assert invalid.status_code == 400
    assert_no_secret(invalid.content.decode(), "a 400 response")

    queue = deque(SEEDS + [f"/api/v2/articles/{article.pk}/?fields=*"])
    seen: set[str] = set()
    while queue and len(seen) < 300:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        text = response.content.decode()
        assert_no_secret(text, url)
        if response["Content-Type"].startswith("application/json"):
            queue.extend(links_in(json.loads(text)))
            if "/api/v2/" in url and "find" not in url and "?" not in url:
                queue.append(url + "?fields=*")
    crawled = " ".join(sorted(seen))
    for expected in ("/api/v2/authors/", "/api/v2/sections/", "/comments/", "/api/v2/articles/"):
        assert expected in crawled
    most_read = client.get("/api/v2/articles/most_read/?window=all").json()
    assert [item["id"] for item in most_read["items"]] == [article.pk]
    assert len(seen) > 20


def test_browsable_api_pages_show_no_email(client, newsroom):
    """Wagtail's API answers browsers with Django REST framework's HTML pages."""
    for url in [
        "/api/v2/authors/",
        "/api/v2/articles/?fields=*",
        "/api/v2/articles/most_read/?fields=*,authors(*)",
    ]:
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert_no_secret(response.content.decode(), url)
