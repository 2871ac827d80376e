"""The "Related" side panel of the article editor (Wagtail's page editor).

Wagtail 8 builds the editor's side panels in its page EditView (`get_side_panels`) and has no
hook to add one; the supported way to change a page type's views is a PageViewSet with its
own `edit_view_class`, registered with the `register_admin_viewset` hook (wagtail_hooks.py).
This viewset changes nothing else: its other views are Wagtail's, and it does not take over
the explorer's listings (`parent_models` is empty).
"""

from __future__ import annotations

from typing import Any

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.side_panels import BaseSidePanel
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet

from newsdesk.articles.models import ArticlePage

from .editor import suggestions


class RelatedSidePanel(BaseSidePanel):
    """The article's suggested related articles with their scores, each with "Use this"."""

    class SidePanelToggle(BaseSidePanel.SidePanelToggle):
        aria_label = gettext_lazy("Toggle related articles")
        icon_name = "link"

        def get_context_data(self, parent_context: dict[str, Any]) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["count"] = len(self.panel.suggestions.items)
            return context

    name = "related"
    title = gettext_lazy("Related articles")
    template_name = "related/admin/side_panel.html"
    order = 250

    @cached_property
    def suggestions(self):  # type: ignore[no-untyped-def]
        return suggestions(self.object)

    def get_context_data(self, parent_context: dict[str, Any]) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        page = self.object
        lock = page.get_lock()
        context.update(
            suggestions=self.suggestions,
            may_place=not (lock and lock.for_user(self.request.user)),
            use_url=reverse("related_admin:use_this", args=(page.pk,)),
            # A component renders without the request's context: {% csrf_token %} needs it.
            csrf_token=get_token(self.request),
        )
        return context


class RelatedEditView(EditView):
    def get_side_panels(self):  # type: ignore[no-untyped-def]
        side_panels = super().get_side_panels()
        side_panels.append(RelatedSidePanel(self.page, self.request))
        return side_panels


class ArticleEditorViewSet(PageViewSet):
    model = ArticlePage
    edit_view_class = RelatedEditView
    name = "related_article_editor"
    icon = "doc-full"
    parent_models: list[type] = []  # keep the explorer's own listings
