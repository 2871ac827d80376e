"""Gutenberg (block editor) content: `<!-- wp:name {attrs} -->html<!-- /wp:name -->`.

Each block maps to StreamField blocks by name; containers (columns, group, ...) give their
inner blocks; a block this module does not know keeps its HTML (sanitised) and is reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from .body import Body
from .classic import convert_classic, convert_element, convert_html, image_from_element

_DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{(?:(?!-->).)*?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)
CONTAINERS = {
    "core/columns", "core/column", "core/group", "core/cover", "core/media-text", "core/row",
    "core/stack", "core/buttons", "core/details",
}  # fmt: skip
FREEFORM = {None, "core/freeform", "core/html", "core/more", "core/shortcode", "core/nextpage"}


@dataclass
class Block:
    name: str | None  # None for HTML between blocks
    attrs: dict = field(default_factory=dict)
    html: str = ""


def has_blocks(content: str) -> bool:
    return "<!-- wp:" in content


def parse_blocks(content: str) -> list[Block]:
    """The top-level blocks of `content`, inner blocks left inside each block's HTML."""
    blocks: list[Block] = []
    stack: list[tuple[str, dict, int]] = []
    position = 0
    for match in _DELIMITER.finditer(content):
        name = _full_name(match.group("name"))
        if match.group("closer"):
            if stack and stack[-1][0] == name:
                opened_name, attrs, start = stack.pop()
                if not stack:
                    blocks.append(Block(opened_name, attrs, content[start : match.start()]))
                    position = match.end()
            continue
        if not stack:
            _freeform(content[position : match.start()], blocks)
            position = match.end()
        if match.group("void"):
            if not stack:
                blocks.append(Block(name, _attrs(match.group("attrs"))))
            continue
        stack.append((name, _attrs(match.group("attrs")), match.end()))
    if stack:  # an unclosed block runs to the end
        name, attrs, start = stack[0]
        blocks.append(Block(name, attrs, content[start:]))
    else:
        _freeform(content[position:], blocks)
    return blocks


def _freeform(html: str, blocks: list[Block]) -> None:
    if html.strip():
        blocks.append(Block(None, {}, html))


def _full_name(name: str) -> str:
    return name if "/" in name else f"core/{name}"


def _attrs(text: str | None) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def strip_delimiters(html: str) -> str:
    return _DELIMITER.sub("", html)


def convert_blocks(content: str, body: Body) -> None:
    for block in parse_blocks(content):
        convert_block(block, body)


def convert_block(block: Block, body: Body) -> None:
    name = block.name
    handler = HANDLERS.get(name)
    if handler is not None:
        handler(block, body)
    elif name in FREEFORM:
        convert_classic(block.html, body)
    elif name in CONTAINERS or name.startswith("core-embed/"):
        (_embed if name.startswith("core-embed/") else _container)(block, body)
    else:
        body.unknown_blocks[name] += 1
        if has_blocks(block.html):
            _container(block, body)
        else:
            convert_html(block.html, body)


def _container(block: Block, body: Body) -> None:
    for inner in parse_blocks(block.html):
        if inner.name is None:
            convert_html(inner.html, body)  # the container's own wrapper markup
        else:
            convert_block(inner, body)


def _elements(html: str) -> list:
    try:
        return [n for n in lxml_html.fragments_fromstring(html.strip()) if not isinstance(n, str)]
    except (etree.ParserError, ValueError):
        return []


def _paragraph(block: Block, body: Body) -> None:
    body.paragraph(block.html.strip())


def _list(block: Block, body: Body) -> None:
    body.paragraph(strip_delimiters(block.html).strip())


def _heading(block: Block, body: Body) -> None:
    for element in _elements(block.html):
        body.subheading(element.text_content())


def _by_element(block: Block, body: Body) -> None:
    for element in _elements(strip_delimiters(block.html)):
        convert_element(element, body)


def _image(block: Block, body: Body) -> None:
    for element in _elements(block.html):
        images = list(element.iter("img"))
        if not images:
            continue
        caption = element.find(".//figcaption")
        attachment = block.attrs.get("id")
        img = images[0]
        if attachment:
            img.set("data-id", str(attachment))
        image_from_element(img, body, caption.text_content() if caption is not None else "")


def _gallery(block: Block, body: Body) -> None:
    for element in _elements(strip_delimiters(block.html)):
        for img in element.iter("img"):
            figure = img.getparent()
            while figure is not None and figure.tag != "figure":
                figure = figure.getparent()
            caption = figure.find("figcaption") if figure is not None else None
            image_from_element(img, body, caption.text_content() if caption is not None else "")


def _embed(block: Block, body: Body) -> None:
    url = block.attrs.get("url", "")
    caption = ""
    for element in _elements(block.html):
        found = element.find(".//figcaption")
        if found is not None:
            caption = found.text_content()
        if not url:
            words = element.text_content().split()
            url = words[0] if words else ""
    body.embed(url, caption.strip())


def _media(label: str, tag: str):
    def handle(block: Block, body: Body) -> None:
        for element in _elements(block.html):
            media = element if element.tag == tag else element.find(f".//{tag}")
            if media is not None:
                body.media_link(media.get("src", ""), label)

    return handle


def _separator(block: Block, body: Body) -> None:
    body.paragraph("<hr>")


def _related(block: Block, body: Body) -> None:
    post = block.attrs.get("post")
    if post:
        body.related(str(post))


HANDLERS = {
    "core/paragraph": _paragraph,
    "core/heading": _heading,
    "core/list": _list,
    "core/quote": _by_element,
    "core/pullquote": _by_element,
    "core/table": _list,
    "core/preformatted": _list,
    "core/code": _list,
    "core/verse": _list,
    "core/image": _image,
    "core/gallery": _gallery,
    "core/embed": _embed,
    "core/video": _media("Video", "video"),
    "core/audio": _media("Audio", "audio"),
    "core/separator": _separator,
    "newsdesk/related": _related,
}
