"""Links inside imported content that point at the old site become Wagtail page links."""

import html
import re

_OPENING_A = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_HREF = re.compile(r'\shref="([^"]*)"')


def rewrite_links(fragment: str, page_for_url) -> tuple[str, bool]:
    """`fragment` with old-site links as `<a linktype="page" id="N">`.

    `page_for_url(url)` answers a page id, None for a link to the old site that cannot be
    resolved yet, or False for any other link. Returns the HTML and whether a link of the old
    site was left unresolved (so the caller can try again once every post is imported).
    """
    unresolved = False

    def replace(match):
        nonlocal unresolved
        tag = match.group(0)
        href = _HREF.search(tag)
        if href is None:
            return tag
        page_id = page_for_url(html.unescape(href.group(1)))
        if page_id is None:
            unresolved = True
        if not page_id:
            return tag
        return f'<a linktype="page" id="{int(page_id)}">'

    return _OPENING_A.sub(replace, fragment), unresolved
