"""A crawl of every public output of the demo site finds no commenter or author email."""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from newsdesk.articles.models import Author
from newsdesk.comments.models import Comment

LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
XML_LOC = re.compile(r"<(?:loc|link|id|guid)[^>]*>([^<]+)<")
JSON_URL = re.compile(r'"[a-z_]*url":\s*"([^"]+)"')
SEEDS = [
    "/",
    "/robots.txt",
    "/sitemap.xml",
    "/feed/",
    "/feed/atom/",
    "/api/v2/articles/",
    "/api/v2/sections/",
    "/api/v2/authors/",
    "/api/openapi.json",
    "/search/?q=harbour",
]
SKIP = ("/admin", "/static/", "/media/", "/comments/post/", "/documents/")


def internal_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme and parts.hostname not in {"localhost", "testserver"}:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if not path.startswith("/") or path.startswith(SKIP) else path


@pytest.mark.django_db
def test_no_email_in_any_public_output(client):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    secrets = {c.author_email for c in Comment.objects.all()} | {
        a.email for a in Author.objects.exclude(email="")
    }
    ips = {c.ip_address for c in Comment.objects.exclude(ip_address=None)}
    assert secrets and ips
    seen, queue, answered = set(SEEDS), deque(SEEDS), 0
    while queue and answered < 600:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or response.streaming:
            continue
        answered += 1
        body = response.content.decode("utf-8", "replace")
        leaked = [s for s in secrets | ips if s in body]
        assert not leaked, f"{path} shows {leaked}"
        for link in LINK.findall(body) + XML_LOC.findall(body) + JSON_URL.findall(body):
            found = internal_path(urljoin(path, link.strip()))
            if found and found not in seen:
                seen.add(found)
                queue.append(found)
    # The crawl reached the articles, their feeds and the API, not just the front page.
    assert answered > 100
    assert any(p.startswith("/feed/comments/") for p in seen)
    assert any(re.fullmatch(r"/api/v2/articles/\d+/", p) for p in seen)
    assert any(re.fullmatch(r"/api/articles/\d+/comments/", p) for p in seen)


@pytest.mark.django_db
def test_no_email_on_error_pages_or_refused_comment_posts(client):
    """The answers to bad requests: a 404, and each way a comment post is refused, show no
    other commenter's email (a form sent back shows only what its sender typed)."""
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    secrets = {c.author_email for c in Comment.objects.all()}
    article = Comment.objects.filter(status="approved").first().page
    typed = {"author_name": "Nemo", "author_email": "nemo@x.example", "body": "Hello"}
    answers = [
        client.get("/no-such-page/"),
        client.get(f"{article.url}?unapproved=1&moderation-hash=forged"),
        client.post(f"/comments/post/{article.pk}/", typed),  # no token
        client.post(
            f"/comments/post/{article.pk}/", typed, headers={"Origin": "https://x.example"}
        ),
        client.post(f"/api/articles/{article.pk}/comments/", typed),
        client.post("/comments/post/999999/", typed),
    ]
    for response in answers:
        assert response.status_code < 500
        body = response.content.decode("utf-8", "replace")
        assert not [s for s in secrets if s in body], response.request["PATH_INFO"]
