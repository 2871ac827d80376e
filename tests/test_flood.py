"""A comment flood on loopback against a real `newsdesk serve` with two workers.

Thousands of posts from many simulated clients (the server trusts X-Forwarded-For only in
this test, so each thread can play many addresses) arrive while readers load articles, and
a few dozen legitimate commenters post in the middle of it. The rate limits must hold, every
legitimate comment must be stored, and the article pages must keep answering. The test
prints what each layer caught and the article latency without and during the flood.

The limits are shared marks (newsdesk.security.marks): in the database, or in Redis with
REDIS_URL (as in CI's PostgreSQL run), so both workers count the same hits either way.

The flood is a fixed amount of work (2,030 posts); nothing here measures time against a
budget, since a busy machine may take any time. A hang is caught by the 30 s timeout of each
request.
"""

import http.client
import random
import statistics
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.spam import gate
from newsdesk.comments.tokens import issue_form_token
from newsdesk.testing import running_server

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BOTS = 40  # addresses that each flood the form
POSTS_PER_BOT = 40
BOTNET = 400  # addresses that post once each, all with one email
LEGITIMATE = 30
LAYERS = {  # (status, message) → the layer that refused
    (429, gate.TOO_MANY): "rate limit per address",
    (429, gate.TOO_MANY_FOR_EMAIL): "rate limit per email",
    (400, gate.DUPLICATE): "duplicate",
    (400, "The form was incomplete."): "token missing or forged",
    (400, "quicker than anyone types"): "token too fast",
    (400, "This form was already sent."): "token replayed",
}


class Connection(threading.local):
    """One keep-alive connection per thread."""

    def __init__(self, base_url):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.http = None

    def request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            if self.http is None:
                self.http = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.http.request(method, path, body=body, headers=headers or {})
                response = self.http.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                self.http.close()
                self.http = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def good_token(article):
    return issue_form_token(article.pk, now=time.time() - 60)


def bot_posts(article) -> list[dict]:
    """Each bot sends one kind of abuse, over and over, from its own address."""
    kinds = ["spam", "no-token", "too-fast", "replay", "honeypot", "duplicate"]
    posts = []
    for bot in range(BOTS):
        kind = kinds[bot % len(kinds)]
        replayed = good_token(article)
        for n in range(POSTS_PER_BOT):
            fields = {
                "author_name": f"Bot {bot}",
                "author_email": f"bot{bot}-{n}@spam.example",
                "body": f"Cheap watches {bot}-{n} at https://spam.example/{n} https://b.example",
                "form_token": good_token(article),
            }
            if kind == "no-token":
                del fields["form_token"]
            elif kind == "too-fast":
                fields["form_token"] = None  # issued when sent: see send()
            elif kind == "replay":
                fields["form_token"] = replayed
            elif kind == "honeypot":
                fields["homepage"] = "https://spam.example"
            elif kind == "duplicate":
                fields["body"] = f"Same words from bot {bot}."
                fields["author_email"] = f"bot{bot}@spam.example"
            posts.append({"who": "bot", "ip": f"10.1.{bot}.1", "fields": fields})
    for member in range(BOTNET):
        fields = {
            "author_name": "Botnet",
            "author_email": "herder@botnet.example",
            "body": f"Visit the botnet, member {member}.",
            "form_token": good_token(article),
        }
        ip = f"10.2.{member // 250}.{member % 250 + 1}"
        posts.append({"who": "botnet", "ip": ip, "fields": fields})
    return posts


def legitimate_posts(article) -> list[dict]:
    return [
        {
            "who": "reader",
            "ip": f"192.0.2.{n + 1}",
            "fields": {
                "author_name": f"Reader {n}",
                "author_email": f"reader{n}@readers.example",
                "body": f"A considered opinion number {n} on the harbour plan.",
                "form_token": good_token(article),
            },
        }
        for n in range(LEGITIMATE)
    ]


def layer_of(status: int, body: bytes) -> str:
    if status == 303:
        return "stored"
    text = body.decode("utf-8", "replace").replace("&#x27;", "'")
    for (code, message), layer in LAYERS.items():
        if status == code and message in text:
            return layer
    return f"other {status}"


def read_once(connection, paths, latencies, statuses):
    started = time.perf_counter()
    status, _ = connection.request("GET", random.choice(paths))
    latencies.append(time.perf_counter() - started)
    statuses[status] += 1


