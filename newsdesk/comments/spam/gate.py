"""The refusing layers: a post that fails one is answered with its message and stores nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest

from newsdesk.security.clients import client_ip, hashed
from newsdesk.security.marks import marks
from newsdesk.security.origin import is_same_origin_request
from newsdesk.security.ratelimit import within_limit

from ..models import Comment
from ..tokens import FIELD_NAME as TOKEN_FIELD
from ..tokens import TokenError, read_form_token

if TYPE_CHECKING:
    from newsdesk.articles.models import ArticlePage

    from ..forms import CommentForm


class Refusal(Exception):
    """A post refused by one layer: the HTTP status, the message for the commenter, the
    layer's name (for logs and counts), and the request field at fault when the fault is one
    field's (`form_token`). newsdesk.comments.posting adds the article (`page`) and the
    bound `form` once the post got that far: what was typed, and the fields' errors."""

    def __init__(self, status: int, message: str, layer: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.layer, self.field = status, message, layer, field
        self.page: ArticlePage | None = None
        self.form: CommentForm | None = None


TOO_LARGE = "This comment is too large to send. Please shorten it."
CROSS_SITE = "Cross-site requests are refused."
TOO_MANY = "You are sending comments too quickly. Please wait a few minutes and try again."
TOO_MANY_FOR_EMAIL = (
    "Too many comments were sent with this email address lately. Please wait and try again."
)
DUPLICATE = "You have already said that."


def request_size(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def check_request(request: HttpRequest) -> None:
    """What can be judged before the body is read: its size and where it comes from."""
    if request_size(request) > settings.NEWSDESK_COMMENT_MAX_REQUEST_BYTES:
        raise Refusal(413, TOO_LARGE, "size")
    if not is_same_origin_request(request):
        raise Refusal(403, CROSS_SITE, "origin")


def check_client(request: HttpRequest) -> None:
    """The per-client rate limit: every post counts, accepted or not."""
    ip = client_ip(request) or "unknown"
    if not within_limit(
        "ip",
        hashed(ip),
        settings.NEWSDESK_COMMENT_RATE_PER_IP,
        settings.NEWSDESK_COMMENT_RATE_WINDOW,
    ):
        raise Refusal(429, TOO_MANY, "rate_ip")


def check_token(page: ArticlePage, token: str) -> tuple[int, str]:
    """The signed form token (tokens.py); returns when it was issued and its nonce, which
    check_after_form spends."""
    try:
        return read_form_token(token, page.pk)
    except TokenError as error:
        raise Refusal(400, str(error), "token", field=TOKEN_FIELD) from None


def check_after_form(comment: Comment, nonce: str) -> None:
    """For a valid comment: the per-email rate limit, duplicates, then the token is spent."""
    email = hashed(comment.author_email)
    if not within_limit(
        "email",
        email,
        settings.NEWSDESK_COMMENT_RATE_PER_EMAIL,
        settings.NEWSDESK_COMMENT_RATE_WINDOW,
    ):
        raise Refusal(429, TOO_MANY_FOR_EMAIL, "rate_email")
    if settings.NEWSDESK_COMMENT_REFUSE_DUPLICATES and is_duplicate(comment):
        raise Refusal(400, DUPLICATE, "duplicate")
    try:
        consume_nonce(nonce)
    except TokenError as error:
        raise Refusal(400, str(error), "replay", field=TOKEN_FIELD) from None


def consume_nonce(nonce: str) -> None:
    """Mark a form token as used, or raise TokenError if it was used before (a replay).
    The mark is shared by every process and node (newsdesk.security.marks) and lasts as long
    as the token could still be accepted; marking is one atomic check-and-set."""
    if not marks().mark_once(f"nonce:{nonce}", ttl=settings.NEWSDESK_COMMENT_TOKEN_MAX_AGE):
        raise TokenError("This form was already sent. Please reload the page to comment again.")


def is_duplicate(comment: Comment) -> bool:
    """The same text by the same commenter on the same article (what WordPress refuses)."""
    return (
        Comment.objects.filter(page_id=comment.page_id, body=comment.body)
        .by_email(comment.author_email)
        .exclude(status=Comment.Status.TRASH)
        .exists()
    )
