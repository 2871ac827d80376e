"""WordPress shortcodes: the media ones become blocks, unknown ones stay as text and are
reported. `[[name]]` is WordPress's escape for a literal `[name]`."""

from __future__ import annotations

import re

from .body import Body, is_embeddable

_OPENING = re.compile(r"\[(\[?)([A-Za-z][\w-]*)((?:\s[^\]]*?)?)(/?)\](\]?)")
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|(\S+)"""
)
_IMG = re.compile(r"<img\s[^>]*>", re.IGNORECASE)
_IMG_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ATTACHMENT_CLASS = re.compile(r"wp-image-(\d+)")
VIDEO_SOURCES = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv")
AUDIO_SOURCES = ("src", "mp3", "m4a", "ogg", "wav", "wma", "flac")
ENCLOSING = {"caption", "wp_caption", "embed", "video", "audio"}


def parse_attributes(text: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for position, match in enumerate(_ATTRIBUTE.finditer(text)):
        name = match.group(1) or match.group(3) or match.group(5)
        if name:
            value = match.group(2) if match.group(1) else match.group(4) or match.group(6) or ""
            attributes[name.lower()] = value
        else:
            attributes[str(position)] = match.group(7) or match.group(8) or ""
    return attributes


def expand_shortcodes(text: str, body: Body) -> str:
    """`text` with media shortcodes replaced by block tokens (see `Body.reserve`)."""
    out: list[str] = []
    position = 0
    while True:
        match = _OPENING.search(text, position)
        if match is None:
            out.append(text[position:])
            return "".join(out)
        out.append(text[position : match.start()])
        escaped_open, name, attributes, _, escaped_close = match.groups()
        if escaped_open and escaped_close:  # [[gallery]] is the text "[gallery]"
            out.append(match.group(0)[1:-1])
            position = match.end()
            continue
        if escaped_close:  # "]]": not a shortcode escape, give the bracket back
            position = match.end() - 1
            out.append(match.group(0)[:-1])
            continue
        if escaped_open:
            out.append("[")
        lower = name.lower()
        handler = HANDLERS.get(lower)
        if handler is None:
            body.unknown_shortcodes[name] += 1
            out.append(match.group(0)[len(escaped_open) :])
            position = match.end()
            continue
        content, position = _enclosed(text, lower, match)
        parsed = parse_attributes(attributes)
        out.append(body.reserve(lambda h=handler, a=parsed, c=content: h(body, a, c)))


def _enclosed(text: str, name: str, match) -> tuple[str, int]:
    if name not in ENCLOSING or match.group(4):
        return "", match.end()
    closing_tag = re.compile(rf"\[/{re.escape(match.group(2))}\]", re.IGNORECASE)
    closing = closing_tag.search(text, match.end())
    if closing is None:
        return "", match.end()
    return text[match.end() : closing.start()], closing.end()


def img_attributes(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) or m.group(3) or "" for m in _IMG_ATTR.finditer(tag)}


def attachment_id_of(attributes: dict[str, str]) -> str | None:
    found = _ATTACHMENT_CLASS.search(attributes.get("class", ""))
    return found.group(1) if found else attributes.get("data-id") or None


def _caption(body: Body, attributes: dict[str, str], content: str) -> None:
    img = _IMG.search(content)
    if img is None:
        body.paragraph(content)
        return
    img_attrs = img_attributes(img.group(0))
    text = content[img.end() :]
    text = re.sub(r"^\s*</a>", "", text)
    caption = attributes.get("caption") or re.sub(r"<[^>]+>", "", text).strip()
    shortcode_id = attributes.get("id", "").removeprefix("attachment_")
    attachment = attachment_id_of(img_attrs) or shortcode_id or None
    body.image(attachment, img_attrs.get("src"), img_attrs.get("alt", ""), caption)


def _gallery(body: Body, attributes: dict[str, str], content: str) -> None:
    ids = attributes.get("ids") or attributes.get("include") or ""
    wanted = [part.strip() for part in ids.split(",") if part.strip()]
    if not wanted:
        wanted = body.context.attachments_of(attributes.get("id") or body.context.post_id)
    for attachment in wanted:
        body.image(attachment, None)


def _embed(body: Body, attributes: dict[str, str], content: str) -> None:
    body.embed((content or attributes.get("src", "")).strip())


def _media(label: str, sources: tuple[str, ...]):
    def handle(body: Body, attributes: dict[str, str], content: str) -> None:
        url = next((attributes[key] for key in sources if attributes.get(key)), "")
        if url and is_embeddable(url):
            body.embed(url)
        else:
            body.media_link(url, label)

    return handle


HANDLERS = {
    "caption": _caption,
    "wp_caption": _caption,
    "gallery": _gallery,
    "embed": _embed,
    "video": _media("Video", VIDEO_SOURCES),
    "audio": _media("Audio", AUDIO_SOURCES),
}
