"""Helpers for the search tests."""

import re

HEADLINE = re.compile(r'<h2 class="item-headline"><a href="[^"]+">(.*?)</a></h2>', re.S)
SNIPPET = re.compile(r'<p class="search-snippet">(.*?)</p>', re.S)
TAG = re.compile(r"<[^>]+>")


def paragraphs(*texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def search_page(client, q=None, **params):
    if q is not None:
        params = {"q": q, **params}
    response = client.get("/search/", params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def headlines(html: str) -> list[str]:
    """The headlines of the results, in order, without their <mark>s."""
    return [TAG.sub("", headline) for headline in HEADLINE.findall(html)]


def found(client, q, **params) -> list[str]:
    return headlines(search_page(client, q, **params))


def snippets(html: str) -> list[str]:
    return SNIPPET.findall(html)
