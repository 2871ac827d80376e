"""WordPress keeps paragraphs as blank lines in post_content and adds `<p>` only on display
(its `wpautop` filter). This is the same rule: a blank line ends a paragraph, a single line
break is a `<br>`, and block-level elements are never wrapped in `<p>`."""

import re

BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|"
    "area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|"
    "hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|video|audio"
)
_OPENING_BLOCK = re.compile(rf"(<(?:{BLOCK_TAGS})[\s/>])", re.IGNORECASE)
_CLOSING_BLOCK = re.compile(rf"(</(?:{BLOCK_TAGS})>)", re.IGNORECASE)
_ANY_BLOCK_TAG = rf"</?(?:{BLOCK_TAGS})[^>]*>"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_PRE = re.compile(r"<pre[\s>].*?</pre>", re.IGNORECASE | re.DOTALL)
_PROTECT = "\x02{}\x03"


def wpautop(text: str) -> str:
    """`text` with its implicit paragraphs made explicit."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ""
    protected: list[str] = []

    def protect(match):
        protected.append(match.group(0))
        return _PROTECT.format(len(protected) - 1)

    text = _PRE.sub(protect, text)
    text = _OPENING_BLOCK.sub(r"\n\n\1", text)
    text = _CLOSING_BLOCK.sub(r"\1\n\n", text)
    chunks = [chunk.strip() for chunk in _PARAGRAPH_BREAK.split(text)]
    html = "\n".join(f"<p>{chunk}</p>" for chunk in chunks if chunk)
    html = _unwrap_blocks(html)
    html = _line_breaks(html)
    html = re.sub("<p>\\s*(\x02\\d+\x03)\\s*</p>", r"\1", html)
    for index, original in enumerate(protected):
        html = html.replace(_PROTECT.format(index), original)
    return html


def _unwrap_blocks(html: str) -> str:
    html = re.sub(r"<p>\s*</p>", "", html)
    html = re.sub(r"<p>\s*<blockquote([^>]*)>", r"<blockquote\1><p>", html, flags=re.I)
    html = re.sub(r"</blockquote>\s*</p>", "</p></blockquote>", html, flags=re.I)
    html = re.sub(rf"<p>\s*({_ANY_BLOCK_TAG})", r"\1", html, flags=re.I)
    html = re.sub(rf"({_ANY_BLOCK_TAG})\s*</p>", r"\1", html, flags=re.I)
    return re.sub(r"<p>\s*</p>", "", html)


def _line_breaks(html: str) -> str:
    # A single newline inside a paragraph is a line break; not next to a block tag.
    html = re.sub(r"(?<!<br>)\s*\n(?!\n)", "<br>\n", html)
    html = re.sub(rf"({_ANY_BLOCK_TAG})\s*<br>", r"\1", html, flags=re.I)
    before_block = r"<br>(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)"
    return re.sub(before_block, r"\1", html, flags=re.I)
