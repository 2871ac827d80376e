"""What converting one post's content needs from the run: images and old links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from ..convert import ImageRef
from .mapping import Kind
from .redirects import path_of


def same_host(netloc: str, site: str) -> bool:
    def bare(host: str) -> str:
        return host.lower().split("@")[-1].split(":")[0].removeprefix("www.")

    return bare(netloc) == bare(urlsplit(site).netloc)


class PostContext:
    def __init__(self, run, site: str, post_id: str):
        self.run, self.site, self.post_id = run, site, post_id

    def image_for(self, attachment_id, url) -> ImageRef | None:
        mapping, survey = self.run.mapping, self.run.survey
        attachment = survey.attachments.get(str(attachment_id)) if attachment_id else None
        if attachment is None and url:
            attachment = survey.attachment_for_url(url)
        if attachment is None:
            return None
        row = mapping.get(attachment.site, Kind.ATTACHMENT, attachment.id)
        image_id = row.object_id if row is not None else None
        return ImageRef(url=url or attachment.url, image_id=image_id, alt=attachment.alt)

    def attachments_of(self, post_id: str) -> list[str]:
        return self.run.survey.children.get(str(post_id), [])

    def page_for_url(self, url: str):
        return page_for_url(self.run, self.site, url)

    def page_for_post(self, post_id: str) -> int | None:
        mapping = self.run.mapping
        return mapping.object_id(self.site, Kind.POST, post_id) or mapping.object_id(
            self.site, Kind.PAGE, post_id
        )


def page_for_url(run, site: str, url: str):
    """The new page of an old-site URL; None if not known yet; False if not the old site."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("", "http", "https"):
        return False
    if parts.netloc and not same_host(parts.netloc, site):
        return False
    if not parts.netloc and not parts.path.startswith("/"):
        return False
    if "/wp-content/" in parts.path or "/wp-admin" in parts.path:
        return False
    query = parse_qs(parts.query)
    for name, kind in (("p", Kind.POST), ("page_id", Kind.PAGE)):
        if name in query:
            return run.mapping.object_id(site, kind, query[name][0])
    path = path_of(url)
    if path == "/":
        return False
    return run.old_paths.get(path)
