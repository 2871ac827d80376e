"""A plain page (About us, Contact, Imprint): what WordPress calls a page, as opposed to a post."""

from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from newsdesk.articles.blocks import ArticleBodyBlock


class StandardPage(Page):
    """A page outside the news flow; may hold sub-pages of its own kind."""

    body = StreamField(ArticleBodyBlock(), blank=True)

    content_panels = Page.content_panels + ["body"]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["articles.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "page"
