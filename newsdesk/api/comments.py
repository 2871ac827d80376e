"""The comments API: read an article's approved comments, post a comment.

Posting is newsdesk.comments.posting, the service the article page's form uses too: the same
layers in the same order (size, origin, rate per client, published article, open to
comments, form token, the `CommentForm`'s validation, rate per email, duplicates), with the
same statuses and messages. This module only adapts it to JSON: it runs the request layers
before the body is parsed, maps the form's field names onto the API's and answers refusals in
the one error format. Two refusals are the API's own: a body that is not JSON (415) and one
whose types do not match the schema below (400); every rule about the content is the form's.

A post must carry a `form_token` from the comment listing of the same article (the API's
equivalent of the form's hidden token: single use, not sooner than
NEWSDESK_COMMENT_MIN_SECONDS after it was issued, not older than
NEWSDESK_COMMENT_TOKEN_MAX_AGE)."""

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, Literal

from django import forms
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import ConfigDict, field_validator

from newsdesk.articles.models import ArticlePage
from newsdesk.comments import posting
from newsdesk.comments.commenters import remember_comment
from newsdesk.comments.forms import CommentForm
from newsdesk.comments.models import Comment
from newsdesk.comments.spam import Refusal
from newsdesk.comments.tokens import FIELD_NAME as TOKEN_FIELD
from newsdesk.comments.tokens import issue_form_token
from newsdesk.security.origin import is_json

from .errors import ErrorOut, error_response

router = Router(tags=["comments"])

# Page ids are 32-bit, comment ids 64-bit; larger numbers are a 400, never a database error.
MAX_PAGE_ID = posting.MAX_PAGE_ID
MAX_COMMENT_ID = 2**63 - 1
MAX_LIMIT = 100
FIELD_NAMES = {"parent": "parent_id"}  # the form's field names → the API's


def _max_length(name: str) -> int | None:
    field = CommentForm.base_fields[name]
    return field.max_length if isinstance(field, forms.CharField) else None


class CommentOut(Schema):
    id: int
    parent_id: int | None = Field(
        description="The approved comment this one replies to; null for a top-level comment "
        "(or a reply whose parent is no longer shown, as on the page)."
    )
    depth: int = Field(description="1 for a top-level comment, parent's depth + 1 for a reply.")
    author_name: str
    author_url: str = Field(description="The commenter's website, or an empty string.")
    body: str = Field(description="Plain text, as typed.")
    created_at: datetime


class CommentList(Schema):
    count: int = Field(description="Approved comments of the article in all.")
    items: list[CommentOut] = Field(description="Oldest first.")
    form_token: str = Field(
        description="A fresh token for posting one comment on this article (see the POST)."
    )


class PostedComment(CommentOut):
    status: Literal["pending", "approved"] = Field(
        description="pending: shown once a moderator approves it; approved: shown now."
    )


REQUIRED_FIELDS = ["author_name", "author_email", "body", "form_token"]


def _document_as_required(schema: dict) -> None:
    schema["required"] = REQUIRED_FIELDS
    for name in REQUIRED_FIELDS:
        schema["properties"][name].pop("default", None)


class CommentIn(Schema):
    """What the article page's "Leave a Reply" form asks for."""

    # Required as far as the document goes; a missing field still reaches the form, which
    # answers with its own message ("Please enter your name.").
    model_config = ConfigDict(json_schema_extra=_document_as_required)

    author_name: str = Field("", json_schema_extra={"maxLength": _max_length("author_name")})
    author_email: str = Field(
        "",
        description="Never shown. A comment is approved at once only when this client "
        "posted an approved comment under the same name and email (it keeps the cookie the "
        "answer sets, as a browser does).",
        json_schema_extra={"format": "email", "maxLength": _max_length("author_email")},
    )
    author_url: str | None = Field(None, json_schema_extra={"maxLength": _max_length("author_url")})
    body: str = Field("", json_schema_extra={"maxLength": _max_length("body")})
    parent_id: int | None = Field(
        None, ge=1, le=MAX_COMMENT_ID, description="The approved comment this one replies to."
    )
    form_token: str = Field(
        "",
        max_length=200,
        description="The `form_token` of this article's comment listing: usable once, from "
        "a few seconds after the listing (a person takes that long to type) until it expires.",
    )

    @field_validator("author_name", "author_email", "author_url", "body")
    @classmethod
    def _storable_text(cls, value: str | None) -> str | None:
        # JSON can carry lone surrogates, which no database column can store.
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("Contains characters that are not valid text.") from None
        return value

    def form_data(self) -> dict[str, Any]:
        return {
            "author_name": self.author_name,
            "author_email": self.author_email,
            "author_url": self.author_url or "",
            "body": self.body,
            "parent": self.parent_id,
            TOKEN_FIELD: self.form_token,
        }


