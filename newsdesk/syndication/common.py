"""What the feeds and sitemaps share: absolute URLs, featured images, listing URLs, dates."""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site

# The featured image as shown at the top of an article page.
FEATURED_IMAGE_FILTER = "width-1200"

# When an article last changed for readers: its last publication, else its date (pages created
# live by code, e.g. imports, have no last_published_at).
ARTICLE_UPDATED = Coalesce("last_published_at", "publication_date")


def absolute(request, url: str) -> str:
    """`url` made absolute with the request's scheme and host (absolute URLs are kept)."""
    return request.build_absolute_uri(url)


def page_url(request, page) -> str | None:
    """A page's absolute URL: the request's host when the page is on the request's site.
    None for a page that no site serves."""
    url = page.get_url(request)
    return absolute(request, url) if url else None


class PageUrls:
    """page_url() from a page's url_path alone, for long lists read with values_list():
    building 10,000 page objects to ask each its URL took most of a sitemap file's seconds.
    Follows Page.get_url_parts without i18n (WAGTAIL_I18N_ENABLED is off); the tests compare
    it with page_url() so that a change there shows."""

    def __init__(self, request):
        self.request = request
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
        try:
            path = reverse("wagtail_serve", args=(url_path[len(chosen.root_path) :],))
        except NoReverseMatch:
            return None
        if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and path != "/":
            path = path.rstrip("/")
        on_this_site = self.current is not None and chosen.site_id == self.current.pk
        if on_this_site or self.single_site:
            return absolute(self.request, path)
        return chosen.root_url + path


def with_featured_images(queryset):
    """Load articles' featured images with their feed-size rendition: no query per item."""
    images = get_image_model().objects.prefetch_renditions(FEATURED_IMAGE_FILTER)
    return queryset.prefetch_related(Prefetch("image", queryset=images))


@dataclass(frozen=True)
class FeaturedImage:
    url: str
    length: int
    mime_type: str


def featured_rendition(image):
    """The image's feed-size rendition, or None without an image (or its file)."""
    if image is None:
        return None
    try:
        return image.get_rendition(FEATURED_IMAGE_FILTER)
    except OSError:  # wagtail's SourceImageIOError: the original file is missing
        return None


def featured_images(image_ids) -> dict:
    """Images by id with their feed-size renditions prefetched: one query each."""
    images = get_image_model().objects.filter(pk__in=set(image_ids) - {None})
    return {image.pk: image for image in images.prefetch_renditions(FEATURED_IMAGE_FILTER)}


def featured_image(request, article) -> FeaturedImage | None:
    """The article's featured image at feed size, or None if it has none (or it is missing)."""
    rendition = featured_rendition(article.image)
    if rendition is None:
        return None
    try:
        length = rendition.file.size
    except OSError:
        length = 0
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
    return FeaturedImage(absolute(request, rendition.url), length, mime_type)


def w3c_datetime(value) -> str:
    """A W3C datetime with the time zone offset, to the second (sitemaps, news sitemaps)."""
    return timezone.localtime(value).isoformat(timespec="seconds")


_RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')


def absolutize_links(request, html: str) -> str:
    """Make root-relative href and src attributes absolute (for HTML outside the site)."""
    return _RELATIVE_LINK.sub(lambda m: f'{m.group(1)}{absolute(request, m.group(2))}"', html)


class Listings:
    """URLs of the home page's tag and author listings, with one query for the home page."""

    def __init__(self, request):
        from newsdesk.articles.models import HomePage

        self.request = request
        self.home = HomePage.objects.live().first()

    def _url(self, route: str, slug: str) -> str | None:
        home_url = page_url(self.request, self.home) if self.home is not None else None
        if home_url is None:
            return None
        return home_url + self.home.reverse_subpage(route, args=[slug])

    def tag_url(self, tag) -> str | None:
        return self._url("tag", tag.slug)

    def author_url(self, author) -> str | None:
        return self._url("author", author.slug)
