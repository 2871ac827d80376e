"""Comment moderation in the Wagtail admin: see admin_views.py."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import admin_views
from .models import Comment

# Before the viewset, which would otherwise register the default policy.
register_permission_policy(Comment, admin_views.CommentPermissionPolicy(Comment))
register_snippet(admin_views.CommentViewSet)

for action_class in admin_views.BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class)


@hooks.register("register_snippet_listing_buttons")
def comment_moderation_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Comment):
        return []
    return admin_views.listing_buttons(snippet, user)


@hooks.register("construct_homepage_summary_items")
def pending_comments_summary(request, summary_items):
    summary_items.append(admin_views.PendingCommentsSummaryItem(request))


@hooks.register("construct_homepage_panels")
def pending_comments_panel(request, panels):
    panels.append(admin_views.PendingCommentsPanel(request))
