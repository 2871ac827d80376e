"""Cutting listings into pages: the front, section, tag and author pages, search results, the
API and the feeds. Each helper takes a queryset (or the articles of a page already cut)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from wagtail.models import Page


class ListingPaginator(Paginator):
    """Cuts the page from the ids alone, then reads the full rows of that page only: sorting
    20,000 tagged articles' ids is cheap, sorting their whole rows is not (page 500 of a
    listing at 100,000 articles: milliseconds instead of a second)."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(list(self.object_list.filter(pk__in=ids)), number, self)


# The thumbnail listings show (articles/includes/article_list.html, home_page.html).
THUMBNAIL = "fill-320x200"
# The front page's lead (home_page.html's picture tag): WebP and JPEG, each at two widths.
LEAD_IMAGE = [
    f"format-{kind}|fill-{size}" for kind in ("webp", "jpeg") for size in ("480x270", "960x540")
]


def thumbnail_renditions():
    """A prefetch of the listed articles' images with their thumbnail renditions: two queries
    for the whole listing instead of one per image."""
    from django.db.models import Prefetch
    from wagtail.images import get_image_model

    images = get_image_model().objects.prefetch_renditions(THUMBNAIL, *LEAD_IMAGE)
    return Prefetch("image", queryset=images)


def paginate(request, queryset, per_page=None):
    """One page of a listing, with the section of each article attached (one query)."""
    paginator = Paginator(queryset, per_page or settings.NEWSDESK_LISTING_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    attach_sections(page.object_list)
    return page


def paginate_listing(request, queryset):
    """One page of a home, section, tag or author listing (the whole archive, newest first),
    with sections attached (comment counts are the comments app's: its template tag)."""
    paginator = ListingPaginator(queryset, settings.NEWSDESK_LISTING_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    attach_sections(page.object_list)
    return page


def paginate_notes(request, queryset):
    """One page of the corrections log, as long as a listing's page."""
    paginator = ListingPaginator(queryset, settings.NEWSDESK_LISTING_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def attach_sections(articles) -> None:
    """Set each article's section from its parent's tree path without a query per article."""
    # Imported here: models.py imports this module for its listing pages.
    from .models import SectionPage

    articles = list(articles)
    parent_paths = {article.path[: -Page.steplen] for article in articles}
    sections = {s.path: s for s in SectionPage.objects.filter(path__in=parent_paths)}
    for article in articles:
        section = sections.get(article.path[: -Page.steplen])
        if section is not None:
            article.__dict__["section"] = section


# How many of each section's latest stories the front page shows in the section's block.
SECTION_BLOCK_SIZE = 4


def section_blocks(home, sections, listing, exclude=()) -> list[tuple]:
    """The front page's blocks: [(section, its latest few articles)], in `sections`' order,
    leaving out sections with nothing to show. One query for every section together (a
    window function ranks each section's articles), never a query per section."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber, Substr

    # Articles live two levels under the home page; their section's path is their prefix.
    prefix = len(home.path) + Page.steplen
    ranked = (
        listing.exclude(pk__in=list(exclude))
        .filter(depth=home.depth + 2)
        .annotate(
            section_path=Substr("path", 1, prefix),
            rank=Window(
                RowNumber(),
                partition_by=[Substr("path", 1, prefix)],
                order_by=[F("publication_date").desc(nulls_last=True), F("pk").desc()],
            ),
        )
        .filter(rank__lte=SECTION_BLOCK_SIZE)
    )
    by_path: dict[str, list] = {}
    for article in ranked:
        by_path.setdefault(article.section_path, []).append(article)
    blocks = []
    for section in sections:
        articles = by_path.get(section.path, [])
        for article in articles:
            article.__dict__["section"] = section
        if articles:
            blocks.append((section, articles))
    return blocks
