"""Deciding a new comment's status, and letting its author see it while it waits."""

from collections.abc import Collection

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare
from wagtail.models import Page

from .models import Comment

_PREVIEW_SALT = "newsdesk.comments.pending-preview"


def initial_status(comment: Comment, posted_ids: Collection[int] = ()) -> str:
    """Approved at once for a known commenter, else pending (what WordPress does).

    Known: among the comments this browser posted (`posted_ids`, commenters.py) one is
    approved, under the same name (as typed, trimmed) and email (any case). The name and
    email alone prove nothing, since names are public and emails guessable: a stranger's
    comment under a known commenter's email waits for a moderator."""
    if not (settings.NEWSDESK_COMMENTS_AUTO_APPROVE_KNOWN and posted_ids):
        return Comment.Status.PENDING
    known = (
        Comment.objects.approved()
        .filter(pk__in=list(posted_ids), author_name=comment.author_name.strip())
        .by_email(comment.author_email)
    )
    return Comment.Status.APPROVED if known.exists() else Comment.Status.PENDING


def pending_preview_token(comment: Comment) -> str:
    """A signature that lets the comment's author, and nobody else, see it while pending."""
    return signing.Signer(salt=_PREVIEW_SALT).signature(str(comment.pk))


def pending_comment_for(request: HttpRequest, page: Page) -> Comment | None:
    """The pending comment named by `?unapproved=ID&moderation-hash=…`, if the hash is right."""
    comment_id = request.GET.get("unapproved", "")
    token = request.GET.get("moderation-hash", "")
    # isascii: "¹" is a digit to Python but no number to int().
    if not (comment_id.isascii() and comment_id.isdigit()) or not token:
        return None
    expected = signing.Signer(salt=_PREVIEW_SALT).signature(comment_id)
    if not constant_time_compare(expected, token):
        return None
    return Comment.objects.public_fields().pending().filter(pk=comment_id, page_id=page.pk).first()
