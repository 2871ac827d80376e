"""What a page tells search engines and link previews about itself, as plain facts.

Each page type answers `page.metadata(request, home=None, listing=None, tag=None, author=None)`
with a PageMetadata: `home` is the site's home page when the caller has it (else the page looks
it up if it needs it), `listing` the page of articles a listing shows, `tag` and `author` what
a home page's listing route shows. URLs are as `Page.get_url(request)` gives them (a path on
the request's site); newsdesk/syndication/metadata.py makes them absolute and turns the facts
into OpenGraph, Twitter card and JSON-LD tags. No email address belongs here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page as ListingPage
from django.utils.text import Truncator

DESCRIPTION_MAX_CHARS = 300

# What kind of thing a page is, for the tags that describe it.
ARTICLE = "article"  # a news article
FRONT = "front"  # the front page: a listing that also stands for the whole site
LISTING = "listing"  # a section, tag or author listing
PAGE = "page"  # anything else


@dataclass(frozen=True)
class Person:
    """An author: the name, their listing here, their own website."""

    name: str
    url: str | None
    website: str = ""


@dataclass(frozen=True)
class Correction:
    """A correction note on an article: when and what (schema.org CorrectionComment)."""

    date: datetime
    text: str


@dataclass
class PageMetadata:
    kind: str
    title: str
    description: str
    url: str | None  # canonical: no query string but a listing's ?page=N past the first
    home_url: str | None = None
    headline: str = ""
    image: object = None  # a Wagtail image; syndication chooses the renditions
    published: datetime | None = None
    modified: datetime | None = None
    section: str | None = None  # the section's title
    authors: list[Person] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # (name, URL) pairs, outermost first: the site, then down to this page.
    breadcrumbs: list[tuple[str, str | None]] = field(default_factory=list)
    # URLs of the articles a listing page shows, and the position of the first of them.
    listed: list[str | None] = field(default_factory=list)
    first_position: int = 1
    corrections: list[Correction] = field(default_factory=list)


def site_name() -> str:
    return settings.WAGTAIL_SITE_NAME


def plain_text(text: str | None, limit: int = DESCRIPTION_MAX_CHARS) -> str:
    """One line of text, shortened to `limit` characters. Escaping is the template's job."""
    return Truncator(" ".join((text or "").split())).chars(limit)


def first_text(*candidates: str | None) -> str:
    for candidate in candidates:
        text = plain_text(candidate)
        if text:
            return text
    return ""


def url_of(page, request) -> str | None:
    return page.get_url(request) if page is not None else None


def listing_metadata(
    request, *, kind: str, title: str, description: str, url, listing, crumbs, home_url
) -> PageMetadata:
    """A front, section, tag or author listing: the articles of the listing page shown."""
    if not isinstance(listing, ListingPage):
        listing = None
    canonical = url
    if url and listing is not None and listing.number > 1:
        canonical = f"{url}?page={listing.number}"
    return PageMetadata(
        kind=kind,
        title=title,
        description=description,
        url=canonical,
        home_url=home_url,
        breadcrumbs=crumbs,
        listed=[article.get_url(request) for article in listing or []],
        first_position=listing.start_index() if listing is not None else 1,
    )


def plain_page_metadata(page, request) -> PageMetadata:
    """Any other page: its title, search description and URL."""
    return PageMetadata(
        kind=PAGE,
        title=page.seo_title or page.title,
        description=first_text(page.search_description),
        url=page.get_url(request),
    )
