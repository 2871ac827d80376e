from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import URLPattern, URLResolver, path
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from newsdesk.comments.models import Comment

from .filters import SEARCH_FIELDS, CommentFilterSet
from .moderation import listing_url, moderate
from .reply import reply

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Status = Comment.Status


class CommentExcerptColumn(TitleColumn):
    """The comment's first words, linked to the comment, with the row's buttons under them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["sort_key"] = None
        super().__init__(*args, **kwargs)

    def get_value(self, instance: Comment) -> str:
        return Truncator(" ".join(instance.body.split())).chars(140)


class AuthorColumn(Column):
    cell_template_name = "comments/admin/author_cell.html"


class ArticleColumn(Column):
    cell_template_name = "comments/admin/article_cell.html"

    def get_cell_context_data(
        self, instance: Comment, parent_context: Mapping[str, Any]
    ) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        page = instance.page
        context["page_url"] = page.get_url(parent_context.get("request")) if page.live else None
        context["filter_url"] = listing_url() + f"?page={page.pk}"
        return context


class CommentIndexView(IndexView):
    def _get_title_column(
        self, field_name: str, column_class: type[Column] = TitleColumn, **kwargs: Any
    ) -> Column:
        return super()._get_title_column(field_name, column_class=CommentExcerptColumn, **kwargs)


class CommentsMenuItemMixin:
    """The "Comments" menu item, with the number of pending comments when there are some."""

    # Set by the menu item class this is mixed into (Wagtail's MenuItem).
    label: StrOrPromise
    name: str
    url: str
    icon_name: str
    classname: str
    attrs: dict[str, Any]

    def render_component(self, request: HttpRequest) -> LinkMenuItem:
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
        "spam_score",
        "spam_check",
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
    def menu_item_class(self) -> type:
        base = super().menu_item_class
        return type("CommentsMenuItem", (CommentsMenuItemMixin, base), {})

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        return Comment.objects.select_related("page")

    def get_urlpatterns(self) -> list[URLPattern | URLResolver]:
        return super().get_urlpatterns() + [
            path(
                f"moderate/<{self.pk_path_converter}:pk>/<slug:status>/", moderate, name="moderate"
            ),
            path(f"reply/<{self.pk_path_converter}:pk>/", reply, name="reply"),
        ]
