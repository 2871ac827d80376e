"""Absolute URLs for what leaves the site (feeds, sitemaps, page metadata): one module, and
the request first in every signature."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from wagtail.models import Site

from newsdesk.articles.models import HomePage


def absolute_url(request, url: str | None) -> str | None:
    """`url` (a path, or already absolute) made absolute with the scheme and host that were
    asked; None for no URL, and the URL as it is without a request."""
    if not url:
        return None
    return request.build_absolute_uri(url) if request is not None else url


def page_url(request, page) -> str | None:
    """A page's absolute URL: the request's host when the page is on the request's site.
    None for a page that no site serves (or a new page in preview)."""
    return absolute_url(request, page.get_url(request))


# Slugs of ASCII letters, digits, "_" and "-", each followed by "/": what Wagtail's
# serve pattern accepts and urllib's quote() leaves as it is.
_PLAIN_SLUGS = re.compile(r"(?:[A-Za-z0-9_\-]+/)*")


class PageUrls:
    """page_url() from a page's url_path alone, for long lists read with values_list():
    building 10,000 page objects to ask each its URL took most of a sitemap file's seconds.
    Follows Page.get_url_parts without i18n (WAGTAIL_I18N_ENABLED is off); the tests compare
    it with page_url() so that a change there shows."""

    def __init__(self, request):
        self.request = request
        # What reverse("wagtail_serve") puts before a page's path; a path of plain slugs
        # matches either of Wagtail's serve patterns and needs no quoting, so it is joined
        # to this as reverse() would join it (10,000 reverse() calls were a third of a
        # sitemap file's build), anything else still goes through reverse().
        self.serve_prefix = reverse("wagtail_serve", args=("",))
        self.roots = Site.get_site_root_paths()
        self.current = Site.find_for_request(request)
        self.single_site = len({root.site_id for root in self.roots}) == 1

    def __call__(self, url_path: str) -> str | None:
        possible = [root for root in self.roots if url_path.startswith(root.root_path)]
        if not possible:
            return None
        chosen = possible[0]
        if self.current is not None:
            chosen = next((r for r in possible if r.site_id == self.current.pk), chosen)
        tail = url_path[len(chosen.root_path) :]
        if _PLAIN_SLUGS.fullmatch(tail):
            path = self.serve_prefix + tail
        else:
            try:
                path = reverse("wagtail_serve", args=(tail,))
            except NoReverseMatch:
                return None
        if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and path != "/":
            path = path.rstrip("/")
        on_this_site = self.current is not None and chosen.site_id == self.current.pk
        if on_this_site or self.single_site:
            return absolute_url(self.request, path)
        return chosen.root_url + path


class Listings:
    """Absolute URLs of the home page's tag and author listings (HomePage.listing_url), with
    one query for the home page."""

    def __init__(self, request):
        self.request = request
        self.home = HomePage.objects.live().first()

    def url(self, route: str, slug: str) -> str | None:
        if self.home is None:
            return None
        return absolute_url(self.request, self.home.listing_url(route, slug, self.request))

    def tag_url(self, tag) -> str | None:
        return self.url("tag", tag.slug)

    def author_url(self, author) -> str | None:
        return self.url("author", author.slug)


_RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')


def absolutize_links(request, html: str) -> str:
    """Make root-relative href and src attributes absolute (for HTML outside the site)."""
    return _RELATIVE_LINK.sub(lambda m: f'{m.group(1)}{absolute_url(request, m.group(2))}"', html)