def published_article(article_id: int) -> ArticlePage:
    return get_object_or_404(ArticlePage.objects.published(), pk=article_id)


def comment_out(comment: Comment, parent_shown: bool = True) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id if parent_shown else None,
        "depth": comment.depth,
        "author_name": comment.author_name,
        "author_url": comment.website,  # never an unsafe address stored before the rule
        "body": comment.body,
        "created_at": comment.created_at,
    }


def form_errors(form: CommentForm) -> dict[str, list[str]]:
    return {
        FIELD_NAMES.get(field, field): [str(message) for message in messages]
        for field, messages in form.errors.items()
    }


def screened_json(run: Callable[..., Any]) -> Callable[..., Any]:
    """Before ninja parses the body: the layers that need only the request (size 413,
    origin 403, rate per client 429: newsdesk.comments.posting.screen), then JSON only
    (415, see newsdesk.security.origin)."""

    @wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        refusal = posting.screen(request)
        if refusal is not None:
            return error_response(refusal.status, refusal.message)
        if not is_json(request):
            return error_response(415, "Send the comment as JSON (Content-Type: application/json).")
        return run(request, *args, **kwargs)

    return checked


def refusal_errors(refusal: Refusal) -> dict[str, list[str]]:
    """The messages per field of a refused post: the form's (when the token or the form
    refused it) and the one of the field at fault."""
    # (Both layers refuse a bound form: posting sets `refusal.form` before either runs.)
    form = refusal.form if refusal.layer in ("token", "form") else None
    errors = form_errors(form) if form is not None else {}
    if refusal.field:
        errors[FIELD_NAMES.get(refusal.field, refusal.field)] = [refusal.message]
    return errors


ArticleId = Path(..., ge=1, le=MAX_PAGE_ID, description="The article's id.")


@router.get(
    "/articles/{article_id}/comments/",
    response={200: CommentList, 400: ErrorOut, 404: ErrorOut},
    url_name="article_comments",
    operation_id="listArticleComments",
    summary="The approved comments of a published article",
)
def list_comments(
    request: HttpRequest,
    article_id: int = ArticleId,
    limit: int = Query(MAX_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_PAGE_ID),
) -> dict[str, Any]:
    """Approved comments only, oldest first, with `parent_id` to rebuild the threads.
    Never an email, IP address or user agent."""
    article = published_article(article_id)
    comments = (
        Comment.objects.public_fields()
        .approved()
        .filter(page_id=article.pk)
        .annotate(parent_status=F("parent__status"))
    )
    page = comments[offset : offset + limit]
    # django-stubs keeps `.annotate()` fields on the queryset's type, but not on the rows of
    # a custom QuerySet subclass (and mypy 1.19 crashes on a generic CommentQuerySet).
    shown = Comment.Status.APPROVED
    return {
        "count": comments.count(),
        "items": [
            comment_out(c, parent_shown=c.parent_status == shown)  # type: ignore[attr-defined]
            for c in page
        ],
        "form_token": issue_form_token(article.pk),
    }


@router.post(
    "/articles/{article_id}/comments/",
    response={
        201: PostedComment,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
        429: ErrorOut,
        503: ErrorOut,
    },
    operation_id="postArticleComment",
    summary="Post a comment (or a reply) on a published article",
)
@decorate_view(screened_json)
def post_comment(
    request: HttpRequest, response: HttpResponse, payload: CommentIn, article_id: int = ArticleId
) -> Status[dict[str, Any]]:
    """Validated and moderated as the article page's comment form: 201 with the new comment
    and its status (pending until approved, or approved at once for a known commenter), 400
    with messages per field, 403 when comments are closed or the request comes from another
    site, 404 for an unknown or unpublished article, 413 when too large, 415 unless the body
    is JSON, 429 when this client or email sent too many comments lately, 503 when the
    comment could not be stored just now (send it again in a moment, with a new
    `form_token` if this one was spent). A refused `form_token` (too soon, expired, used,
    for another article) is a 400 on that field."""
    result = posting.post_comment(request, article_id, payload.form_data(), screened=True)
    if isinstance(result, Refusal):
        return Status(result.status, {"detail": result.message, "errors": refusal_errors(result)})
    comment = result
    remember_comment(response, request, comment)  # browsers keep it, as for the form
    # Spam is not announced: it looks pending to whoever sent it.
    status = "approved" if comment.status == Comment.Status.APPROVED else "pending"
    return Status(201, {**comment_out(comment), "status": status})
