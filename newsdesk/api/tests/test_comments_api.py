"""The comments API: /api/articles/<id>/comments/ (GET: approved comments; POST: a comment)."""

import time

import pytest

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.testing import VALID, remember_in
from newsdesk.comments.tokens import issue_form_token

from .conftest import post_json

pytestmark = pytest.mark.django_db

TOKEN_KEYS = {"form_token"}
PUBLIC_KEYS = {"id", "parent_id", "depth", "author_name", "author_url", "body", "created_at"}


def url(article) -> str:
    return f"/api/articles/{article.pk}/comments/"


def typed_token(article, seconds_ago=60) -> str:
    return issue_form_token(article.pk, now=time.time() - seconds_ago)


def post(client, article, headers=None, **changes):
    data = {"form_token": typed_token(article), **VALID, **changes}
    data = {key: value for key, value in data.items() if value is not ...}
    return post_json(client, url(article), data, **(headers or {}))


# Reading


def test_lists_approved_comments_oldest_first_with_thread_ids(api_get):
    article = ArticleFactory()
    first = CommentFactory(
        page=article, author_name="First", author_url="https://first.example", body="A remark."
    )
    CommentFactory(page=article, pending=True, body="Waiting")
    CommentFactory(page=article, spam=True, body="Buy now")
    reply = CommentFactory(parent=first, author_name="Second", body="Indeed.")
    reply_to_reply = CommentFactory(parent=reply, author_name="Third")
    CommentFactory(page=ArticleFactory(), body="Elsewhere")

    listing = api_get(url(article))

    assert listing["count"] == 3
    assert [c["id"] for c in listing["items"]] == [first.pk, reply.pk, reply_to_reply.pk]
    assert [(c["parent_id"], c["depth"]) for c in listing["items"]] == [
        (None, 1),
        (first.pk, 2),
        (reply.pk, 3),
    ]
    item = listing["items"][0]
    assert set(item) == PUBLIC_KEYS  # never the email, IP address or user agent
    assert item["author_name"] == "First" and item["author_url"] == "https://first.example"
    assert item["body"] == "A remark."
    assert item["created_at"].startswith(first.created_at.strftime("%Y-%m-%dT%H:%M:%S"))


def test_reply_whose_parent_is_not_shown_is_top_level_as_on_the_page(api_get):
    article = ArticleFactory()
    parent = CommentFactory(page=article)
    reply = CommentFactory(parent=parent)
    parent.moderate(Comment.Status.SPAM)
    assert api_get(url(article))["items"] == [
        {**api_get(url(article))["items"][0], "id": reply.pk, "parent_id": None, "depth": 2}
    ]


def test_listing_pages(api_get):
    article = ArticleFactory()
    ids = [CommentFactory(page=article, body=f"Comment {i}").pk for i in range(5)]
    page = api_get(url(article), limit=2, offset=2)
    assert page["count"] == 5 and [c["id"] for c in page["items"]] == ids[2:4]
    assert api_get(url(article), limit=0, status=400)["errors"] == {
        "limit": ["Input should be greater than or equal to 1"]
    }
    assert api_get(url(article), limit=101, status=400)["errors"]["limit"]


def test_listing_unknown_or_unpublished_article_is_a_404(api_get):
    article = ArticleFactory()
    CommentFactory(page=article)
    article.unpublish()
    assert api_get(url(article), status=404) == {"detail": "Not found.", "errors": {}}
    api_get("/api/articles/999999/comments/", status=404)
    home_page = article.get_parent().get_parent()
    api_get(f"/api/articles/{home_page.pk}/comments/", status=404)
    assert api_get("/api/articles/abc/comments/", status=400)["errors"]["article_id"]
    api_get("/api/articles/99999999999999999999/comments/", status=400)


def test_listing_queries_do_not_grow_with_comments(client, django_assert_max_num_queries):
    article = ArticleFactory()
    parent = CommentFactory(page=article)
    client.get(url(article))
    with django_assert_max_num_queries(10) as few:
        client.get(url(article))
    for _ in range(20):
        parent = CommentFactory(page=article, parent=parent if parent.depth < 5 else None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url(article)).json()["items"]) == 21


# Posting


def test_valid_comment_is_stored_pending(client):
    article = ArticleFactory()
    response = post(client, article, headers={"User-Agent": "Reader app/1.0"})
    assert response.status_code == 201, response.content
    stored = Comment.objects.get()
    assert stored.status == Comment.Status.PENDING
    assert stored.page_id == article.pk and stored.author_email == "ada@reader.example"
    assert stored.ip_address == "127.0.0.1" and stored.user_agent == "Reader app/1.0"
    data = response.json()
    assert set(data) == PUBLIC_KEYS | {"status"}
    assert data["status"] == "pending" and data["id"] == stored.pk
    assert data["parent_id"] is None and data["depth"] == 1
    assert data["author_url"] == "https://ada.example" and data["body"] == VALID["body"]
    # Pending: not listed yet.
    assert client.get(url(article)).json()["count"] == 0


