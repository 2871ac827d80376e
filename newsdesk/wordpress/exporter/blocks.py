"""An article body as Gutenberg block markup, which WordPress's editor opens as blocks and
newsdesk's importer maps back to the same StreamField blocks."""

from __future__ import annotations

import json
import re

from wagtail.rich_text import expand_db_html

from .xml import escape

_RELATIVE_HREF = re.compile(r'(<a\b[^>]*\shref=")(/[^"]*)"')


def block(name: str, html: str, attrs: dict | None = None) -> str:
    attributes = f" {json.dumps(attrs, ensure_ascii=False)}" if attrs else ""
    return f"<!-- wp:{name}{attributes} -->\n{html}\n<!-- /wp:{name} -->"


def paragraph_markup(value: str, base_url: str) -> str:
    html = _RELATIVE_HREF.sub(
        lambda m: f'{m.group(1)}{base_url}{m.group(2)}"', expand_db_html(value)
    )
    stripped = html.strip()
    if re.fullmatch(r"<hr\s*/?>", stripped):
        return block("separator", '<hr class="wp-block-separator has-alpha-channel-opacity"/>')
    if re.match(r"<(ul|ol)[\s>]", stripped) and stripped.count("<ul") + stripped.count("<ol") == 1:
        return block("list", stripped)
    if stripped.startswith("<p") and stripped.count("<p") == 1:
        return block("paragraph", stripped)
    return block("html", stripped)


def quote_markup(value) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value.get("text", "")) if p.strip()]
    inner = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    if value.get("attribution"):
        inner += f"<cite>{escape(value['attribution'])}</cite>"
    return block("quote", f'<blockquote class="wp-block-quote">{inner}</blockquote>')


def image_markup(value, attachment_id: int, url: str) -> str:
    alt = escape(value.get("alt_text") or "")
    caption = value.get("caption") or ""
    figcaption = f'<figcaption class="wp-element-caption">{escape(caption)}</figcaption>'
    html = (
        f'<figure class="wp-block-image"><img src="{escape(url)}" alt="{alt}" '
        f'class="wp-image-{attachment_id}"/>{figcaption if caption else ""}</figure>'
    )
    return block("image", html, {"id": attachment_id})


def embed_markup(value) -> str:
    url = value.get("embed") or ""
    caption = value.get("caption") or ""
    figcaption = f'<figcaption class="wp-element-caption">{escape(caption)}</figcaption>'
    html = (
        f'<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n{escape(url)}\n'
        f"</div>{figcaption if caption else ''}</figure>"
    )
    return block("embed", html, {"url": url})


def body_markup(raw_blocks, base_url: str, image_url, attachment_id) -> str:
    """`raw_blocks`: the StreamField's raw data; `image_url(id)`, `attachment_id(id)`."""
    parts = []
    for raw in raw_blocks:
        kind, value = raw.get("type"), raw.get("value")
        if kind == "paragraph":
            parts.append(paragraph_markup(value or "", base_url))
        elif kind == "subheading":
            parts.append(block("heading", f'<h2 class="wp-block-heading">{escape(value)}</h2>'))
        elif kind == "quote":
            parts.append(quote_markup(value or {}))
        elif kind == "image" and value and image_url(value.get("image")):
            image_id = value["image"]
            parts.append(image_markup(value, attachment_id(image_id), image_url(image_id)))
        elif kind == "embed" and value:
            parts.append(embed_markup(value))
        elif kind == "related" and value and value.get("article"):
            parts.append(f'<!-- wp:newsdesk/related {{"post":{int(value["article"])}}} /-->')
    return "\n\n".join(parts)
