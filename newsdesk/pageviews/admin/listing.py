"""Articles in the admin as one flat listing (Wagtail's PageListingViewSet, /admin/articles/)
with a sortable "Views" column: all-time counted views. The tree explorer's own columns
are fixed in Wagtail; this listing is the documented way to add one."""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.admin.ui.tables import NumberColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from newsdesk.articles.models import ArticlePage

from ..models import PageViewTotal

VIEWS = "views_all_time"


class ArticleIndexView(IndexView):
    base_columns = [
        *IndexView.base_columns,
        NumberColumn(VIEWS, label="Views", sort_key=VIEWS, width="10%"),
    ]

    def annotate_queryset(self, pages: QuerySet) -> QuerySet:
        total = PageViewTotal.objects.filter(page_id=OuterRef("pk")).values("views")[:1]
        views = Coalesce(Subquery(total), Value(0), output_field=IntegerField())
        return super().annotate_queryset(pages).annotate(**{VIEWS: views})

    def get_valid_orderings(self) -> list[str]:
        orderings: list[str] = super().get_valid_orderings()
        if self.is_searching:  # the search backend cannot order by an annotation
            orderings = [o for o in orderings if o.lstrip("-") != VIEWS]
        return orderings

    def order_queryset(self, queryset: Any) -> Any:
        if self.ordering in (VIEWS, f"-{VIEWS}") and not self.is_searching:
            newest = "-latest_revision_created_at"
            return queryset.order_by(self.ordering, newest, "-pk")
        return super().order_queryset(queryset)


class ArticleListingViewSet(PageListingViewSet):
    model = ArticlePage
    index_view_class = ArticleIndexView
    icon = "doc-full"
    menu_label = "Articles"
    menu_order = 150
    add_to_admin_menu = True
    name = "articles"
