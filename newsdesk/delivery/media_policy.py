"""Which files under MEDIA_ROOT may be served, and to whom (docs/serving.md).

Only the files of Wagtail images are ever served from MEDIA_URL: an original
(`original_images/…`, which the WordPress export links) or a rendition (`images/…`).
Documents never are: Wagtail's serve view (`/documents/<id>/<name>`) answers them and
checks their collection's privacy. Any other file is refused too, so nothing that lands in
the media folder (a stray upload, an export) becomes public by accident.

An image is private when its collection, or a collection above it, has a
`CollectionViewRestriction`; its files then go only to a request that the restrictions
accept (a logged-in editor, for a login restriction).
"""

from __future__ import annotations

from dataclasses import dataclass
from posixpath import normpath

from django.http import HttpRequest
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction


@dataclass(frozen=True)
class MediaFile:
    """A servable file: its name under MEDIA_ROOT and the restrictions it is under."""

    name: str
    restrictions: tuple[CollectionViewRestriction, ...]

    @property
    def is_private(self) -> bool:
        return bool(self.restrictions)

    def accepts(self, request: HttpRequest) -> bool:
        """May this request see the file? (Wagtail's own rule for each restriction.)"""
        return all(restriction.accept_request(request) for restriction in self.restrictions)


def canonical_name(name: str) -> str | None:
    """`name` if it is a plain relative path (no `..`, `.`, `//`, backslash, NUL), else None:
    a file is only ever known under one spelling."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return None
    return name if normpath(name) == name else None


def _collection_of(name: str) -> Collection | None:
    """The collection of the image whose original or rendition `name` is, or None."""
    image_model = get_image_model()
    image = image_model.objects.filter(file=name).select_related("collection").first()
    if image is not None:
        return image.collection
    rendition = (
        image_model.get_rendition_model()
        .objects.filter(file=name)
        .select_related("image__collection")
        .first()
    )
    return None if rendition is None else rendition.image.collection


def find_media_file(name: str) -> MediaFile | None:
    """What may be served at MEDIA_URL + `name`: None for anything but an image's file."""
    canonical = canonical_name(name)
    if canonical is None:
        return None
    collection = _collection_of(canonical)
    if collection is None:
        return None
    return MediaFile(canonical, tuple(collection.get_view_restrictions()))
