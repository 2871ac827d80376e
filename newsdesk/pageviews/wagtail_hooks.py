"""Count a reader's view of an article as Wagtail serves it (the counter line then shows the
counts including it: templatetags/pageview_tags.py), and the editors' readership views in
the admin (admin/).

`on_serve_page` wraps only the public serve view: previews, and an article shown again by
another view (a comment form with errors), are never counted. The order puts this hook
inside Wagtail's own view-restriction check, so a visitor held at a password or login
prompt is not counted either.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage

from .admin.dashboard import MostReadPanel
from .admin.listing import ArticleListingViewSet
from .admin.reports import ArticleViewsView, MostReadReportView, may_see_reports
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


class ReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return may_see_reports(request.user)


@hooks.register("register_admin_urls")
def readership_urls() -> list[URLPattern | URLResolver]:
    urls = [
        path("", MostReadReportView.as_view(), name="most_read"),
        path("results/", MostReadReportView.as_view(results_only=True), name="most_read_results"),
        path("<int:page_id>/", ArticleViewsView.as_view(), name="article"),
    ]
    return [path("reports/most-read/", include((urls, "pageviews_reports")))]


@hooks.register("register_reports_menu_item")
def most_read_menu_item() -> MenuItem:
    url = reverse("pageviews_reports:most_read")
    return ReportMenuItem("Most read", url, name="most-read", icon_name="view", order=50)


@hooks.register("construct_homepage_panels")
def most_read_panel(request: HttpRequest, panels: list[Any]) -> None:
    panels.append(MostReadPanel(request))


@hooks.register("register_admin_viewset")
def article_listing() -> ArticleListingViewSet:
    return ArticleListingViewSet()
