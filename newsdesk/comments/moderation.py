"""Deciding a new comment's status, and letting its author see it while it waits."""

from django.conf import settings
from django.core import signing

from .models import Comment

_PREVIEW_SALT = "newsdesk.comments.pending-preview"


def initial_status(comment: Comment) -> str:
    """Pending, unless the commenter already has an approved comment under the same email."""
    if settings.NEWSDESK_COMMENTS_AUTO_APPROVE_KNOWN and (
        Comment.objects.approved().by_email(comment.author_email).exists()
    ):
        return Comment.Status.APPROVED
    return Comment.Status.PENDING


def pending_preview_token(comment: Comment) -> str:
    """A signature that lets the comment's author, and nobody else, see it while pending."""
    return signing.Signer(salt=_PREVIEW_SALT).signature(str(comment.pk))


def pending_comment_for(request, page) -> Comment | None:
    """The pending comment named by `?unapproved=ID&moderation-hash=…`, if the hash is right."""
    comment_id = request.GET.get("unapproved", "")
    token = request.GET.get("moderation-hash", "")
    # isascii: "¹" is a digit to Python but no number to int().
    if not (comment_id.isascii() and comment_id.isdigit()) or not token:
        return None
    expected = signing.Signer(salt=_PREVIEW_SALT).signature(comment_id)
    if not signing.constant_time_compare(expected, token):
        return None
    return Comment.objects.public_fields().pending().filter(pk=comment_id, page_id=page.pk).first()
