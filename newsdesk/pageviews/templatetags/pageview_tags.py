from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.models import Page

from newsdesk.pageviews.counting import counts_to_show
from newsdesk.ui import ui_string

register = template.Library()


@register.simple_tag(takes_context=True)
def view_counter(context: template.Context, page: Page) -> SafeString:
    """{% view_counter page %}: the counter line, "Visited N times, M visit(s) today", with the
    counts of the view this request counted (wagtail_hooks.py), or the current counts when it
    counted none. The hot path (newsdesk/delivery/pagecache.py) finds the last
    <p class="view-counter"> of a kept article and refills its text on every view."""
    counts = counts_to_show(context.get("request"), page)
    line = ui_string("view_counter", total=counts.total, today=counts.today)
    return format_html('<p class="view-counter">{}</p>', line)
