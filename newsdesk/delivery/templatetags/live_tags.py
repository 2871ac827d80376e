import logging

from django import template
from django.utils.safestring import SafeString, mark_safe

from newsdesk.delivery import live
from newsdesk.pageviews.counting import counts_to_show

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag(takes_context=True)
def live_part(context: template.Context, name: str, *key_parts: object) -> SafeString:
    """{% live_part "most_read" "site" %}, {% live_part "most_read" "section" page.pk %}: a
    region the hot path fills in per response (newsdesk/delivery/live.py). The key is the
    parts joined by ":" ("section-12"-style parts may be given whole)."""
    key = ":".join(str(part) for part in key_parts)
    page = context.get("page")
    try:
        html = live.render(name, key, getattr(page, "pk", None))
    except ValueError:
        logger.warning("A template asked for an unknown live part %r with key %r", name, key)
        return mark_safe("")
    return mark_safe(html)  # noqa: S308 - the parts render escaped HTML (e.g. most_read.py)


@register.simple_tag(takes_context=True)
def live_counter(context: template.Context, page: object) -> SafeString:
    """{% live_counter page %}: the counter line's text, "Visited N times, M visit(s) today",
    as a live region: the counts of the view this request counted (pageviews' on_serve_page
    hook), or the current counts when it counted none. The hot path refills it on every view
    of a kept page with the same `live.counter_text`."""
    counts = counts_to_show(context.get("request"), page)
    return mark_safe(live.render_counter(counts.total, counts.today))  # noqa: S308 - escaped
