"""Moving comments between statuses: one at a time (a POST-only view and its listing
buttons) or in bulk (Wagtail bulk actions, one per target status)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import classproperty
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from newsdesk.comments.models import Comment

from .filters import filter_like_listing
from .permissions import can_moderate, forbidden

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Status = Comment.Status

# What moving a comment to each status is called, on buttons and in messages. Keyed by
# plain strings too: a status read from the database or a URL is a str.
ACTION_LABELS: dict[str, StrOrPromise] = {
    Status.APPROVED: _("Approve"),
    Status.SPAM: _("Spam"),
    Status.TRASH: _("Trash"),
}
# Moving back to pending is named after where the comment comes from.
BACK_TO_PENDING_LABELS: dict[str, StrOrPromise] = {
    Status.APPROVED: _("Unapprove"),
    Status.SPAM: _("Not spam"),
    Status.TRASH: _("Restore"),
}
ACTION_ICONS: dict[str, str] = {
    Status.PENDING: "resubmit",
    Status.APPROVED: "check",
    Status.SPAM: "warning",
    Status.TRASH: "bin",
}
DONE_MESSAGES: dict[str, StrOrPromise] = {
    Status.PENDING: _("Comment by '%(name)s' is pending again."),
    Status.APPROVED: _("Comment by '%(name)s' approved."),
    Status.SPAM: _("Comment by '%(name)s' marked as spam."),
    Status.TRASH: _("Comment by '%(name)s' moved to the trash."),
}


def url_name(name: str) -> str:
    # Wagtail's register_snippet sets the attribute; the model's type cannot show it.
    return Comment.snippet_viewset.get_url_name(name)  # type: ignore[attr-defined]


def listing_url(status: str | None = None) -> str:
    url = reverse(url_name("list"))
    return f"{url}?status={status}" if status else url


def moderate_url(comment: Comment, status: str) -> str:
    return reverse(url_name("moderate"), args=[comment.pk, status])


def moderation_choices(comment: Comment) -> list[tuple[str, StrOrPromise]]:
    """(status, label) for every status the comment can be moved to, in button order."""
    choices: list[tuple[str, StrOrPromise]] = []
    for status in (Status.APPROVED, Status.PENDING, Status.SPAM, Status.TRASH):
        if status == comment.status:
            continue
        if status == Status.PENDING:
            choices.append((status, BACK_TO_PENDING_LABELS[comment.status]))
        else:
            choices.append((status, ACTION_LABELS[status]))
    return choices


@require_POST
def moderate(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    """Move one comment to `status` and go back to where the editor was."""
    if status not in Status.values:
        raise Http404
    if not can_moderate(request.user):
        return forbidden(request)
    comment = get_object_or_404(Comment, pk=pk)
    comment.moderate(status, request.user)
    messages.success(request, DONE_MESSAGES[status] % {"name": comment.author_name})
    return redirect(get_valid_next_url_from_request(request) or listing_url())


class ModerateButton(ListingButton):
    """A button that POSTs (with the CSRF token and the current URL as `next`) through
    Wagtail's w-action controller."""

    def __init__(self, comment: Comment, status: str, label: StrOrPromise, priority: int) -> None:
        super().__init__(
            label,
            icon_name=ACTION_ICONS[status],
            priority=priority,
            attrs={
                "data-controller": "w-action",
                "data-action": "w-action#post",
                "data-w-action-url-value": moderate_url(comment, status),
                "data-moderate": status,
                "aria-label": f"{label}: {comment}",
            },
        )


def listing_buttons(comment: Comment, user: User | AnonymousUser) -> list[ModerateButton]:
    if not can_moderate(user):
        return []
    return [
        ModerateButton(comment, status, label, priority=10 + i)
        for i, (status, label) in enumerate(moderation_choices(comment))
    ]


class CommentBulkAction(SnippetBulkAction):
    """Move the selected comments to `status`, after a confirmation page."""

    status: str = ""
    message = ""  # lazily pluralised on "count"
    template_name = "comments/admin/confirm_bulk_moderate.html"

    @classproperty
    def models(cls) -> list[type[Comment]]:
        return [Comment]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_moderate(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, comment: Comment) -> bool:
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", comment
        )

    def get_all_objects_in_listing_query(self, parent_id: int | None) -> QuerySet[Comment, int]:
        # "Select all in listing" means what the listing showed: its filters and search
        # travel in the `next` URL.
        listing_query = urlsplit(self.next_url).query
        return filter_like_listing(Comment.objects.all(), listing_query).values_list(
            "pk", flat=True
        )

    def get_execution_context(self) -> dict[str, Any]:
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(
        cls, objects: list[Comment], user: User | AnonymousUser | None = None, **kwargs: Any
    ) -> tuple[int, int]:
        for comment in objects:
            comment.moderate(cls.status, user)
        return len(objects), 0

    def object_context(self, comment: Comment) -> dict[str, Any]:
        context = super().object_context(comment)
        context["excerpt"] = Truncator(" ".join(comment.body.split())).chars(200)
        return context

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["action_label"] = self.display_name
        context["status_label"] = Status(self.status).label
        return context

    def get_success_message(self, num_parent_objects: int, num_child_objects: int) -> str:
        return self.message % {"count": num_parent_objects}


# The URL word of each bulk action: /admin/bulk/comments/comment/<word>/
ACTION_TYPES: dict[str, str] = {
    Status.APPROVED: "approve",
    Status.PENDING: "pending",
    Status.SPAM: "spam",
    Status.TRASH: "trash",
}


def _bulk_action(
    status: str,
    name: StrOrPromise,
    priority: int,
    aria_label: StrOrPromise,
    message: StrOrPromise,
) -> type[CommentBulkAction]:
    """A bulk action class moving the selected comments to `status`."""
    return type(
        f"{status.title()}BulkAction",
        (CommentBulkAction,),
        {
            "status": status,
            "display_name": name,
            "action_type": ACTION_TYPES[status],
            "aria_label": aria_label,
            "action_priority": priority,
            "message": message,
        },
    )


BULK_ACTIONS = [
    _bulk_action(
        Status.APPROVED,
        _("Approve"),
        10,
        _("Approve selected comments"),
        ngettext_lazy("%(count)d comment approved.", "%(count)d comments approved.", "count"),
    ),
    _bulk_action(
        Status.PENDING,
        _("Back to pending"),
        12,
        _("Move selected comments back to pending"),
        ngettext_lazy(
            "%(count)d comment is pending again.",
            "%(count)d comments are pending again.",
            "count",
        ),
    ),
    _bulk_action(
        Status.SPAM,
        _("Spam"),
        14,
        _("Mark selected comments as spam"),
        ngettext_lazy(
            "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", "count"
        ),
    ),
    _bulk_action(
        Status.TRASH,
        _("Trash"),
        16,
        _("Move selected comments to the trash"),
        ngettext_lazy(
            "%(count)d comment moved to the trash.",
            "%(count)d comments moved to the trash.",
            "count",
        ),
    ),
]
