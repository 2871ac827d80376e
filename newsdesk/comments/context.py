"""The comments part of an article page's template context."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from newsdesk.articles.models import ArticlePage

from .forms import HONEYPOT_FIELD, CommentForm
from .models import Comment
from .moderation import pending_comment_for
from .threads import comment_threads
from .tokens import issue_form_token


def comments_context(
    request: HttpRequest, page: ArticlePage, form: CommentForm | None = None
) -> dict[str, Any]:
    pending = pending_comment_for(request, page)
    if form is None:
        form = CommentForm(page=page, initial=_reply_initial(request, page))
    reply_to = form["parent"].value()
    return {
        "comment_threads": comment_threads(page, extra=pending),
        "pending_comment": pending,
        "comment_form": form,
        # A form shown again after a refusal opens on its first error (see section.html).
        "comment_form_field_focused": _focus_first_error(form),
        "replying_to": _reply_target(page, reply_to),
        "comment_max_depth": settings.NEWSDESK_COMMENT_MAX_DEPTH,
        # Cached copies of the page get a fresh token spliced in by newsdesk.delivery.
        "form_token": form.form_token or issue_form_token(page.pk),
        "honeypot_field": HONEYPOT_FIELD,
        "honeypot_value": form.honeypot_value(),
    }


def _focus_first_error(form: CommentForm) -> bool:
    # Only a form already checked: checking one here (after a database error) could query.
    return hasattr(form, "cleaned_data") and form.focus_first_error()


def _reply_initial(request: HttpRequest, page: ArticlePage) -> dict[str, int]:
    reply_to = request.GET.get("replytocom", "")
    return {"parent": int(reply_to)} if _is_id(reply_to) else {}


def _reply_target(page: ArticlePage, parent_id: int | str | None) -> Comment | None:
    value = str(parent_id or "")
    if not _is_id(value):
        return None
    return Comment.objects.public_fields().approved().filter(page_id=page.pk, pk=int(value)).first()


def _is_id(value: str) -> bool:
    # ASCII digits only: "¹" and "١" are digits to str.isdigit() but not ids; 18 digits fit.
    return value.isascii() and value.isdigit() and len(value) <= 18