def test_known_commenter_is_approved_at_once(client):
    article = ArticleFactory()
    earlier = CommentFactory(
        page=article, author_name=VALID["author_name"], author_email="ADA@reader.example"
    )
    remember_in(client, earlier)  # posted from this browser
    response = post(client, article)
    assert response.status_code == 201 and response.json()["status"] == "approved"
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
    assert client.get(url(article)).json()["count"] == 2


def test_auto_approval_follows_the_setting(client, settings):
    settings.NEWSDESK_COMMENTS_AUTO_APPROVE_KNOWN = False
    article = ArticleFactory()
    known = CommentFactory(
        page=article, author_name=VALID["author_name"], author_email="ada@reader.example"
    )
    remember_in(client, known)
    assert post(client, article).json()["status"] == "pending"


def test_reply(client):
    article = ArticleFactory()
    parent = CommentFactory(page=article, author_email="ada@reader.example")
    response = post(client, article, parent_id=parent.pk)
    assert response.status_code == 201
    assert (response.json()["parent_id"], response.json()["depth"]) == (parent.pk, 2)
    assert Comment.objects.latest("pk").parent == parent


def test_reply_to_a_pending_foreign_or_too_deep_comment_is_refused(client, settings):
    settings.NEWSDESK_COMMENT_MAX_DEPTH = 2
    article = ArticleFactory()
    pending = CommentFactory(page=article, pending=True)
    foreign = CommentFactory(page=ArticleFactory())
    deep = CommentFactory(parent=CommentFactory(page=article))
    for parent, message in [
        (pending, "The comment you are replying to is not available."),
        (foreign, "The comment you are replying to is not available."),
        (deep, "This conversation is nested too deeply for a reply."),
        (99999999, "The comment you are replying to is not available."),
    ]:
        parent_id = parent if isinstance(parent, int) else parent.pk
        response = post(client, article, parent_id=parent_id)
        assert response.status_code == 400
        assert response.json()["errors"] == {"parent_id": [message]}
    assert Comment.objects.count() == 4


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("author_name", "", "Please enter your name."),
        ("author_name", "   ", "Please enter your name."),
        ("author_name", ..., "Please enter your name."),
        ("author_name", "x" * 101, "Ensure this value has at most 100 characters (it has 101)."),
        ("author_email", "", "Please enter your email address."),
        ("author_email", ..., "Please enter your email address."),
        ("author_email", "not-an-address", "Please enter a valid email address."),
        ("author_url", "javascript:alert(1)", "Please enter a valid web address"),
        ("author_url", "ht!tp://bad url", "Please enter a valid web address"),
        ("body", "", "Please type your comment."),
        ("body", " \n ", "Please type your comment."),
        ("body", "nul\x00byte", "Null characters are not allowed."),
        ("body", "lone \ud800 surrogate", "Contains characters that are not valid text."),
        ("author_name", 5, "Input should be a valid string"),
        ("body", None, "Input should be a valid string"),
        ("parent_id", "first", "Input should be a valid integer"),
        ("parent_id", 0, "Input should be greater than or equal to 1"),
    ],
)
def test_invalid_field_is_a_400_with_the_forms_message_and_stores_nothing(
    client, field, value, message
):
    article = ArticleFactory()
    response = post(client, article, **{field: value})
    assert response.status_code == 400
    data = response.json()
    assert set(data) == {"detail", "errors"} and data["detail"]
    assert list(data["errors"]) == [field]
    assert data["errors"][field][0].startswith(message)
    assert Comment.objects.count() == 0


def test_the_api_and_the_page_form_give_the_same_messages(client):
    article = ArticleFactory()
    data = {"author_name": " ", "author_email": "nope", "author_url": "javascript:x", "body": ""}
    api = post_json(client, url(article), {**data, "form_token": typed_token(article)})
    api = api.json()["errors"]
    page = client.post(f"/comments/post/{article.pk}/", data).content.decode()
    assert set(api) == {"author_name", "author_email", "author_url", "body"}
    for messages in api.values():
        assert all(message in page for message in messages)


@pytest.mark.parametrize("body", ["{not json", "null", "[1, 2]", "5", '"text"'])
def test_body_that_is_not_a_json_object_is_a_400(client, body):
    article = ArticleFactory()
    response = post_json(client, url(article), body)
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body", "errors": {}}
    assert Comment.objects.count() == 0


