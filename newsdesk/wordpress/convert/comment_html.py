"""A WordPress comment's content as newsdesk keeps it: plain text, and its markup if any.

WordPress stores a comment as typed, with the few tags its comment allow-list keeps (links,
emphasis, code, quotes...) and newlines that its display turns into paragraphs and line
breaks. Here the plain text (`Comment.body`) keeps each `<br>` as a newline and each
paragraph as a blank line, so no words are glued together; a comment that has markup beyond
paragraphs and breaks also keeps it, cleaned by `newsdesk.comments.text.clean_comment_html`,
as `Comment.body_html`. Escaped tag-like text (`use the &lt;strike&gt; instead`) is text, in
both forms. `wxr_comment_content` is the reverse, for the export.
"""

from __future__ import annotations

import html
import re

import nh3

from newsdesk.comments.text import clean_comment_html

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PARAGRAPH_END = re.compile(r"</p\s*>", re.IGNORECASE)
_PARAGRAPH_START = re.compile(r"<p(\s[^>]*)?>", re.IGNORECASE)
_MARKUP = re.compile(r"<(?!/?(?:p|br)\b)[a-z]", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n(\s*\n)*")


def plain_text(content: str) -> str:
    """The comment without markup: `<br>` a newline, a paragraph a blank line."""
    text = _BREAK.sub("\n", content or "")
    text = _PARAGRAPH_START.sub("", _PARAGRAPH_END.sub("\n\n", text))
    text = html.unescape(nh3.clean(text, tags=set()))
    return _BLANK_LINES.sub("\n\n", text.replace("\r\n", "\n")).strip()


def comment_bodies(content: str) -> tuple[str, str]:
    """(plain text, cleaned HTML or "" when the comment has no markup to keep)."""
    cleaned = clean_comment_html(content).strip()
    return plain_text(content), cleaned if _MARKUP.search(cleaned) else ""


def wxr_comment_content(body: str, body_html: str = "") -> str:
    """What the export writes as `wp:comment_content`: the kept markup, or the plain text
    escaped (so `<strike>` typed as text comes back as text) with its newlines."""
    return body_html or html.escape(body, quote=False)
