"""Attachments to Wagtail images: copied from `--media-root` (a copy of wp-content/uploads)
when the file is there; otherwise the image stays at its original URL and is reported."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files import File
from wagtail.images import get_image_model

from newsdesk.articles.image_credits import ImageCredit

from .mapping import Kind
from .survey import Attachment

UPLOADS = "/uploads/"


def local_file(media_root: Path | None, url: str) -> Path | None:
    if media_root is None:
        return None
    path = unquote(urlsplit(url).path)
    if UPLOADS in path:
        return _inside(media_root, path.split(UPLOADS, 1)[1])
    # Not a wp-content/uploads URL (newsdesk's own export): the longest tail that exists.
    segments = [part for part in path.split("/") if part]
    for start in range(len(segments)):
        found = _inside(media_root, "/".join(segments[start:]))
        if found is not None:
            return found
    return None


def _inside(media_root: Path, relative: str) -> Path | None:
    candidate = (media_root / relative).resolve()
    if media_root.resolve() not in candidate.parents or not candidate.is_file():
        return None
    return candidate


def import_attachment(run, attachment: Attachment) -> None:
    site = attachment.site
    if not attachment.is_image:
        run.report.skip("attachment", "not an image (left at its URL)")
        return
    Image = get_image_model()
    row = run.mapping.get(site, Kind.ATTACHMENT, attachment.id)
    image = Image.objects.filter(pk=row.object_id).first() if row and row.object_id else None
    created = row is None
    source = local_file(run.media_root, attachment.url) if image is None else None
    if image is None and source is not None:
        image = Image(title=_title(attachment))
        with source.open("rb") as handle:
            image.file.save(source.name, File(handle), save=False)
    if image is not None:
        image.title = _title(attachment)
        image.description = attachment.alt.strip()[:255]
        image.save()
        _keep_credit(image, attachment)
    else:
        run.report.remote_image(attachment.url)
    run.mapping.set(
        site,
        Kind.ATTACHMENT,
        attachment.id,
        image.pk if image is not None else None,
        url=attachment.url,
        parent_key=attachment.parent,
    )
    run.report.done("image", created, attachment.url)


def _title(attachment: Attachment) -> str:
    name = attachment.url.rstrip("/").rsplit("/", 1)[-1]
    return (attachment.title.strip() or name or "image")[:255]


def _keep_credit(image, attachment: Attachment) -> None:
    """WordPress's credit and copyright for the image (a re-import brings them again, as
    it does the title and alt text; the licence fields an editor added stay)."""
    if not (attachment.credit or attachment.copyright):
        return
    ImageCredit.objects.update_or_create(
        image=image,
        defaults={
            "credit": attachment.credit[:255],
            "copyright_notice": attachment.copyright[:255],
        },
    )
