"""A first pass over every file: counts items for the progress bar, finds the attachments
(posts refer to images that come later in the file, or in another file of a split export)
and checks that each file is a readable WXR before anything is written."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..php_values import read_php_value
from ..reader import Channel, Item, read_wxr

_SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")


@dataclass
class Attachment:
    id: str
    url: str
    title: str
    alt: str
    caption: str
    parent: str
    mime_type: str
    site: str
    # The photographer's credit and copyright WordPress read from the file (IPTC).
    credit: str = ""
    copyright: str = ""

    @property
    def is_image(self) -> bool:
        return self.mime_type.startswith("image/") or bool(
            re.search(r"\.(jpe?g|png|gif|webp|avif|bmp|tiff?)$", self.url, re.IGNORECASE)
        )


@dataclass
class Survey:
    channels: list[Channel] = field(default_factory=list)
    items: int = 0
    attachments: dict[str, Attachment] = field(default_factory=dict)
    by_path: dict[str, str] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def attachment_for_url(self, url: str) -> Attachment | None:
        attachment_id = self.by_path.get(url_key(url))
        return self.attachments.get(attachment_id) if attachment_id else None


def url_key(url: str) -> str:
    """An attachment URL without host and size suffix: `/wp-content/uploads/2020/01/a.jpg`."""
    return _SIZE_SUFFIX.sub("", unquote(urlsplit(url.strip()).path))


def survey(paths) -> Survey:
    result = Survey()
    for path in paths:
        channel = None
        for record in read_wxr(path):
            if isinstance(record, Channel):
                channel = record
                result.channels.append(record)
            elif isinstance(record, Item):
                result.items += 1
                if record.post_type == "attachment":
                    _add_attachment(result, record, channel)
    return result


def _add_attachment(result: Survey, item: Item, channel: Channel) -> None:
    url = item.get("wp:attachment_url") or item.get("guid")
    attachment = Attachment(
        id=item.id,
        url=url.strip(),
        title=item.get("title"),
        alt=item.meta.get("_wp_attachment_image_alt", ""),
        caption=item.get("excerpt:encoded"),
        parent=item.get("wp:post_parent", "0").strip(),
        mime_type=item.meta.get("_wp_attached_file_mime", "") or item.get("wp:post_mime_type"),
        site=channel.site,
        **_credit(item.meta.get("_wp_attachment_metadata", "")),
    )
    result.attachments[item.id] = attachment
    result.by_path.setdefault(url_key(attachment.url), item.id)
    if attachment.parent not in ("", "0"):
        result.children[attachment.parent].append(item.id)


def _credit(metadata: str) -> dict[str, str]:
    """`credit` and `copyright` from the attachment's serialized metadata (`image_meta`);
    none when the text is not a plain serialized array (php_values.py refuses objects)."""
    try:
        value = read_php_value(metadata) if metadata.strip() else None
    except ValueError:
        return {}
    image_meta = value.get("image_meta") if isinstance(value, dict) else None
    if not isinstance(image_meta, dict):
        return {}
    return {
        name: image_meta[name].strip()
        for name in ("credit", "copyright")
        if isinstance(image_meta.get(name), str)
    }
