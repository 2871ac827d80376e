"""/api/v2/articles/most_read/: the "Most read" list readers see, as article listing items.

    ?window=7|30|today|all   days among the kept windows (newsdesk.pageviews.windows), today
                             or all time; default NEWSDESK_MOST_READ_WINDOW
    ?section=<id>            ranked within the section (main or further), as its page does
    ?limit=1…50              default NEWSDESK_MOST_READ_COUNT
    ?fields=…                as on the article listing

Each item is an article listing item plus `views`, its counted views in the window. A list
as short as the pages' (at most NEWSDESK_MOST_READ_COUNT + 1) is the stored list the pages
show (newsdesk.pageviews.most_read.current_list: one indexed read while it is fresh, at most
NEWSDESK_MOST_READ_DELAY behind the counts); a longer one is ranked at once
(rankings.top_articles, an index walk).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import URLPattern, URLResolver, path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.pageviews.most_read import current_list
from newsdesk.pageviews.rankings import Ranked, Window, check_window, top_articles

if TYPE_CHECKING:
    # The mixins here and in v2.py are mixed into Wagtail's API viewsets, which have no type
    # information: to the checker, what they inherit is Wagtail's BaseAPIViewSet (Any).
    from wagtail.api.v2.views import BaseAPIViewSet as WagtailViewSet
else:
    WagtailViewSet = object

LIMIT_MAX = 50
PARAMETERS = frozenset(["window", "section", "limit", "fields", "rich_text_format", "format", "_"])


def window_from_query(request: Request) -> Window:
    value = request.GET.get("window")
    if value is None:
        return settings.NEWSDESK_MOST_READ_WINDOW
    window: Window = int(value) if value.isascii() and value.isdigit() else value
    try:
        return check_window(window)
    except ValueError as exc:
        raise BadRequestError(str(exc)) from exc


def limit_from_query(request: Request) -> int:
    value = request.GET.get("limit")
    if value is None:
        return settings.NEWSDESK_MOST_READ_COUNT
    if value.isascii() and value.isdigit() and 1 <= int(value) <= LIMIT_MAX:
        return int(value)
    raise BadRequestError(f"limit must be a whole number from 1 to {LIMIT_MAX}")


class MostReadMixin(WagtailViewSet):
    """The most_read route of the articles endpoint (ArticlesAPIViewSet)."""

    @classmethod
    def get_urlpatterns(cls) -> list[URLPattern | URLResolver]:
        most_read = cls.as_view({"get": "most_read_view"})
        return [
            *super().get_urlpatterns(),
            path("most_read/", most_read, name="most_read"),
        ]

    def most_read_view(self, request: Request) -> Response:
        unknown = set(request.GET) - PARAMETERS
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: "
                + ", ".join(sorted(unknown))
            )
        window, limit = window_from_query(request), limit_from_query(request)
        section = self._section_from_query() if "section" in request.GET else None
        ranked = self.most_read(window, section, limit)
        articles = [article for article, _ in ranked]
        self.prepare_items(articles)
        items = self.get_serializer(articles, many=True).data
        for item, (_, views) in zip(items, ranked, strict=True):
            item["views"] = views
        meta = {
            "total_count": len(items),
            "window": window,
            "section": section.pk if section else None,
        }
        return Response({"meta": meta, "items": items})

    def most_read(
        self, window: Window, section: SectionPage | None, limit: int
    ) -> list[tuple[ArticlePage, int]]:
        """(article, views in the window), most read first: the stored list if it is long
        enough and every article in it is still one readers may see, else ranked now."""
        stored = limit <= settings.NEWSDESK_MOST_READ_COUNT + 1
        if stored:
            scope = f"section:{section.pk}" if section else "site"
            entries = current_list(scope, window)[:limit]
        else:
            entries = top_articles(window, section, limit)
        articles = self._visible(entries)
        if stored and len(articles) < len(entries):
            # Unpublished or restricted since the list was stored.
            entries = top_articles(window, section, limit)
            articles = self._visible(entries)
        return [(articles[e.page_id], e.views) for e in entries if e.page_id in articles]

    def _visible(self, entries: list[Ranked]) -> dict[int, ArticlePage]:
        ids = [entry.page_id for entry in entries]
        return {article.pk: article for article in self.get_queryset().filter(pk__in=ids)}

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        if self.action != "most_read_view":
            return super().get_serializer_class()
        # Listing items, and ?fields= as on the listing (Wagtail's listing_view does this).
        try:
            fields = parse_fields_parameter(self.request.GET.get("fields", ""))
        except ValueError as exc:
            raise BadRequestError(f"fields error: {exc}") from exc
        return self._get_serializer_class(
            self.request.wagtailapi_router,
            ArticlePage,
            fields,
        )
