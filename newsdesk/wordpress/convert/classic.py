"""Classic-editor content (and the HTML inside Gutenberg blocks) to StreamField blocks.

Shortcodes first become block tokens, a URL alone on a line becomes an embed as in
WordPress, `wpautop` makes the paragraphs explicit; then each top-level element maps to a
block: headings to subheadings, blockquotes to quotes, lone images and figures to images,
iframes to embeds, anything else to a sanitised paragraph.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from .body import TOKEN, Body, is_embeddable
from .shortcodes import attachment_id_of, expand_shortcodes
from .wpautop import wpautop

_MORE = re.compile(r"<!--more(.*?)?-->", re.IGNORECASE)
_NEXTPAGE = re.compile(r"<!--nextpage-->", re.IGNORECASE)
_LONE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)
_YOUTUBE_EMBED = re.compile(r"^(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CONTAINERS = {"div", "section", "article", "main", "header", "footer", "aside"}


def convert_classic(content: str, body: Body) -> None:
    content = expand_shortcodes(content, body)  # first: it would take the tokens for shortcodes
    content = _MORE.sub("\n\n[[newsdesk-more]]\n\n", content)
    content = _NEXTPAGE.sub("\n\n", content)
    content = _LONE_URL.sub(lambda m: _auto_embed(m.group(1), body), content)
    html = wpautop(content)
    position = 0
    for token in TOKEN.finditer(html):
        convert_html(html[position : token.start()], body)
        body.emit_token(token.group(1), token.group(2))
        position = token.end()
    convert_html(html[position:], body)


def _auto_embed(url: str, body: Body) -> str:
    if not is_embeddable(url):  # WordPress links what it cannot embed
        return f'<a href="{url}">{url}</a>'

    return body.reserve(lambda: body.embed(url))


def convert_html(html: str, body: Body) -> None:
    """Already-paragraphed HTML, one block per top-level element."""
    if not html.strip():
        return
    try:
        nodes = lxml_html.fragments_fromstring(html)
    except (etree.ParserError, ValueError):
        body.paragraph(html)
        return
    for node in nodes:
        if isinstance(node, str):
            body.paragraph(f"<p>{_escape(node)}</p>")
        else:
            convert_element(node, body)
            if node.tail and node.tail.strip():
                body.paragraph(f"<p>{_escape(node.tail)}</p>")


def convert_element(element, body: Body) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if not tag:
        return
    if tag in HEADINGS:
        body.subheading(element.text_content())
    elif tag == "blockquote":
        convert_quote(element, body)
    elif tag == "figure":
        convert_figure(element, body)
    elif tag == "img":
        image_from_element(element, body, "")
    elif tag == "iframe":
        body.embed(embed_url(element.get("src", "")))
    elif tag == "p" and _lone_image(element) is not None:
        image_from_element(_lone_image(element), body, "")
    elif tag in CONTAINERS and any(_is_block(child) for child in element):
        if element.text and element.text.strip():
            body.paragraph(f"<p>{_escape(element.text)}</p>")
        for child in element:
            convert_element(child, body)
            if child.tail and child.tail.strip():
                body.paragraph(f"<p>{_escape(child.tail)}</p>")
    else:
        body.paragraph(serialize(element))


def convert_quote(element, body: Body) -> None:
    attribution = ""
    for cite in element.findall(".//cite") + element.findall(".//footer"):
        attribution = attribution or cite.text_content()
        cite.drop_tree()
    paragraphs = [p.text_content().strip() for p in element.findall(".//p")]
    text = "\n\n".join(p for p in paragraphs if p) or element.text_content()
    body.quote(text.strip(), attribution)


def convert_figure(element, body: Body) -> None:
    caption_element = element.find(".//figcaption")
    caption = caption_element.text_content() if caption_element is not None else ""
    images = list(element.iter("img"))
    iframe = element.find(".//iframe")
    wrapper = element.find(".//div")
    quote = element.find(".//blockquote")
    if quote is not None and not images:
        convert_quote(quote, body)
    elif len(images) == 1:
        image_from_element(images[0], body, caption)
    elif iframe is not None:
        body.embed(embed_url(iframe.get("src", "")), caption)
    elif wrapper is not None and "embed" in (wrapper.get("class") or ""):
        body.embed((wrapper.text_content() or "").strip(), caption)
    elif images:
        for image in images:
            image_from_element(image, body, "")
    else:
        body.paragraph(serialize(element))


def image_from_element(img, body: Body, caption: str) -> None:
    attributes = {key.lower(): value for key, value in img.attrib.items()}
    source, alt = attributes.get("src"), attributes.get("alt", "")
    body.image(attachment_id_of(attributes), source, alt, caption)


def embed_url(src: str) -> str:
    youtube = _YOUTUBE_EMBED.match(src)
    if youtube:
        return f"https://www.youtube.com/watch?v={youtube.group(1)}"
    return "https:" + src if src.startswith("//") else src


def serialize(element) -> str:
    return lxml_html.tostring(element, encoding="unicode", with_tail=False)


def _lone_image(paragraph):
    """The image of a paragraph that holds nothing else (maybe inside a link)."""
    if paragraph.text_content().strip():
        return None
    images = list(paragraph.iter("img"))
    return images[0] if len(images) == 1 else None


def _is_block(element) -> bool:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    return tag in HEADINGS or tag in CONTAINERS or tag in {
        "p", "blockquote", "figure", "ul", "ol", "table", "pre", "img", "iframe", "hr",
    }  # fmt: skip


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
