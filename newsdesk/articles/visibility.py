"""Which pages readers may see: `published()`, without paying for restrictions nobody set.

Wagtail's `PageQuerySet.public()` loads every PageViewRestriction joined to its page on each
call; SQLite plans that join from the page table, which cost 13-25 ms per call at 100,000
articles even with no restriction at all, and a page render calls it several times. Asking
whether any restriction exists is one indexed lookup.

Every page type's manager has `.published()` (PublishedPageQuerySet); a lookup over Wagtail's
`Page` uses the function: `published(Page.objects.type(HomePage, SectionPage))`.
"""

from wagtail.models import PageQuerySet, PageViewRestriction


def only_public(queryset):
    """`queryset.public()`, or the queryset as it is when no page is restricted."""
    if PageViewRestriction.objects.exists():
        return queryset.public()
    return queryset


def published(queryset):
    """What readers may see: live pages, not behind a privacy restriction."""
    return only_public(queryset.live())


class PublishedPageQuerySet(PageQuerySet):
    def published(self):
        """What readers may see: live pages, not behind a privacy restriction."""
        return published(self)
