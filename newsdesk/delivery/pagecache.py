"""Rendered pages kept as bytes, and the bounded per-process store that holds them.

An article is kept as the fragments around its live parts, which the hot path fills in per
response: the counter line (the region `{% live_counter page %}` marks, live.py) and every
comment-form token (the value of the field `name="form_token"`, comments/tokens.py). Reader
input is escaped on the page and rich text loses its comments to the sanitiser, so no marker
can be forged by a comment or an editor. The other live parts (live.py: "Most read") are
regions between the same comment markers, on articles and listings alike; a listing without
any is kept whole.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.http import http_date

from . import frontend_cache, live

ARTICLE = "article"
LISTING = "listing"
COUNTER = "counter"
TOKEN = "token"

_TOKEN_OPEN = b'name="form_token" value="'
_TOKEN_CLOSE = b'"'
# A page that shows one of these was made for one visitor and is never kept.
# A form token, or Wagtail's user bar (an editor's page: only shown to a signed-in editor).
_PERSONAL_MARKERS = (b"csrfmiddlewaretoken", b"<wagtail-userbar")
# Headers Django set that the cache sets itself, or that must not be replayed.
_DROPPED_HEADERS = {"content-length", "cache-control", "etag", "last-modified", "expires"}

HTML = ("text/html",)
# Listings, and the feeds and sitemaps marked by newsdesk.delivery.marking.kept_whole.
KEEPABLE_TYPES = (*HTML, "application/rss+xml", "application/atom+xml", "application/xml")

# Articles change with every view (the counter): a shared cache must ask each time. Listings
# carry validators, so revalidation is a cheap 304 until something is published; with a
# purged CDN in front they are kept there too (frontend_cache.listing_cache_control).
ARTICLE_CACHE_CONTROL = "no-cache"

# (host, scheme, forwarded scheme, path, query): see hotpath.HotPath.cache_key.
CacheKey = tuple[str, ...]
Headers = tuple[tuple[str, str], ...]
Span = tuple[int, int, str]  # (start, end, slot)


@dataclass(frozen=True, slots=True)
class CachedPage:
    kind: str
    page_id: int
    fragments: tuple[bytes, ...]  # static parts; between two of them goes slots[i]
    slots: tuple[str, ...]
    headers: Headers  # without Content-Length
    etag: str
    rendered_at: float
    size: int
    stamp: bytes = b""  # the generation it was rendered under
    # The slots of live parts, found once: every answer of the page asks for them.
    live_slots: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        live = tuple(slot for slot in self.slots if slot.startswith("live:"))
        object.__setattr__(self, "live_slots", live)

    @property
    def body(self) -> bytes:
        """A listing's whole body, when it has no live parts."""
        return self.fragments[0]

    def assemble(self, values: dict[str, bytes]) -> bytes:
        parts = [self.fragments[0]]
        for slot, fragment in zip(self.slots, self.fragments[1:], strict=True):
            parts.append(values[slot])
            parts.append(fragment)
        return b"".join(parts)


def _token_spans(body: bytes) -> list[Span]:
    """(start, end, slot) of each comment-form token's value."""
    spans: list[Span] = []
    position = body.find(_TOKEN_OPEN)
    while position >= 0:
        start = position + len(_TOKEN_OPEN)
        end = body.index(_TOKEN_CLOSE, start)
        spans.append((start, end, TOKEN))
        position = body.find(_TOKEN_OPEN, end)
    return spans


def _live_part_spans(body: bytes) -> list[Span]:
    """(start, end, slot) of each live part's content (live.py), between its markers; the
    counter's slot is COUNTER."""
    spans: list[Span] = []
    position = body.find(live.OPEN)
    while position >= 0:
        name_end = body.find(b"-->", position)
        close = body.find(live.CLOSE, name_end)
        if name_end < 0 or close < 0:
            raise ValueError("a live part without its end marker")
        label = body[position + len(live.OPEN) : name_end].decode("ascii", "replace")
        name, _, key = label.partition(":")
        slot = COUNTER if name == live.COUNTER else live.slot_name(name, key)
        spans.append((name_end + 3, close, slot))
        position = body.find(live.OPEN, close)
    return spans


def _split(body: bytes, spans: Iterable[Span]) -> tuple[tuple[bytes, ...], tuple[str, ...]]:
    fragments: list[bytes] = []
    slots: list[str] = []
    position = 0
    for start, end, slot in spans:
        if start < position:
            raise ValueError("overlapping live parts")
        fragments.append(body[position:start])
        slots.append(slot)
        position = end
    fragments.append(body[position:])
    return tuple(fragments), tuple(slots)


def is_personal(headers: Iterable[tuple[str, str]], body: bytes) -> bool:
    """Does the response set a cookie or carry something made for this visitor only?"""
    if any(name.lower() == "set-cookie" for name, _ in headers):
        return True
    return any(marker in body for marker in _PERSONAL_MARKERS)


def build_cached_page(
    kind: str,
    page_id: int,
    headers: Sequence[tuple[str, str]],
    body: bytes,
    now: float,
    stamp: bytes = b"",
) -> CachedPage | None:
    """A CachedPage from Django's 200 answer, or None if it must not be kept."""
    if is_personal(headers, body):
        return None
    types = HTML if kind == ARTICLE else KEEPABLE_TYPES
    if not any(n.lower() == "content-type" and v.startswith(types) for n, v in headers):
        return None
    if any(n.lower() == "content-encoding" for n, _ in headers):
        return None  # compressed for one client's Accept-Encoding: not for every client
    try:
        parts = _live_part_spans(body)
        if kind == ARTICLE:
            if not any(slot == COUNTER for _, _, slot in parts):
                return None  # no counter to fill in: Django answers it every time
            fragments, slots = _split(body, sorted(parts + _token_spans(body)))
            cache_control = ARTICLE_CACHE_CONTROL
        else:
            fragments, slots = _split(body, parts)
            cache_control = frontend_cache.listing_cache_control()
    except ValueError:
        return None  # markers out of place: serve it, but never keep it
    kept = [(n, v) for n, v in headers if n.lower() not in _DROPPED_HEADERS]
    kept.append(("Cache-Control", cache_control))
    etag = ""
    if kind == LISTING:
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        kept += [("ETag", etag), ("Last-Modified", http_date(now))]
    return CachedPage(
        kind=kind,
        page_id=page_id,
        fragments=fragments,
        slots=slots,
        headers=tuple(kept),
        etag=etag,
        rendered_at=now,
        size=len(body),
        stamp=stamp,
    )


class PageCache:
    """Least-recently-used pages up to `max_bytes` of bodies; safe across a worker's threads."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[CacheKey, CachedPage] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: CacheKey) -> CachedPage | None:
        entry = self._entries.get(key)
        if entry is not None:
            with self._lock:
                if key in self._entries:
                    self._entries.move_to_end(key)
        return entry

    def put(self, key: CacheKey, entry: CachedPage) -> None:
        if entry.size > self.max_bytes // 4:
            return  # one huge page must not push out everything else
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._entries[key] = entry
            self._bytes += entry.size
            while self._bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= evicted.size

    def clear(self) -> None:
        with self._lock:
            self._entries = OrderedDict()
            self._bytes = 0
