"""Comment moderation in the Wagtail admin: see the admin package."""

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from wagtail import hooks
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin.dashboard import PendingCommentsPanel, PendingCommentsSummaryItem
from .admin.moderation import BULK_ACTIONS, listing_buttons
from .admin.permissions import CommentPermissionPolicy
from .admin.reply import reply_buttons
from .admin.viewset import CommentViewSet
from .models import Comment

# Before the viewset, which would otherwise register the default policy.
register_permission_policy(Comment, CommentPermissionPolicy(Comment))
register_snippet(CommentViewSet)

for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class)


@hooks.register("register_snippet_listing_buttons")
def comment_moderation_buttons(
    snippet: object, user: User | AnonymousUser, next_url: str | None = None
) -> list[ListingButton]:
    if not isinstance(snippet, Comment):
        return []
    return reply_buttons(snippet, user) + listing_buttons(snippet, user)


@hooks.register("construct_homepage_summary_items")
def pending_comments_summary(request: HttpRequest, summary_items: list[SummaryItem]) -> None:
    summary_items.append(PendingCommentsSummaryItem(request))


@hooks.register("construct_homepage_panels")
def pending_comments_panel(request: HttpRequest, panels: list[Component]) -> None:
    panels.append(PendingCommentsPanel(request))
