"""One allow-list for HTML that reaches an article body from outside the rich-text editor.

Wagtail's editor only produces its own features, but rich text written by code (the WordPress
import, the API, a raw-HTML block) is stored as given. Everything of that kind passes through
`clean_html` (nh3, Rust's ammonia): unknown tags are dropped with their markup but keep their
text, scripts and styles go entirely, and links may only be http(s), mailto or relative.
"""

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    # Wagtail's stored rich text names internal links by type and id.
    "a": {"href", "title", "hreflang", "linktype", "id"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "ol": {"start", "reversed"},
    "*": {"lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str) -> str:
    """`html` reduced to the allow-list: safe to store in a rich-text block and to render."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        # Editorial links open in the same tab (no target allowed): no rel needed.
        link_rel=None,
        strip_comments=True,
    )
