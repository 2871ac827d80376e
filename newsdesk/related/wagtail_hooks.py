"""The related articles in Wagtail's admin: the article editor's "Related articles" side
panel (admin.py) and its "Use this" (views.py)."""

from django.urls import URLResolver, include, path
from wagtail import hooks

from . import urls
from .admin import ArticleEditorViewSet


@hooks.register("register_admin_viewset")
def article_editor() -> ArticleEditorViewSet:
    return ArticleEditorViewSet()


@hooks.register("register_admin_urls")
def related_admin_urls() -> list[URLResolver]:
    return [path("related/", include(urls))]
