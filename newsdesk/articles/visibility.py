"""Which pages readers may see, without paying for privacy restrictions nobody has set.

Wagtail's `PageQuerySet.public()` loads every PageViewRestriction joined to its page on each
call; SQLite plans that join from the page table, which cost 13-25 ms per call at 100,000
articles even with no restriction at all, and a page render calls it several times. Asking
whether any restriction exists is one indexed lookup.
"""

from wagtail.models import PageViewRestriction


def only_public(queryset):
    """`queryset.public()`, or the queryset as it is when no page is restricted."""
    if PageViewRestriction.objects.exists():
        return queryset.public()
    return queryset
