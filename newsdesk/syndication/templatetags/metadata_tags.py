from django import template
from django.core.paginator import Page as ListingPage
from wagtail.models import Page

from newsdesk.articles.metadata import plain_page_metadata
from newsdesk.syndication import metadata

register = template.Library()


@register.simple_tag(takes_context=True)
def page_metadata(context):
    """{% page_metadata as meta %}: the HeadTags of the page being rendered, or None when the
    context renders no page (a 404, or a view whose `page` is something else)."""
    page = context.get("page")
    if not isinstance(page, Page):
        return None
    request = context.get("request")
    if hasattr(page, "metadata"):
        listing = context.get("articles")
        facts = page.metadata(
            request,
            home=context.get("home"),
            listing=listing if isinstance(listing, ListingPage) else None,
            tag=context.get("tag"),
            author=context.get("author"),
        )
    else:
        facts = plain_page_metadata(page, request)
    return metadata.head_tags(facts, request)


@register.filter
def json_ld_script(data):
    """{{ data|json_ld_script }}: a <script type="application/ld+json"> safe to put in HTML."""
    return metadata.json_ld_script(data)
