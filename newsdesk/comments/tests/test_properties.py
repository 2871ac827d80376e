"""Property-based tests (hypothesis) of the comment form and the comments API: whatever is
sent, the answer is a success or a 4xx with a message, never a 5xx, and a refused post
stores nothing."""

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.tokens import issue_form_token

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FIELDS = ["author_name", "author_email", "author_url", "body", "parent", "homepage"]
GOOD = {
    "author_name": ["Ada", "Zoë O'Brien", "李雷"],
    "author_email": ["ada@reader.example", "ZOE@x.example"],
    "author_url": ["", "https://ada.example", "javascript:alert(1)", "x.example"],
    "body": ["Good point.", "<script>alert(1)</script>", "See https://a.example"],
    "parent": ["", "1", "-1", "99999999999999999999999"],
    "homepage": [""],
}
# Text a form or JSON can carry (no lone surrogates: no encoding can send them in a form).
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)


@pytest.fixture
def article(settings):
    # The limits would turn most examples into 429s; they are tested in test_spam.py.
    settings.NEWSDESK_COMMENT_RATE_PER_IP = 0
    settings.NEWSDESK_COMMENT_RATE_PER_EMAIL = 0
    return ArticleFactory()


def field_values(name):
    return st.one_of(st.sampled_from(GOOD[name]), text)


form_data = st.fixed_dictionaries({}, optional={name: field_values(name) for name in FIELDS})


def fresh_token(article, usable: bool) -> str:
    return issue_form_token(article.pk, now=time.time() - (60 if usable else 0))


def assert_answer(response, before: int, success: int, message_in) -> None:
    assert response.status_code < 500, response.content[:300]
    after = Comment.objects.count()
    if response.status_code == success:
        assert after == before + 1
    else:
        assert 400 <= response.status_code < 500, response.status_code
        assert message_in(response), response.content[:500]
        assert after == before, "a refused post stored something"


def page_has_message(response) -> bool:
    html = response.content.decode()
    return 'class="field-error"' in html or 'class="form-errors"' in html


def api_has_message(response) -> bool:
    data = response.json()
    return bool(data.get("detail")) and isinstance(data.get("errors"), dict)


@PROPERTY
@given(data=form_data, usable=st.booleans())
def test_any_form_post_is_answered_with_success_or_a_message(client, article, data, usable):
    before = Comment.objects.count()
    response = client.post(
        f"/comments/post/{article.pk}/", {**data, "form_token": fresh_token(article, usable)}
    )
    assert_answer(response, before, 303, page_has_message)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(text, children, max_size=3),
    max_leaves=5,
)
API_FIELDS = ["author_name", "author_email", "author_url", "body", "parent_id"]


@PROPERTY
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(st.sampled_from(GOOD.get(name, [1, 2])), json_values)
            for name in API_FIELDS
        },
    ),
    usable=st.booleans(),
)
def test_any_api_post_is_answered_with_success_or_a_message(client, article, data, usable):
    before = Comment.objects.count()
    body = json.dumps({**data, "form_token": fresh_token(article, usable)})
    response = client.post(
        f"/api/articles/{article.pk}/comments/", body, content_type="application/json"
    )
    assert_answer(response, before, 201, api_has_message)


@PROPERTY
@given(
    body=st.binary(max_size=400),
    content_type=st.sampled_from(
        [
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "text/plain",
            "",
        ]
    ),
    endpoint=st.sampled_from(["/comments/post/{}/", "/api/articles/{}/comments/"]),
)
def test_any_bytes_are_answered_without_a_server_error(
    client, article, body, content_type, endpoint
):
    before = Comment.objects.count()
    response = client.generic("POST", endpoint.format(article.pk), body, content_type)
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert Comment.objects.count() == before
