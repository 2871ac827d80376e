from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.text import Truncator
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component

from newsdesk.comments.models import Comment

from .moderation import listing_url, moderate_url
from .permissions import can_moderate, can_see_comments

Status = Comment.Status


class PendingCommentsSummaryItem(SummaryItem):
    """The dashboard summary line "N pending comments", linking to that list."""

    order = 400
    template_name = "comments/admin/summary_item.html"

    def get_context_data(self, parent_context: Mapping[str, Any] | None) -> dict[str, Any]:
        return {
            "pending_count": Comment.objects.pending().count(),
            "url": listing_url(Status.PENDING),
        }

    def is_shown(self) -> bool:
        return can_see_comments(self.request.user)


@dataclass(frozen=True)
class PendingRow:
    """A pending comment as the dashboard panel shows it."""

    comment: Comment
    excerpt: str
    approve_url: str


class PendingCommentsPanel(Component):
    """The newest pending comments on the dashboard, each with an Approve button."""

    name = "pending_comments"
    order = 150
    template_name = "comments/admin/pending_panel.html"
    limit = 5

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context: Mapping[str, Any] | None) -> dict[str, Any]:
        comments = (
            Comment.objects.pending()
            .select_related("page")
            .order_by("-created_at", "-pk")[: self.limit]
        )
        rows = [
            PendingRow(
                comment,
                excerpt=Truncator(" ".join(comment.body.split())).chars(120),
                approve_url=moderate_url(comment, Status.APPROVED),
            )
            for comment in comments
        ]
        return {
            "rows": rows,
            "pending_count": Comment.objects.pending().count(),
            "pending_url": listing_url(Status.PENDING),
            "next_url": self.request.get_full_path(),
            "request": self.request,
            # Components render without the request context: the forms need the token.
            "csrf_token": get_token(self.request),
        }

    def render_html(self, parent_context: Mapping[str, Any] | None = None) -> str:
        if not can_moderate(self.request.user):
            return ""
        return super().render_html(parent_context)
