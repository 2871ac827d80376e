"""Streaming reader of WordPress eXtended RSS (WXR 1.0, 1.1, 1.2), plain or gzip-compressed.

`read_wxr(path)` yields a `Channel` first, then `Author`, `Term` and `Item` records in file
order. Each element is dropped from memory once read, so a export of any size is read in
bounded memory. Term and author names are HTML-unescaped (WordPress stores `&amp;` in
them). Entities are not expanded beyond XML's own five and nothing is fetched from
the network. A file that is not well-formed raises `WXRError` with the file, line and reason.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape

from lxml import etree

GZIP_MAGIC = b"\x1f\x8b"
WXR_VERSIONS = ("1.0", "1.1", "1.2")
# Every namespace WordPress and WordPress.com have written, without scheme and trailing
# slash: WordPress writes `http://`, WordPress.com `https://`, both are accepted.
NAMESPACE_PREFIXES = {
    **{f"wordpress.org/export/{version}": "wp" for version in WXR_VERSIONS},
    **{f"wordpress.org/export/{version}/excerpt": "excerpt" for version in WXR_VERSIONS},
    "purl.org/rss/1.0/modules/content": "content",
    "purl.org/dc/elements/1.1": "dc",
    "wellformedweb.org/CommentAPI": "wfw",
}
WP_NAMESPACE_FAMILY = "wordpress.org/export/"
CHANNEL_FIELDS = {"title", "link", "description", "wp:base_site_url", "wp:base_blog_url"}


class WXRError(Exception):
    """The export cannot be read; says where and why."""

    def __init__(self, path, line, reason):
        self.path, self.line, self.reason = str(path), line, reason
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {reason}")


@dataclass
class Channel:
    path: str
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    version: str = ""

    @property
    def site(self) -> str:
        """The site's identity: its base URL without a trailing slash."""
        return (self.base_blog_url or self.base_site_url or self.link).rstrip("/")


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    id: str = ""


@dataclass
class Term:
    """A category, tag or other taxonomy term of the channel."""

    taxonomy: str  # "category", "post_tag" or a custom taxonomy
    slug: str
    name: str
    parent: str = ""
    description: str = ""
    id: str = ""


@dataclass
class Item:
    """A post, page, attachment, menu item or other post type, as written in the export."""

    fields: dict[str, str]
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # domain, slug, name
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[dict] = field(default_factory=list)
    line: int | None = None

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name) or default

    @property
    def id(self) -> str:
        return self.get("wp:post_id").strip()

    @property
    def post_type(self) -> str:
        return self.get("wp:post_type", "post").strip()

    @property
    def status(self) -> str:
        return self.get("wp:status", "publish").strip()


class UnknownNamespace(ValueError):
    """A namespace under wordpress.org/export/ that no WordPress has written."""


def namespace_key(namespace: str) -> str:
    """`https://wordpress.org/export/1.2/` -> `wordpress.org/export/1.2`."""
    return namespace.strip().removeprefix("https://").removeprefix("http://").rstrip("/")


def short_name(tag) -> str:
    """`{http://wordpress.org/export/1.2/}post_id` -> `wp:post_id`, whatever the WXR version
    and scheme. Raises `UnknownNamespace` for an unknown wordpress.org/export/ namespace."""
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return _short_name(tag)


# A file has a few dozen distinct tags, read a million times at 20,000 posts.
@functools.lru_cache(maxsize=1024)
def _short_name(tag: str) -> str:
    if not tag.startswith("{"):
        return tag
    namespace, _, local = tag[1:].partition("}")
    key = namespace_key(namespace)
    prefix = NAMESPACE_PREFIXES.get(key)
    if prefix is None and key.startswith(WP_NAMESPACE_FAMILY):
        raise UnknownNamespace(namespace)
    return f"{prefix}:{local}" if prefix else local


def _unknown(path, element, namespace: str) -> WXRError:
    return WXRError(path, element.sourceline, f"unknown WXR namespace {namespace}")


def _check_namespaces(root, path) -> None:
    """The namespaces the root declares: an unknown WXR one stops the read, naming it."""
    for namespace in root.nsmap.values():
        key = namespace_key(namespace)
        if key not in NAMESPACE_PREFIXES and key.startswith(WP_NAMESPACE_FAMILY):
            raise _unknown(path, root, namespace)


def _element_name(element, path) -> str:
    try:
        return short_name(element.tag)
    except UnknownNamespace as error:
        raise _unknown(path, element, str(error)) from None


def open_export(path):
    """The file as a binary stream, decompressed if it starts with gzip's magic bytes."""
    with open(path, "rb") as probe:
        magic = probe.read(2)
    return gzip.open(path, "rb") if magic == GZIP_MAGIC else open(path, "rb")


