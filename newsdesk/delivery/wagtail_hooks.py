"""Tell the hot path which page answered a request, once Wagtail has let the visitor see it
(view restrictions are checked in `before_serve_page`, before this runs)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage, HomePage, SectionPage

from .hotpath import ARTICLE, CANDIDATE, LISTING, PAGE

# Page types whose answers the hot path may keep, and how: an article has live parts, a
# listing (front, tag and author pages, sections) is kept whole.
CACHEABLE_KINDS = {ArticlePage: ARTICLE, HomePage: LISTING, SectionPage: LISTING}
ServePage = Callable[[Page, HttpRequest, tuple, dict], HttpResponse]


@hooks.register("on_serve_page")
def name_the_page_for_the_hot_path(next_serve_page: ServePage) -> ServePage:
    def serve_page(page: Page, request: HttpRequest, args: tuple, kwargs: dict) -> HttpResponse:
        response = next_serve_page(page, request, args, kwargs)
        kind = CACHEABLE_KINDS.get(type(page))
        if kind is not None and CANDIDATE in request.META:
            request.META[PAGE] = (kind, page.pk)
        return response

    return serve_page
