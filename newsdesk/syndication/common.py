"""What the feeds and sitemaps share: featured images and dates (absolute URLs, listing URLs
included, are in public_urls.py)."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.images import get_image_model

from .public_urls import absolute_url

# The featured image as shown at the top of an article page.
FEATURED_IMAGE_FILTER = "width-1200"

# When an article last changed for readers: its last publication, else its date (pages created
# live by code, e.g. imports, have no last_published_at).
ARTICLE_UPDATED = Coalesce("last_published_at", "publication_date")


def with_featured_images(queryset):
    """Load articles' featured images with their feed-size rendition and their credit: no
    query per item."""
    images = get_image_model().objects.prefetch_renditions(FEATURED_IMAGE_FILTER)
    images = images.select_related("credit")  # media_rss.py: the credit of each
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
    return FeaturedImage(absolute_url(request, rendition.url), length, mime_type)


def w3c_datetime(value) -> str:
    """A W3C datetime with the time zone offset, to the second (sitemaps, news sitemaps)."""
    return timezone.localtime(value).isoformat(timespec="seconds")
