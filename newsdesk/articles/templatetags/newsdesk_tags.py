from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

from newsdesk.articles import sharing
from newsdesk.articles.image_credits import credit_of
from newsdesk.articles.sanitize import clean_html
from newsdesk.ui import ui_string

register = template.Library()


@register.simple_tag
def ui(key, **values):
    """A default UI string (see newsdesk.ui), e.g. {% ui "view_counter" total=3 today=1 %}."""
    return ui_string(key, **values)


@register.filter
def clean_richtext(value):
    """Wagtail's `richtext` filter, then the nh3 allow-list: rich text written by code (the
    WordPress import, the API, a data migration) is stored as given, so it is never trusted."""
    return mark_safe(clean_html(str(richtext(value))))  # noqa: S308 - nh3 has just cleaned it


@register.simple_tag(takes_context=True)
def listing_url(context, route, slug):
    """{% listing_url "tag" tag.slug %} or {% listing_url "author" author.slug %}: the URL
    of the listing on the home page in the context (HomePage.listing_url), '' without one."""
    home = context.get("home")
    return (home.listing_url(route, slug, context.get("request")) if home else None) or ""


@register.simple_tag(takes_context=True)
def share_links(context, page):
    """{% share_links page as links %}: plain share links for the page (articles/sharing.py)."""
    return sharing.share_links(page.title, page.get_full_url(context.get("request")) or "")


@register.simple_tag
def figure_caption(caption, image):
    """{% figure_caption caption image %}: the figure's <figcaption>, the caption then the
    image's credit and licence (image_credits.py); '' when there is neither."""
    credit = credit_of(image)
    if not caption and credit is None:
        return ""
    context = {"caption": caption, "credit": credit}
    html = render_to_string("articles/includes/figcaption.html", context)
    return mark_safe(html.strip())  # noqa: S308 - the template escaped every value
