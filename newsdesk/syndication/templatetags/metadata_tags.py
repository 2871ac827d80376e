from django import template

from newsdesk.syndication import metadata

register = template.Library()


@register.simple_tag(takes_context=True)
def page_metadata(context):
    """{% page_metadata as meta %}: the PageMetadata of the page being rendered, or None."""
    return metadata.page_metadata(context)


@register.filter
def json_ld_script(data):
    """{{ data|json_ld_script }}: a <script type="application/ld+json"> safe to put in HTML."""
    return metadata.json_ld_script(data)