def read_articles(connection, paths, stop, latencies, statuses):
    while not stop.is_set():
        read_once(connection, paths, latencies, statuses)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def test_flood_of_comment_posts():
    store = "Redis" if settings.REDIS_URL else "the database"
    target = ArticleFactory(title="The harbour plan")
    readable = [ArticleFactory().url for _ in range(3)] + [target.url]
    posts = bot_posts(target)
    legit = legitimate_posts(target)
    # The readers' comments arrive in the middle of the flood.
    random.seed(6)
    random.shuffle(posts)
    middle = len(posts) // 2
    posts = posts[:middle] + legit + posts[middle:]
    env = {
        "NEWSDESK_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
        "NEWSDESK_COMMENT_RATE_PER_IP": "10",
        "NEWSDESK_COMMENT_RATE_PER_EMAIL": "5",
        "NEWSDESK_COMMENT_MAX_LINKS": "1",
    }
    with running_server(workers=2, env=env) as base_url:
        connection = Connection(base_url)

        for path in readable:  # warm up: first renders and caches
            connection.request("GET", path)
        quiet, quiet_statuses = [], Counter()
        for _ in range(200):
            read_once(connection, readable, quiet, quiet_statuses)

        post_path = f"/comments/post/{target.pk}/"

        def send(post):
            fields = post["fields"]
            if "form_token" in fields and fields["form_token"] is None:
                fields = {**fields, "form_token": issue_form_token(target.pk)}
            body = urlencode(fields)
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": post["ip"],
            }
            status, content = connection.request("POST", post_path, body, headers)
            return post, layer_of(status, content)

        stop, busy, busy_statuses = threading.Event(), [], Counter()
        readers = [
            threading.Thread(
                target=read_articles,
                args=(Connection(base_url), readable, stop, busy, busy_statuses),
            )
            for _ in range(2)
        ]
        for reader in readers:
            reader.start()
        started = time.monotonic()
        try:
            with ThreadPoolExecutor(max_workers=8) as pool:
                outcomes = list(pool.map(send, posts))
        finally:
            stop.set()
            for reader in readers:
                reader.join()
        flood_seconds = time.monotonic() - started

    caught = Counter(layer for _post, layer in outcomes)
    stored = {c.author_email: c for c in Comment.objects.filter(page=target)}
    scored = Counter(c.status for c in stored.values() if not c.author_name.startswith("Reader"))
    print(
        f"\nFlood: {len(posts)} posts in {flood_seconds:.1f} s from {BOTS + BOTNET + LEGITIMATE}"
        f" addresses (2 workers, limits in {store})"
    )
    for layer, count in caught.most_common():
        print(f"  {layer:<26} {count:>6}")
    print(f"  stored bot comments by status: {dict(scored)}")
    for name, latencies in (("quiet", quiet), ("flood", busy)):
        median, p95 = statistics.median(latencies) * 1000, percentile(latencies, 0.95) * 1000
        print(
            f"  article latency {name}: median {median:.1f} ms, p95 {p95:.1f} ms "
            f"({len(latencies)} reads)"
        )

    # Nothing failed; the pages kept answering.
    assert not [layer for layer in caught if layer.startswith("other")], caught
    assert set(quiet_statuses) == {200} and set(busy_statuses) == {200}, busy_statuses
    assert len(busy) > 50
    # Every legitimate comment is stored, and not as spam.
    for post in legit:
        comment = stored.get(post["fields"]["author_email"])
        assert comment is not None, post
        assert comment.status != Comment.Status.SPAM
    # The limits held: no address got more than 10 posts past its limit, and the botnet's
    # single email no more than 5 comments.
    passed_by_ip = Counter(
        post["ip"] for post, layer in outcomes if layer != "rate limit per address"
    )
    worst = max(passed_by_ip, key=passed_by_ip.get)
    assert passed_by_ip[worst] <= 10, (worst, [lay for p, lay in outcomes if p["ip"] == worst])
    assert Comment.objects.filter(author_email="herder@botnet.example").count() <= 5
    # Each layer caught its kind of abuse.
    for layer in LAYERS.values():
        assert caught[layer] > 0, f"{layer} caught nothing"
    assert scored[Comment.Status.SPAM] > 0 and scored[Comment.Status.PENDING] > 0
    assert scored[Comment.Status.APPROVED] == 0