def _children(element) -> dict[str, str]:
    return {short_name(child.tag): child.text or "" for child in element}


def _parse_term(element, name: str) -> Term:
    values = _children(element)
    if name == "wp:category":
        return Term(
            "category",
            values.get("wp:category_nicename", ""),
            unescape(values.get("wp:cat_name", "")),
            values.get("wp:category_parent", ""),
            values.get("wp:category_description", ""),
            values.get("wp:term_id", ""),
        )
    if name == "wp:tag":
        return Term(
            "post_tag",
            values.get("wp:tag_slug", ""),
            unescape(values.get("wp:tag_name", "")),
            "",
            values.get("wp:tag_description", ""),
            values.get("wp:term_id", ""),
        )
    return Term(
        values.get("wp:term_taxonomy", ""),
        values.get("wp:term_slug", ""),
        unescape(values.get("wp:term_name", "")),
        values.get("wp:term_parent", ""),
        values.get("wp:term_description", ""),
        values.get("wp:term_id", ""),
    )


def _parse_author(element) -> Author:
    values = _children(element)
    return Author(
        login=values.get("wp:author_login", ""),
        email=values.get("wp:author_email", ""),
        display_name=unescape(values.get("wp:author_display_name", "")),
        first_name=values.get("wp:author_first_name", ""),
        last_name=values.get("wp:author_last_name", ""),
        id=values.get("wp:author_id", ""),
    )


def _meta_pair(element, key_name: str, value_name: str) -> tuple[str, str]:
    values = _children(element)
    return values.get(key_name, ""), values.get(value_name, "")


def _parse_comment(element) -> dict:
    comment = {}
    meta = {}
    for child in element:
        name = short_name(child.tag)
        if name == "wp:commentmeta":
            key, value = _meta_pair(child, "wp:meta_key", "wp:meta_value")
            meta[key] = value
        elif name:
            comment[name] = child.text or ""
    comment["meta"] = meta
    return comment


def _parse_item(element) -> Item:
    item = Item(fields={}, line=element.sourceline)
    for child in element:
        name = short_name(child.tag)
        if name == "category":
            item.categories.append(
                (child.get("domain", ""), child.get("nicename", ""), unescape(child.text or ""))
            )
        elif name == "wp:postmeta":
            key, value = _meta_pair(child, "wp:meta_key", "wp:meta_value")
            item.meta[key] = value
        elif name == "wp:comment":
            item.comments.append(_parse_comment(child))
        elif name:
            item.fields[name] = child.text or ""
    return item


def _release(element) -> None:
    """Free a read element and the already-read siblings before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def read_wxr(path) -> Iterator[Channel | Author | Term | Item]:
    channel = Channel(path=str(path))
    channel_sent = False
    try:
        with open_export(path) as stream:
            events = etree.iterparse(
                stream,
                events=("start", "end"),
                huge_tree=True,
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                remove_comments=True,
            )
            root_checked = False
            for event, element in events:
                name = _element_name(element, path)
                if not root_checked:
                    root_checked = True
                    _check_namespaces(element, path)
                    if name != "rss":
                        raise WXRError(path, element.sourceline, "not a WXR file (no <rss> root)")
                if event == "start":
                    continue
                parent = element.getparent()
                parent_name = short_name(parent.tag) if parent is not None else ""
                if parent_name == "channel" and name in CHANNEL_FIELDS:
                    setattr(channel, name.removeprefix("wp:"), (element.text or "").strip())
                    continue
                if parent_name == "channel" and name == "wp:wxr_version":
                    channel.version = (element.text or "").strip()
                    continue
                if parent_name != "channel" or name not in RECORD_PARSERS:
                    continue
                if not channel_sent:
                    channel_sent = True
                    yield _checked(channel, path, element.sourceline)
                yield RECORD_PARSERS[name](element)
                _release(element)
    except etree.XMLSyntaxError as error:
        raise WXRError(path, error.lineno, error.msg) from error
    except (OSError, EOFError) as error:  # unreadable file or truncated gzip
        raise WXRError(path, None, str(error)) from error
    if not channel_sent:
        yield _checked(channel, path, None)


def _checked(channel: Channel, path, line) -> Channel:
    if not channel.version:
        raise WXRError(path, line, "no <wp:wxr_version>: not a WordPress export")
    return channel


RECORD_PARSERS = {
    "item": _parse_item,
    "wp:author": _parse_author,
    "wp:category": lambda element: _parse_term(element, "wp:category"),
    "wp:tag": lambda element: _parse_term(element, "wp:tag"),
    "wp:term": lambda element: _parse_term(element, "wp:term"),
}
