"""Comment moderation in the Wagtail admin.

The Comment model is registered as a snippet (see wagtail_hooks.py) so that its listing gets
Wagtail's filters, search, ordering, bulk-selection checkboxes and per-row buttons. On top of
that: a POST-only view that moves one comment to another status, the same four moves as bulk
actions, a pending count in the menu and on the dashboard, and a dashboard panel of the newest
pending comments.

Every status change goes through `Comment.moderate()`, so moderated_at / moderated_by are kept.
Editors may change a comment's text, but never its status through the edit form, and never add
comments: those come from readers.
"""

from urllib.parse import urlsplit

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property, classproperty
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets.button import ListingButton
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .models import Comment

Status = Comment.Status

# What moving a comment to each status is called, on buttons and in messages.
ACTION_LABELS = {
    Status.APPROVED: _("Approve"),
    Status.SPAM: _("Spam"),
    Status.TRASH: _("Trash"),
}
# Moving back to pending is named after where the comment comes from.
BACK_TO_PENDING_LABELS = {
    Status.APPROVED: _("Unapprove"),
    Status.SPAM: _("Not spam"),
    Status.TRASH: _("Restore"),
}
ACTION_ICONS = {
    Status.PENDING: "resubmit",
    Status.APPROVED: "check",
    Status.SPAM: "warning",
    Status.TRASH: "bin",
}
DONE_MESSAGES = {
    Status.PENDING: _("Comment by '%(name)s' is pending again."),
    Status.APPROVED: _("Comment by '%(name)s' approved."),
    Status.SPAM: _("Comment by '%(name)s' marked as spam."),
    Status.TRASH: _("Comment by '%(name)s' moved to the trash."),
}


# Permissions


class CommentPermissionPolicy(ModelPermissionPolicy):
    """The Django model permissions, except that nobody adds comments in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


def _policy():
    return policy_registry.get_by_type(Comment)


def can_moderate(user) -> bool:
    """Moderating is changing a comment: the comments.change_comment permission."""
    return _policy().user_has_permission(user, "change")


def can_see_comments(user) -> bool:
    return _policy().user_has_any_permission(user, ["change", "delete", "view"])


def forbidden(request):
    """A plain 403 for a state-changing request without the permission. (Raising
    PermissionDenied would make the admin redirect to its home page with a message.)"""
    return permission_denied(request, PermissionDenied())


# URLs


def _url_name(name: str) -> str:
    return Comment.snippet_viewset.get_url_name(name)


def listing_url(status: str | None = None) -> str:
    url = reverse(_url_name("list"))
    return f"{url}?status={status}" if status else url


def moderate_url(comment: Comment, status: str) -> str:
    return reverse(_url_name("moderate"), args=[comment.pk, status])


def moderation_choices(comment: Comment) -> list[tuple[str, str]]:
    """(status, label) for every status the comment can be moved to, in button order."""
    choices = []
    for status in (Status.APPROVED, Status.PENDING, Status.SPAM, Status.TRASH):
        if status == comment.status:
            continue
        if status == Status.PENDING:
            choices.append((status, BACK_TO_PENDING_LABELS[comment.status]))
        else:
            choices.append((status, ACTION_LABELS[status]))
    return choices


# The single-comment action


@require_POST
def moderate(request, pk: int, status: str):
    """Move one comment to `status` and go back to where the editor was."""
    if status not in Status.values:
        raise Http404
    if not can_moderate(request.user):
        return forbidden(request)
    comment = get_object_or_404(Comment, pk=pk)
    comment.moderate(status, request.user)
    messages.success(request, DONE_MESSAGES[status] % {"name": comment.author_name})
    return redirect(get_valid_next_url_from_request(request) or listing_url())


# Listing


def _commented_pages(request):
    return Page.objects.filter(comments__isnull=False).distinct().order_by("title")


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    page = django_filters.ModelChoiceFilter(
        label=_("Article"), queryset=_commented_pages, empty_label=_("All articles")
    )

    class Meta:
        model = Comment
        fields = ["status", "page"]


SEARCH_FIELDS = ["author_name", "author_email", "body"]


def filter_like_listing(queryset, listing_query: str):
    """The comments a listing URL's query string (filters and search) selects."""
    params = QueryDict(listing_query)
    filters = CommentFilterSet(params, queryset=queryset)
    if filters.is_valid():
        queryset = filters.qs
    if search := params.get("q", "").strip():
        condition = Q()
        for field in SEARCH_FIELDS:
            condition |= Q(**{f"{field}__icontains": search})
        queryset = queryset.filter(condition)
    return queryset


class CommentExcerptColumn(TitleColumn):
    """The comment's first words, linked to the comment, with the row's buttons under them."""

    def __init__(self, *args, **kwargs):
        kwargs["sort_key"] = None
        super().__init__(*args, **kwargs)

    def get_value(self, instance):
        return Truncator(" ".join(instance.body.split())).chars(140)


class AuthorColumn(Column):
    cell_template_name = "comments/admin/author_cell.html"


class ArticleColumn(Column):
    cell_template_name = "comments/admin/article_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        page = instance.page
        context["page_url"] = page.get_url(parent_context.get("request")) if page.live else None
        context["filter_url"] = listing_url() + f"?page={page.pk}"
        return context


class CommentIndexView(IndexView):
    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        return super()._get_title_column(field_name, column_class=CommentExcerptColumn, **kwargs)


