"""The promises of the comment form hold across the worker processes of one real server
without Redis: a form token is accepted once, and the per-address and per-email limits count
every worker's posts (they used to be per worker: a token went through twice, and a limit
of 10 let 20 posts in)."""

import http.client
from collections import Counter
from urllib.parse import urlencode, urlsplit

import pytest

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.testing import VALID, typed_token
from newsdesk.testing import running_server

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ENV = {
    "REDIS_URL": "",  # the default install: no Redis
    "NEWSDESK_HOTPATH_WORKER_HEADER": "1",
    "NEWSDESK_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
    "NEWSDESK_COMMENT_RATE_PER_IP": "10",
    "NEWSDESK_COMMENT_RATE_PER_EMAIL": "5",
}


def post(base_url: str, article, fields: dict, ip: str) -> tuple[int, str]:
    """One post on a new connection (so the kernel may hand it to either worker); the status
    and the pid of the worker that answered."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": ip}
        connection.request("POST", f"/comments/post/{article.pk}/", urlencode(fields), headers)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("X-Newsdesk-Worker")
    finally:
        connection.close()


def test_limits_and_single_use_tokens_hold_across_two_workers():
    article = ArticleFactory()
    with running_server(workers=2, env=ENV) as base_url:
        # The same token posted twice, twelve times over, from twelve addresses.
        # (Other words the second time, or the duplicate check would refuse it anyway.)
        pairs = []
        for n in range(12):
            fields = {**VALID, "author_email": f"twice{n}@reader.example"}
            fields["form_token"] = typed_token(article)
            pairs.append(
                [
                    post(base_url, article, {**fields, "body": f"Take {take}, number {n}."}, ip)
                    for take, ip in (
                        ("one", f"198.51.100.{n + 1}"),
                        ("two", f"198.51.100.{n + 101}"),
                    )
                ]
            )
        # Twenty posts from one address, each with its own token and email.
        from_one_address = [
            post(
                base_url,
                article,
                {
                    **VALID,
                    "author_email": f"address{n}@reader.example",
                    "body": f"From one address, number {n}.",
                    "form_token": typed_token(article),
                },
                "203.0.113.7",
            )
            for n in range(20)
        ]
        # Ten posts with one email, each from its own address.
        with_one_email = [
            post(
                base_url,
                article,
                {
                    **VALID,
                    "author_email": "same@reader.example",
                    "body": f"One email, number {n}.",
                    "form_token": typed_token(article),
                },
                f"192.0.2.{n + 1}",
            )
            for n in range(10)
        ]

    assert [first[0] for first, _ in pairs] == [303] * 12
    assert [second[0] for _, second in pairs] == [400] * 12, "a token was accepted twice"
    across = [first[1] != second[1] for first, second in pairs]
    assert any(across), "no token was replayed on the other worker: the test proved nothing"

    outcome = Counter(status for status, _ in from_one_address)
    assert outcome == {303: 10, 429: 10}, outcome
    assert len({pid for _, pid in from_one_address}) == 2, "both workers took posts"

    outcome = Counter(status for status, _ in with_one_email)
    assert outcome == {303: 5, 429: 5}, outcome
