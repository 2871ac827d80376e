"""The form and the API post through one service (posting.py): the same bad post through
either gets the same status and message, layer by layer."""

import html
import json
import re
import time

import pytest

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments import posting
from newsdesk.comments.models import Comment
from newsdesk.comments.spam import gate
from newsdesk.comments.testing import VALID, database_full, typed_token
from newsdesk.comments.tokens import issue_form_token

pytestmark = pytest.mark.django_db

API_NAMES = {"parent": "parent_id"}


class Form:
    """The article page's form: the message is in the form-errors box, or on a short page
    when the post was refused before the form was read."""

    def post(self, client, article_id, data, address, headers):
        url = f"/comments/post/{article_id}/"
        return client.post(url, data, headers=headers, REMOTE_ADDR=address)

    def answer(self, response):
        if response.status_code == 303:
            return 201, None, {}  # the API's 201 (a redirect to where the comment shows)
        box = re.search(r'class="form-errors" role="alert">\s*(?:<p>)?(.*?)</p>', response.text)
        fields = re.findall(
            r'comment-form-(\w+) has-error">.*?<span class="field-error"[^>]*>(.*?)</span>',
            response.text,
            re.S,
        )
        errors = {name: [html.unescape(message)] for name, message in fields}
        return response.status_code, html.unescape(box[1]) if box else None, errors


class Api:
    def post(self, client, article_id, data, address, headers):
        body = json.dumps({API_NAMES.get(k, k): v for k, v in data.items()})
        url = f"/api/articles/{article_id}/comments/"
        return client.post(
            url, body, content_type="application/json", headers=headers, REMOTE_ADDR=address
        )

    def answer(self, response):
        data = response.json()
        if response.status_code == 201:
            return 201, None, {}
        errors = {k: v for k, v in data["errors"].items() if k != "form_token"}
        return response.status_code, data["detail"], errors


class Poster:
    """Posts through one channel from an address and with an email of its own, so that the
    two channels' rate limits and duplicates never meet."""

    def __init__(self, channel, client, number):
        self.channel, self.client = channel, client
        self.address = f"192.0.2.{number + 1}"
        self.email = f"reader{number}@readers.example"

    def post(self, article_id, headers=None, **changes):
        typed = issue_form_token(article_id, now=time.time() - 60)
        data = {**VALID, "author_email": self.email, "form_token": typed, **changes}
        response = self.channel.post(self.client, article_id, data, self.address, headers or {})
        return self.channel.answer(response)


def size(poster, article, settings):
    settings.NEWSDESK_COMMENT_MAX_REQUEST_BYTES = 1000
    return poster.post(article.pk, body="x" * 2000)


def origin(poster, article, settings):
    return poster.post(article.pk, headers={"Origin": "https://evil.example"})


def rate_ip(poster, article, settings):
    settings.NEWSDESK_COMMENT_RATE_PER_IP = 1
    poster.post(article.pk, form_token="")  # refused, and counted
    return poster.post(article.pk)


def page(poster, article, settings):
    return poster.post(999_999)


def closed(poster, article, settings):
    return poster.post(ArticleFactory(comments_open=False).pk)


def token(poster, article, settings):
    return poster.post(article.pk, form_token="1.2.3.4")


def form(poster, article, settings):
    return poster.post(article.pk, author_name=" ", author_url="javascript:alert(1)")


def rate_email(poster, article, settings):
    settings.NEWSDESK_COMMENT_RATE_PER_EMAIL = 1
    poster.post(article.pk, body="The first remark.")
    return poster.post(article.pk, body="The second remark.")


def duplicate(poster, article, settings):
    poster.post(article.pk)
    return poster.post(article.pk)


def replay(poster, article, settings):
    used = typed_token(article)
    poster.post(article.pk, form_token=used)
    return poster.post(article.pk, form_token=used, body="Something else entirely.")


def store(poster, article, settings):
    with database_full():
        return poster.post(article.pk, body="A remark long enough to need new pages. " * 150)


LAYERS = [
    (size, 413, gate.TOO_LARGE),
    (origin, 403, gate.CROSS_SITE),
    (rate_ip, 429, gate.TOO_MANY),
    (page, 404, posting.NOT_FOUND),
    (closed, 403, posting.CLOSED),
    (token, 400, "The form was incomplete. Please reload the page and try again."),
    (form, 400, posting.NOT_ACCEPTED),
    (rate_email, 429, gate.TOO_MANY_FOR_EMAIL),
    (duplicate, 400, gate.DUPLICATE),
    (replay, 400, "This form was already sent. Please reload the page to comment again."),
    (store, 503, posting.UNSAVED),
]


@pytest.mark.parametrize(
    ("scenario", "status", "message"), LAYERS, ids=[layer[0].__name__ for layer in LAYERS]
)
def test_the_same_bad_post_gets_the_same_answer_from_the_form_and_the_api(
    client, settings, scenario, status, message
):
    article = ArticleFactory()
    before = Comment.objects.count()
    page_answer = scenario(Poster(Form(), client, 0), article, settings)
    stored_by_page = Comment.objects.count() - before
    api_answer = scenario(Poster(Api(), client, 1), article, settings)
    assert page_answer == api_answer
    assert page_answer[:2] == (status, message)
    # What the scenario stored on the way (a first comment) is the same through both.
    assert Comment.objects.count() - before == 2 * stored_by_page


def test_a_field_error_is_said_next_to_the_same_field_by_both(client):
    article = ArticleFactory()
    answers = [form(Poster(c, client, n), article, None) for n, c in enumerate([Form(), Api()])]
    assert answers[0] == answers[1]
    assert answers[0][2] == {
        "author_name": ["Please enter your name."],
        "author_url": ["Please enter a valid web address, e.g. https://example.org"],
    }


def test_refused_before_the_article_is_read_the_page_still_gives_the_text_back(client, settings):
    settings.NEWSDESK_COMMENT_RATE_PER_IP = 1
    article = ArticleFactory()
    poster = Poster(Form(), client, 0)
    poster.post(article.pk, form_token="")
    url = f"/comments/post/{article.pk}/"
    data = {**VALID, "body": "Typed <carefully> & at length.", "form_token": typed_token(article)}
    response = client.post(url, data, REMOTE_ADDR=poster.address)
    assert response.status_code == 429
    assert "Typed &lt;carefully&gt; &amp; at length.</textarea>" in response.text
    # Not what another site's page sent.
    cross = client.post(url, data, headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403 and "<textarea" not in cross.text


def test_the_api_does_not_import_the_html_view():
    import newsdesk.api.comments as api

    assert "newsdesk.comments.views" not in {
        getattr(value, "__module__", "") for value in vars(api).values()
    }
