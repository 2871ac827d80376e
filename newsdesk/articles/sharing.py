"""Share links at the end of an article: plain links to the networks' own share pages and a
mailto: link. No third-party script, no tracking parameters: the reader's browser goes to
the network only when the reader clicks.

    share_links("Harbour budget passes", "https://news.example/politics/harbour/")
    # [ShareLink("email", "Email", "mailto:?subject=Harbour%20budget..."), ...]
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import quote, urlencode

from newsdesk.ui import ui_string


class ShareLink(NamedTuple):
    key: str
    label: str
    href: str


# The networks' documented share URLs: (key, label, base, the query's names for url and title).
NETWORKS = [
    ("bluesky", "Bluesky", "https://bsky.app/intent/compose", None, "text"),
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php", "u", None),
    ("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/", "url", None),
    ("x", "X", "https://x.com/intent/post", "url", "text"),
]


def share_links(title: str, url: str) -> list[ShareLink]:
    subject = ui_string("share_email_subject", title=title)
    mail = f"mailto:?subject={quote(subject)}&body={quote(url)}"
    links = [ShareLink("email", ui_string("share_email"), mail)]
    for key, label, base, url_name, text_name in NETWORKS:
        query = {}
        if url_name:
            query[url_name] = url
        if text_name:
            query[text_name] = title if url_name else f"{title} {url}"
        links.append(ShareLink(key, label, f"{base}?{urlencode(query, quote_via=quote)}"))
    return links
