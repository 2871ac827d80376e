"""A plain page (About us, Contact, Imprint): what WordPress calls a page, as opposed to a post."""

from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from newsdesk.articles.blocks import ArticleBodyBlock
from newsdesk.articles.metadata import plain_page_metadata
from newsdesk.articles.visibility import PublishedPageQuerySet


class StandardPage(Page):
    """A page outside the news flow; may hold sub-pages of its own kind."""

    body = StreamField(ArticleBodyBlock(), blank=True)
    # As on articles: comments (WordPress pages have them) shown, and new ones taken if open.
    comments_open = models.BooleanField(default=False)

    content_panels = Page.content_panels + ["body"]
    settings_panels = Page.settings_panels + ["comments_open"]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["articles.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    objects = PageManager.from_queryset(PublishedPageQuerySet)()

    class Meta:
        verbose_name = "page"

    def get_context(self, request, *args, **kwargs):
        """Keyword arguments given to `serve()` reach the template, as on articles (the
        comment form shown again after a refused post: comments/views.py)."""
        context = super().get_context(request, *args, **kwargs)
        context.update(kwargs)
        return context

    def metadata(self, request, *, home=None, listing=None, tag=None, author=None):
        """Its title, search description and URL (see articles/metadata.py)."""
        return plain_page_metadata(self, request)
