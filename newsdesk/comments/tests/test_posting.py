import re

import pytest
from django.test import Client

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.testing import VALID, remember_in, typed_token

pytestmark = pytest.mark.django_db


def post(client, article, **changes):
    data = {"form_token": typed_token(article), **VALID, **changes}
    return client.post(
        f"/comments/post/{article.pk}/", {k: v for k, v in data.items() if v is not None}
    )


def field_block(html: str, name: str) -> str:
    match = re.search(
        rf'<p class="comment-form-field comment-form-{name}[^"]*">(.*?)</p>', html, re.S
    )
    assert match, f"no form field {name}"
    return match[1]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("author_name", "", "Please enter your name."),
        ("author_name", "   ", "Please enter your name."),
        ("author_email", "", "Please enter your email address."),
        ("author_email", "not-an-address", "Please enter a valid email address."),
        ("author_url", "javascript:alert(1)", "Please enter a valid web address"),
        ("author_url", "ht!tp://bad url", "Please enter a valid web address"),
        ("body", "", "Please type your comment."),
        ("body", " \n ", "Please type your comment."),
    ],
)
def test_invalid_field_shows_error_next_to_it_keeps_input_and_stores_nothing(
    client, field, value, message
):
    article = ArticleFactory()
    response = post(client, article, **{field: value})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in field_block(html, field)
    assert "has-error" in re.search(rf'comment-form-{field}[^"]*"', html)[0]
    for other, typed in VALID.items():
        if other != field and other != "body":
            assert f'value="{typed}"' in field_block(html, other)
    if field != "body":
        assert VALID["body"] in field_block(html, "body")
    assert Comment.objects.count() == 0


def test_valid_comment_is_pending_and_its_author_sees_it_awaits_moderation(client):
    article = ArticleFactory()
    response = post(client, article)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.page_id == article.pk and comment.author_email == "ada@reader.example"
    assert response.status_code == 303
    page = client.get(response["Location"])
    assert b"Your comment is awaiting moderation." in page.content
    assert VALID["body"].encode() in page.content
    # Anyone else, and a forged hash, see nothing of it.
    assert VALID["body"].encode() not in client.get(article.url).content
    forged = f"{article.url}?unapproved={comment.pk}&moderation-hash=forged"
    assert VALID["body"].encode() not in client.get(forged).content


def test_known_commenter_is_approved_at_once(client):
    article = ArticleFactory()
    earlier = CommentFactory(
        page=article, author_name="Ada Reader", author_email="ADA@reader.example"
    )
    remember_in(client, earlier)  # posted from this browser
    response = post(client, article)
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
    assert VALID["body"].encode() in client.get(response["Location"]).content


def test_auto_approval_can_be_switched_off(client, settings):
    settings.NEWSDESK_COMMENTS_AUTO_APPROVE_KNOWN = False
    article = ArticleFactory()
    earlier = CommentFactory(
        page=article, author_name="Ada Reader", author_email="ada@reader.example"
    )
    remember_in(client, earlier)
    post(client, article)
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


def test_closed_article_refuses_comments(client):
    article = ArticleFactory(comments_open=False)
    response = post(client, article)
    assert response.status_code == 403
    assert b"Comments are closed." in response.content
    assert Comment.objects.count() == 0
    page = client.get(article.url).content
    assert b"Comments are closed." in page and b"Leave a Reply" not in page


def test_unpublished_article_refuses_comments(client):
    article = ArticleFactory()
    article.unpublish()
    assert post(client, article).status_code == 404
    assert Comment.objects.count() == 0


def test_reply_is_threaded_under_its_parent(client):
    article = ArticleFactory()
    parent = CommentFactory(page=article, author_name="First", author_email="f@x.example")
    remember_in(client, parent)  # the same commenter, from the same browser
    post(client, article, parent=str(parent.pk), author_name="First", author_email="f@x.example")
    reply = Comment.objects.latest("pk")
    assert reply.parent == parent and reply.depth == 2 and reply.status == "approved"
    html = client.get(article.url).content.decode()
    parent_item = html[html.index(f'id="comment-{parent.pk}"') :]
    assert parent_item.index('<ol class="children">') < parent_item.index(
        f'id="comment-{reply.pk}"'
    )


def test_reply_to_a_pending_or_foreign_comment_is_refused(client):
    article, other = ArticleFactory(), ArticleFactory()
    pending = CommentFactory(page=article, pending=True)
    foreign = CommentFactory(page=other)
    for parent in (pending, foreign):
        response = post(client, article, parent=str(parent.pk))
        assert response.status_code == 400
        assert b"The comment you are replying to is not available." in response.content
    assert Comment.objects.count() == 2


def test_depth_limit(client, settings):
    settings.NEWSDESK_COMMENT_MAX_DEPTH = 2
    article = ArticleFactory()
    top = CommentFactory(page=article)
    child = CommentFactory(parent=top)
    html = client.get(article.url).content.decode()
    assert f"?replytocom={top.pk}#respond" in html
    assert f"?replytocom={child.pk}#respond" not in html
    response = post(client, article, parent=str(child.pk))
    assert response.status_code == 400 and b"nested too deeply" in response.content


def test_reply_link_prepares_the_form(client):
    article = ArticleFactory()
    top = CommentFactory(page=article, author_name="Bea")
    html = client.get(f"{article.url}?replytocom={top.pk}").content.decode()
    assert "Leave a Reply to Bea" in html
    assert f'name="parent" value="{top.pk}"' in html


def test_form_carries_a_token_and_no_csrf_cookie(client):
    """The page may be served from a shared cache: no per-visitor CSRF token or cookie."""
    article = ArticleFactory()
    response = client.get(article.url)
    html = response.content.decode()
    assert re.search(r'<input type="hidden" name="form_token" value="[0-9a-f.]+">', html)
    assert "csrfmiddlewaretoken" not in html and not response.cookies


def test_comment_post_needs_no_csrf_cookie_but_a_token():
    article = ArticleFactory()
    strict = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    response = strict.post(f"/comments/post/{article.pk}/", VALID)
    assert response.status_code == 400
    assert b"The form was incomplete. Please reload the page and try again." in response.content
    assert Comment.objects.count() == 0
    with_token = {**VALID, "form_token": typed_token(article)}
    assert strict.post(f"/comments/post/{article.pk}/", with_token).status_code == 303
    assert Comment.objects.count() == 1


def test_get_on_post_url_is_refused(client):
    article = ArticleFactory()
    assert client.get(f"/comments/post/{article.pk}/").status_code == 405
