"""Comment moderation in the Wagtail admin: see the admin package."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin.dashboard import PendingCommentsPanel, PendingCommentsSummaryItem
from .admin.moderation import BULK_ACTIONS, listing_buttons
from .admin.permissions import CommentPermissionPolicy
from .admin.viewset import CommentViewSet
from .models import Comment

# Before the viewset, which would otherwise register the default policy.
register_permission_policy(Comment, CommentPermissionPolicy(Comment))
register_snippet(CommentViewSet)

for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class)


@hooks.register("register_snippet_listing_buttons")
def comment_moderation_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Comment):
        return []
    return listing_buttons(snippet, user)


@hooks.register("construct_homepage_summary_items")
def pending_comments_summary(request, summary_items):
    summary_items.append(PendingCommentsSummaryItem(request))


@hooks.register("construct_homepage_panels")
def pending_comments_panel(request, panels):
    panels.append(PendingCommentsPanel(request))