class CommentsMenuItemMixin:
    """The "Comments" menu item, with the number of pending comments when there are some."""

    def render_component(self, request):
        pending = Comment.objects.pending().count()
        label = f"{self.label} ({pending})" if pending else self.label
        return LinkMenuItem(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    menu_name = "comments"
    menu_order = 250
    add_to_admin_menu = True
    base_url_path = "comments"
    # A comment is not a use of its article worth listing, nor worth indexing on every save.
    add_to_reference_index = False
    index_view_class = CommentIndexView
    list_display = [
        "body",
        AuthorColumn("author_name", label=_("Author"), sort_key="author_name"),
        ArticleColumn("page", label=_("Article"), sort_key="page__title"),
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda comment: comment.status == Status.PENDING,
        ),
        DateColumn("created_at", label=_("Submitted"), sort_key="created_at"),
    ]
    filterset_class = CommentFilterSet
    search_fields = SEARCH_FIELDS
    search_backend_name = None
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "author_name",
        "author_email",
        "author_url",
        "ip_address",
        "user_agent",
        "page",
        "parent",
        "body",
        "status",
        "kind",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]
    # The status is changed by the moderation actions only, so they are recorded.
    panels = [
        FieldPanel("author_name"),
        FieldPanel("author_email"),
        FieldPanel("author_url"),
        FieldPanel("body"),
    ]

    @cached_property
    def menu_item_class(self):
        base = super().menu_item_class
        return type("CommentsMenuItem", (CommentsMenuItemMixin, base), {})

    def get_queryset(self, request):
        return Comment.objects.select_related("page")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                f"moderate/<{self.pk_path_converter}:pk>/<slug:status>/", moderate, name="moderate"
            ),
        ]


# Per-row buttons (registered with the register_snippet_listing_buttons hook)


class ModerateButton(ListingButton):
    """A button that POSTs (with the CSRF token and the current URL as `next`) through
    Wagtail's w-action controller."""

    def __init__(self, comment: Comment, status: str, label, priority: int):
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


def listing_buttons(comment: Comment, user) -> list[ModerateButton]:
    if not can_moderate(user):
        return []
    return [
        ModerateButton(comment, status, label, priority=10 + i)
        for i, (status, label) in enumerate(moderation_choices(comment))
    ]


# Bulk actions (registered with the register_bulk_action hook)


class CommentBulkAction(SnippetBulkAction):
    """Move the selected comments to `status`, after a confirmation page."""

    status: str = ""
    template_name = "comments/admin/confirm_bulk_moderate.html"

    @classproperty
    def models(cls):
        return [Comment]

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, comment):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", comment
        )

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all in listing" means what the listing showed: its filters and search
        # travel in the `next` URL.
        listing_query = urlsplit(self.next_url).query
        return filter_like_listing(Comment.objects.all(), listing_query).values_list(
            "pk", flat=True
        )

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for comment in objects:
            comment.moderate(cls.status, user)
        return len(objects), 0

    def object_context(self, comment):
        context = super().object_context(comment)
        context["excerpt"] = Truncator(" ".join(comment.body.split())).chars(200)
        return context

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_label"] = self.display_name
        context["status_label"] = Status(self.status).label
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message(num_parent_objects) % {"count": num_parent_objects}


class ApproveBulkAction(CommentBulkAction):
    status = Status.APPROVED
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve selected comments")
    action_priority = 10

    @staticmethod
    def success_message(count):
        return ngettext("%(count)d comment approved.", "%(count)d comments approved.", count)


class PendingBulkAction(CommentBulkAction):
    status = Status.PENDING
    display_name = _("Back to pending")
    action_type = "pending"
    aria_label = _("Move selected comments back to pending")
    action_priority = 12

    @staticmethod
    def success_message(count):
        return ngettext(
            "%(count)d comment is pending again.", "%(count)d comments are pending again.", count
        )


class SpamBulkAction(CommentBulkAction):
    status = Status.SPAM
    display_name = _("Spam")
    action_type = "spam"
    aria_label = _("Mark selected comments as spam")
    action_priority = 14

    @staticmethod
    def success_message(count):
        return ngettext(
            "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", count
        )


class TrashBulkAction(CommentBulkAction):
    status = Status.TRASH
    display_name = _("Trash")
    action_type = "trash"
    aria_label = _("Move selected comments to the trash")
    action_priority = 16

    @staticmethod
    def success_message(count):
        return ngettext(
            "%(count)d comment moved to the trash.",
            "%(count)d comments moved to the trash.",
            count,
        )


BULK_ACTIONS = [ApproveBulkAction, PendingBulkAction, SpamBulkAction, TrashBulkAction]


# Dashboard


class PendingCommentsSummaryItem(SummaryItem):
    """The dashboard summary line "N pending comments", linking to that list."""

    order = 400
    template_name = "comments/admin/summary_item.html"

    def get_context_data(self, parent_context):
        return {
            "pending_count": Comment.objects.pending().count(),
            "url": listing_url(Status.PENDING),
        }

    def is_shown(self):
        return can_see_comments(self.request.user)


class PendingCommentsPanel(Component):
    """The newest pending comments on the dashboard, each with an Approve button."""

    name = "pending_comments"
    order = 150
    template_name = "comments/admin/pending_panel.html"
    limit = 5

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        comments = list(
            Comment.objects.pending()
            .select_related("page")
            .order_by("-created_at", "-pk")[: self.limit]
        )
        for comment in comments:
            comment.approve_url = moderate_url(comment, Status.APPROVED)
            comment.excerpt = Truncator(" ".join(comment.body.split())).chars(120)
        return {
            "comments": comments,
            "pending_count": Comment.objects.pending().count(),
            "pending_url": listing_url(Status.PENDING),
            "next_url": self.request.get_full_path(),
            "request": self.request,
            # Components render without the request context: the forms need the token.
            "csrf_token": get_token(self.request),
        }

    def render_html(self, parent_context=None):
        if not can_moderate(self.request.user):
            return ""
        return super().render_html(parent_context)
