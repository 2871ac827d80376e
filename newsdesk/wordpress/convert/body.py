"""Collects the StreamField blocks of one converted body and what the report must mention."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from lxml import html as lxml_html

from newsdesk.articles.sanitize import clean_html

from .links import rewrite_links

TOKEN = re.compile(r"\[\[newsdesk-(block|more):?(\d*)\]\]")
EMBED_HOSTS = (
    "youtube.com", "youtu.be", "vimeo.com", "twitter.com", "x.com", "instagram.com",
    "soundcloud.com", "spotify.com", "flickr.com", "tiktok.com", "dailymotion.com",
    "facebook.com", "ted.com", "reddit.com", "tumblr.com", "mixcloud.com",
)  # fmt: skip


@dataclass
class ImageRef:
    """An attachment: a local image (`image_id`) or one left at its remote `url`."""

    url: str
    image_id: int | None = None
    alt: str = ""
    caption: str = ""


class Context(Protocol):
    """What a conversion needs to know about the rest of the import."""

    post_id: str

    def image_for(self, attachment_id: str | None, url: str | None) -> ImageRef | None: ...

    def attachments_of(self, post_id: str) -> list[str]: ...

    def page_for_url(self, url: str) -> int | None | bool: ...

    def page_for_post(self, post_id: str) -> int | None: ...


@dataclass
class Body:
    context: Context
    blocks: list[dict] = field(default_factory=list)
    reserved: list[list[dict]] = field(default_factory=list)
    more_at: int | None = None
    unknown_shortcodes: Counter = field(default_factory=Counter)
    unknown_blocks: Counter = field(default_factory=Counter)
    remote_images: list[str] = field(default_factory=list)
    pending_links: bool = False

    # -- blocks -------------------------------------------------------------------------
    def paragraph(self, html: str) -> None:
        cleaned = clean_html(html).strip()
        if not cleaned or not (_has_text(cleaned) or "<img" in cleaned or "<hr" in cleaned):
            return
        cleaned, unresolved = rewrite_links(cleaned, self.context.page_for_url)
        self.pending_links = self.pending_links or unresolved
        self.blocks.append({"type": "paragraph", "value": cleaned})

    def subheading(self, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.blocks.append({"type": "subheading", "value": text[:255]})

    def quote(self, text: str, attribution: str = "") -> None:
        if text.strip():
            value = {"text": text.strip(), "attribution": " ".join(attribution.split())[:255]}
            self.blocks.append({"type": "quote", "value": value})

    def embed(self, url: str, caption: str = "") -> None:
        url = url.strip()
        if not url:
            return
        if not is_embeddable(url):
            self.paragraph(f'<p><a href="{_attr(url)}">{_text(url)}</a></p>')
            return
        self.blocks.append({"type": "embed", "value": {"embed": url, "caption": caption[:255]}})

    def media_link(self, url: str, label: str) -> None:
        """Audio and video files: no player block exists, so a link to the file."""
        if url:
            name = url.rstrip("/").rsplit("/", 1)[-1]
            self.paragraph(f'<p>{label}: <a href="{_attr(url)}">{_text(name)}</a></p>')

    def image(self, attachment_id: str | None, url: str | None, alt="", caption="") -> None:
        ref = self.context.image_for(attachment_id, url)
        caption = " ".join((caption or "").split())
        if ref is not None and ref.image_id is not None:
            value = {"image": ref.image_id, "caption": caption[:255], "alt_text": alt[:255]}
            self.blocks.append({"type": "image", "value": value})
            return
        src = (ref.url if ref is not None else "") or url or ""
        if not src:
            return
        self.remote_images.append(src)
        figcaption = f"<figcaption>{_text(caption)}</figcaption>" if caption else ""
        self.paragraph(f'<figure><img src="{_attr(src)}" alt="{_attr(alt)}">{figcaption}</figure>')

    def related(self, post_id: str) -> None:
        page_id = self.context.page_for_post(post_id)
        value = {"article": page_id}
        if page_id is None:  # resolved once every post is imported (or dropped)
            self.pending_links = True
            value["wp_post"] = post_id
        self.blocks.append({"type": "related", "value": value})

    # -- placeholders for blocks found inside running text -------------------------------
    def reserve(self, produce) -> str:
        """Run `produce` into a side list; return a token that stands for its blocks."""
        saved, self.blocks = self.blocks, []
        try:
            produce()
        finally:
            produced, self.blocks = self.blocks, saved
        self.reserved.append(produced)
        return f"\n\n[[newsdesk-block:{len(self.reserved) - 1}]]\n\n"

    def mark_more(self) -> None:
        if self.more_at is None:
            self.more_at = len(self.blocks)

    def emit_token(self, kind: str, number: str) -> None:
        if kind == "more":
            self.mark_more()
        else:
            self.blocks.extend(self.reserved[int(number)])

    # -- results ------------------------------------------------------------------------
    def excerpt(self) -> str:
        """The text before `<!--more-->`, if the body has one."""
        if self.more_at is None:
            return ""
        paragraphs = [b["value"] for b in self.blocks[: self.more_at] if b["type"] == "paragraph"]
        return "\n\n".join(plain_text(p) for p in paragraphs).strip()


def is_embeddable(url: str) -> bool:
    host = re.sub(r"^https?://", "", url, flags=re.I).split("/", 1)[0].lower()
    host = host.removeprefix("www.").removeprefix("m.")
    return any(host == known or host.endswith("." + known) for known in EMBED_HOSTS)


def plain_text(html: str) -> str:
    if not html.strip():
        return ""
    try:
        return " ".join(lxml_html.fromstring(html).text_content().split())
    except Exception:  # noqa: BLE001 - text that lxml cannot parse is returned as it is
        return html


def _has_text(html: str) -> bool:
    return bool(plain_text(html))


def _attr(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