def test_empty_object_gets_the_forms_messages(client):
    response = post_json(client, url(ArticleFactory()), {})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "author_name": ["Please enter your name."],
        "author_email": ["Please enter your email address."],
        "body": ["Please type your comment."],
        "form_token": ["The form was incomplete. Please reload the page and try again."],
    }


def test_closed_article_refuses_comments(client):
    article = ArticleFactory(comments_open=False)
    response = post(client, article)
    assert response.status_code == 403
    assert response.json() == {"detail": "Comments are closed.", "errors": {}}
    # Closed comes before the form, as on the page.
    assert post(client, article, author_name="").status_code == 403
    assert Comment.objects.count() == 0


def test_unknown_or_unpublished_article_is_a_404(client):
    article = ArticleFactory()
    article.unpublish()
    assert post(client, article).status_code == 404
    assert post_json(client, "/api/articles/999999/comments/", VALID).status_code == 404
    assert Comment.objects.count() == 0


# Cross-site requests


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "http://localhost.evil.example"},
        {"Origin": "null"},
        {"Origin": "https://localhost"},  # another scheme is another origin
        {"Referer": "https://evil.example/page.html"},
        {"Referer": "not a url"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example", "Referer": "http://localhost/article/"},
    ],
)
def test_cross_origin_post_is_refused(client, headers):
    article = ArticleFactory()
    response = post(client, article, headers=headers)
    assert response.status_code == 403
    assert response.json() == {"detail": "Cross-site requests are refused.", "errors": {}}
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {},  # not a browser
        {"Origin": "http://localhost"},
        {"Referer": "http://localhost/uncategorized/story/"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
        {"Origin": "https://app.trusted.example"},
        {"Origin": "https://news.example"},
    ],
)
def test_same_origin_and_trusted_origins_may_post(client, settings, headers):
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.trusted.example", "https://news.example"]
    article = ArticleFactory()
    assert post(client, article, headers=headers).status_code == 201


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", ""],
)
def test_only_json_is_accepted(client, content_type):
    """Another site's form can send these types without asking: they are refused."""
    article = ArticleFactory()
    response = client.post(
        url(article),
        "author_name=Ada&author_email=ada%40reader.example&body=Hi",
        content_type=content_type,
    )
    assert response.status_code == 415
    assert response.json()["errors"] == {} and "JSON" in response.json()["detail"]
    assert Comment.objects.count() == 0


def test_get_is_not_checked_for_origin(api_get, client):
    article = ArticleFactory()
    response = client.get(url(article), headers={"Origin": "https://evil.example"})
    assert response.status_code == 200


# The spam layers, as on the page


def test_the_listing_hands_out_a_token_for_posting(client, settings):
    settings.NEWSDESK_COMMENT_MIN_SECONDS = 0
    article = ArticleFactory()
    token = client.get(url(article)).json()["form_token"]
    data = {**VALID, "form_token": token}
    assert post_json(client, url(article), data).status_code == 201
    again = post_json(client, url(article), {**data, "body": "Something else."})
    assert again.status_code == 400
    assert again.json()["errors"] == {
        "form_token": ["This form was already sent. Please reload the page to comment again."]
    }
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    ("seconds_ago", "message"),
    [(0, "That was quicker than anyone types."), (3 * 24 * 3600, "This form has expired.")],
)
def test_a_token_too_young_or_too_old_is_refused(client, seconds_ago, message):
    article = ArticleFactory()
    response = post(client, article, form_token=typed_token(article, seconds_ago))
    assert response.status_code == 400
    assert response.json()["errors"]["form_token"][0].startswith(message)
    assert Comment.objects.count() == 0


def test_rate_limits_and_duplicates_answer_in_the_error_format(client, settings):
    settings.NEWSDESK_COMMENT_RATE_PER_IP = 2
    article = ArticleFactory()
    assert post(client, article).status_code == 201
    duplicate = post(client, article)
    assert duplicate.status_code == 400
    assert duplicate.json() == {"detail": "You have already said that.", "errors": {}}
    limited = post(client, article, body="A third remark.")
    assert limited.status_code == 429 and "too quickly" in limited.json()["detail"]
    assert Comment.objects.count() == 1


def test_spam_is_not_announced_to_its_sender(client):
    from newsdesk.comments.models import CommentWordLists

    lists = CommentWordLists.load()
    lists.disallowed_words = "cheap watches"
    lists.save()
    article = ArticleFactory()
    response = post(client, article, body="Cheap watches here.")
    assert response.status_code == 201 and response.json()["status"] == "pending"
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_an_oversized_body_is_a_413(client, settings):
    settings.NEWSDESK_COMMENT_MAX_REQUEST_BYTES = 1000
    response = post(client, ArticleFactory(), body="x" * 2000)
    assert response.status_code == 413 and response.json()["errors"] == {}
