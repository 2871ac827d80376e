"""Comment text is plain text: escaped, paragraphs kept, URLs linked as user content."""

import re

from django.utils.html import format_html_join, urlize
from django.utils.safestring import SafeString, mark_safe

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _linked_line(line: str) -> str:
    # urlize escapes the text itself; the only rel attributes in its output are its own,
    # since a typed `rel="nofollow"` comes out escaped as `rel=&quot;…`.
    linked = urlize(line, trim_url_limit=60, nofollow=True, autoescape=True)
    return linked.replace('rel="nofollow"', 'rel="nofollow ugc"')


def render_comment_text(text: str) -> SafeString:
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(normalized) if p.strip()]
    return format_html_join(
        "\n",
        "<p>{}</p>",
        (
            (mark_safe("<br>".join(_linked_line(line) for line in p.split("\n"))),)  # noqa: S308
            for p in paragraphs
        ),
    )
