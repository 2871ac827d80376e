"""Comment text is plain text: escaped, paragraphs kept, URLs linked as user content.

A comment imported with markup (WordPress allows a few tags in comments) also keeps that
markup, cleaned to WordPress's comment allow-list, in `Comment.body_html`, shown instead.
"""

import re

import nh3
from django.utils.html import format_html_join, urlize
from django.utils.safestring import SafeString, mark_safe

from newsdesk.articles.sanitize import URL_SCHEMES

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


# -- comments imported with markup (the WordPress import) ----------------------------------
# What WordPress keeps in a comment (its `$allowedtags`), plus paragraphs and line breaks.
COMMENT_TAGS = {
    "a", "abbr", "acronym", "b", "blockquote", "br", "cite", "code", "del", "em", "i", "p",
    "q", "s", "strike", "strong",
}  # fmt: skip
COMMENT_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "acronym": {"title"},
    "blockquote": {"cite"},
    "del": {"datetime"},
    "q": {"cite"},
}


def clean_comment_html(html: str) -> str:
    """Comment HTML reduced to WordPress's comment allow-list with the project's nh3 rules
    (newsdesk.articles.sanitize): other tags go with their markup and keep their text,
    scripts entirely; links only http(s), mailto or relative, marked as user content."""
    return nh3.clean(
        html or "",
        tags=COMMENT_TAGS,
        attributes=COMMENT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc",
        strip_comments=True,
    )


def render_comment_html(html: str) -> SafeString:
    """Stored comment HTML, cleaned again on the way out, with WordPress's display rule for
    text that has no paragraphs of its own: a blank line is a paragraph, a newline a break."""
    cleaned = clean_comment_html(html).replace("\r\n", "\n").replace("\r", "\n").strip()
    if "<p>" in cleaned or "<p " in cleaned:
        return mark_safe(cleaned)  # noqa: S308 - nh3 output
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(cleaned) if p.strip()]
    return mark_safe(  # noqa: S308 - nh3 output, only tags added
        "\n".join("<p>" + p.replace("\n", "<br>") + "</p>" for p in paragraphs)
    )
