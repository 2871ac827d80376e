"""Count a reader's view of an article as Wagtail serves it (the counter line then shows the
counts including it: templatetags/pageview_tags.py).

`on_serve_page` wraps only the public serve view: previews, and an article shown again by
another view (a comment form with errors), are never counted. The order puts this hook
inside Wagtail's own view-restriction check, so a visitor held at a password or login
prompt is not counted either.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage

from .counting import count_served_view

COUNTED_PAGE_TYPES = (ArticlePage,)
ServePage = Callable[[Page, HttpRequest, tuple, dict], HttpResponse]


@hooks.register("on_serve_page", order=100)
def count_the_view(next_serve_page: ServePage) -> ServePage:
    def serve_page(page: Page, request: HttpRequest, args: tuple, kwargs: dict) -> HttpResponse:
        if isinstance(page, COUNTED_PAGE_TYPES):
            count_served_view(request, page)
        return next_serve_page(page, request, args, kwargs)

    return serve_page
