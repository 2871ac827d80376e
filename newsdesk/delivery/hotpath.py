"""The hot path: a thin WSGI layer in front of Django that answers anonymous GETs of article
and listing pages from memory (see docs/hot-path.md).

    application = HotPath(get_wsgi_application())   # newsdesk/wsgi.py

A request qualifies when it is a GET or HEAD without a session cookie or Authorization
header, whose query string is empty or only names a listing page (`page=N`) and tracking
tags (`utm_*`, `fbclid`, ...). A qualifying request that finds no page in this worker's cache
goes to Django as usual; if Django answers 200 for an article or listing page (marked by the
`on_serve_page` hook in wagtail_hooks.py) with nothing personal in it, the answer is kept. A
hit on an article counts the view and splices the counter line and a fresh comment-form
token into the kept fragments; a hit on a listing is answered whole, or with a 304.
Everything else passes straight through to Django.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable, Iterable
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from django.conf import settings
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.http import http_date

from newsdesk.comments.tokens import issue_form_token
from newsdesk.pageviews import counting
from newsdesk.pageviews.filters import is_countable_environ

from . import compression, live
from .generation import Generation
from .live import LiveParts
from .pagecache import (
    ARTICLE,
    COUNTER,
    LISTING,
    TOKEN,
    CachedPage,
    CacheKey,
    Headers,
    PageCache,
    build_cached_page,
)

if TYPE_CHECKING:
    from _typeshed import OptExcInfo

logger = logging.getLogger(__name__)

# Set in the environ by the hot path on a request it could keep the answer of, and by the
# on_serve_page hook to name the page that answered it: (kind, page id).
CANDIDATE = "newsdesk.hotpath.candidate"
PAGE = "newsdesk.hotpath.page"
CACHE_HEADER = "X-Newsdesk-Cache"
WORKER_HEADER = "X-Newsdesk-Worker"

# Query parameters that change nothing on the page (campaign tags), so they are ignored.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = {
    "fbclid",
    "gclid",
    "gbraid",
    "wbraid",
    "dclid",
    "msclkid",
    "twclid",
    "igshid",
    "yclid",
    "mc_cid",
    "mc_eid",
}
# How far a listing's Last-Modified must lie after this worker saw the generation change
# before If-Modified-Since may be answered with a 304: more than any node's polling delay,
# so no older copy rendered elsewhere can carry the same second.
LAST_MODIFIED_MARGIN = 2.0
# Listings with live parts whose answer a worker keeps made (about 15 KB each).
LISTINGS_KEPT = 256
# The longest query string of a page keyed by its query (search) that is kept.
QUERY_KEY_MAX_LENGTH = 512


def cache_key_query(query: str) -> str | None:
    """The part of a query string that selects the page (`page=N`), '' if none, or None if
    the query asks for something the cache must not answer (`?replytocom=`, previews...)."""
    kept = ""
    for pair in query.split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        # `page` numbers listing pages, `p` sitemap files.
        if name in ("page", "p") and value.isascii() and value.isdigit() and len(value) <= 6:
            if kept:
                return None
            kept = f"{name}={value}"
        elif not (name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)):
            return None
    return kept


def query_page_key(query: str) -> str | None:
    """The query string of a page whose whole query selects the answer (search results:
    NEWSDESK_HOTPATH_QUERY_PAGES), without campaign tags; None if too long to keep."""
    if len(query) > QUERY_KEY_MAX_LENGTH:
        return None
    kept = []
    for pair in query.split("&"):
        name = pair.partition("=")[0]
        if pair and name not in TRACKING_PARAMETERS and not name.startswith(TRACKING_PREFIXES):
            kept.append(pair)
    return "&".join(kept)


def _query_page_paths() -> frozenset[str]:
    """The paths of the URL names in NEWSDESK_HOTPATH_QUERY_PAGES."""
    paths = set()
    for name in getattr(settings, "NEWSDESK_HOTPATH_QUERY_PAGES", ()):
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            logger.warning("NEWSDESK_HOTPATH_QUERY_PAGES: no URL named %r", name)
    return frozenset(paths)


def _naming_the_worker(start_response: StartResponse) -> StartResponse:
    def start_response_with_pid(
        status: str, headers: list[tuple[str, str]], exc_info: OptExcInfo | None = None
    ) -> Callable[[bytes], object]:
        return start_response(status, [*headers, (WORKER_HEADER, str(os.getpid()))], exc_info)

    return start_response_with_pid


def _with_validators(headers: Headers, etag: str, modified: float) -> Headers:
    """A listing's headers with this response's ETag and Last-Modified (its live parts)."""
    replaced = {"etag": etag, "last-modified": http_date(modified)}
    return tuple((n, replaced.get(n.lower(), v)) for n, v in headers)


def _reject_write(data: bytes) -> None:
    raise RuntimeError("the hot path does not support WSGI write()")


class HotPath:
    def __init__(self, application: WSGIApplication, refresh_in_background: bool = False) -> None:
        """`refresh_in_background`: a thread per worker keeps the live parts fresh (the
        server's entry point asks for it; a test calls `live.refresh()` itself)."""
        self.application = application
        self.enabled = getattr(settings, "NEWSDESK_HOTPATH", True)
        self.live = LiveParts(refresh_in_background)
        self.cache = PageCache(getattr(settings, "NEWSDESK_HOTPATH_CACHE_MB", 48) * 2**20)
        # Pages keyed by their whole query (search results) in a store of their own: readers
        # asking ever new questions must not push the articles and listings out.
        self.query_pages = _query_page_paths()
        self.query_cache = PageCache(
            getattr(settings, "NEWSDESK_HOTPATH_QUERY_CACHE_MB", 8) * 2**20
        )
        # id(cached listing) -> (it, live generation, its answer): _listing_with_live_parts
        self._listings: dict[int, tuple] = {}
        # id(a listing's body) -> its answers with and without gzip: _encodings
        self._encoded: dict[int, compression.Encodings] = {}
        self._session_cookie = settings.SESSION_COOKIE_NAME + "="
        self._generation: Generation | None = None
        self._stamp: bytes | None = None
        self._stamp_seen_at = 0.0
        self._worker_header = getattr(settings, "NEWSDESK_HOTPATH_WORKER_HEADER", False)
        # A forked worker starts over: its own mapping, Redis thread and empty cache.
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        self._generation = None
        self._stamp = None
        self.cache.clear()
        self.query_cache.clear()
        self._listings = {}
        self._encoded = {}

    # -- which requests -------------------------------------------------------------------

    def cache_key(self, environ: WSGIEnvironment) -> CacheKey | None:
        method = environ["REQUEST_METHOD"]
        if method != "GET" and method != "HEAD":
            return None
        cookie = environ.get("HTTP_COOKIE")
        if cookie and self._session_cookie in cookie:
            return None  # an editor (or a password-restricted page's visitor)
        host = environ.get("HTTP_HOST")
        if not host or "HTTP_AUTHORIZATION" in environ:
            return None
        path = environ.get("PATH_INFO", "")
        query = environ.get("QUERY_STRING", "")
        if query:
            by_query = path in self.query_pages
            query = query_page_key(query) if by_query else cache_key_query(query)
            if query is None:
                return None
        return (
            host,
            environ.get("wsgi.url_scheme", ""),
            environ.get("HTTP_X_FORWARDED_PROTO", ""),
            path,
            query,
        )

    def cache_for(self, key: CacheKey) -> PageCache:
        return self.query_cache if key[3] in self.query_pages else self.cache

    def current_stamp(self) -> bytes | None:
        """This worker's view of the generation; drops the cache when it has changed."""
        if self._generation is None:
            try:
                self._generation = Generation()
            except OSError as error:  # a read-only var directory (said at start)
                logger.warning("The hot path is off: no page-cache generation (%s)", error)
                self.enabled = False
                return None
            except Exception:
                logger.exception("The hot path is off: no page-cache generation to follow")
                self.enabled = False
                return None
        stamp = self._generation.stamp()
        if stamp is not None and stamp != self._stamp:
            self.cache.clear()
            self.query_cache.clear()
            self.live.clear()
            self._stamp = stamp
            self._stamp_seen_at = time.time()
        return stamp

    # -- the WSGI entry point -------------------------------------------------------------

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if self._worker_header:
            start_response = _naming_the_worker(start_response)
        key = self.cache_key(environ) if self.enabled else None
        if key is None:
            return self.application(environ, start_response)
        stamp = self.current_stamp()
        if stamp is None:
            return self.application(environ, start_response)
        entry = self.cache_for(key).get(key)
        # The stamp check closes the gap between a worker's "nothing changed" check and its
        # storing of a page: a page rendered under an older generation is never answered.
        if entry is not None and entry.stamp == stamp:
            return self._answer(entry, environ, start_response, "hit")
        return self._fill(key, stamp, environ, start_response)

    # -- answering from memory ------------------------------------------------------------

    def _answer(
        self,
        entry: CachedPage,
        environ: WSGIEnvironment,
        start_response: StartResponse,
        label: str,
        body: bytes | None = None,
    ) -> list[bytes]:
        head = environ["REQUEST_METHOD"] == "HEAD"
        headers = entry.headers
        if entry.kind == LISTING:
            if entry.live_slots:
                etag, modified, headers, body = self._listing_with_live_parts(entry)
            else:
                etag, modified, body = entry.etag, entry.rendered_at, entry.body
            encoded = self._encodings(etag, headers, body)
            if compression.accepts_gzip(environ):
                etag, headers, body = encoded.gzip_etag, encoded.gzip_headers, encoded.gzip_body
            else:
                headers = encoded.plain_headers
            if self._not_modified(environ, etag, modified):
                start_response("304 Not Modified", [*headers, (CACHE_HEADER, label)])
                return []
        elif body is None:
            body = self._article_body(entry, environ)
        start_response(
            "200 OK", [*headers, ("Content-Length", str(len(body))), (CACHE_HEADER, label)]
        )
        return [] if head else [body]

    def _listing_with_live_parts(self, entry: CachedPage) -> tuple[str, float, tuple, bytes]:
        """A listing's validators, headers and body with its live parts: the same bytes only
        while its parts are the same, so made again only when one of this worker's parts
        changed (LiveParts.generation), not on every answer."""
        generation = self.live.generation  # read first: a change meanwhile makes it stale
        kept = self._listings.get(id(entry))
        if kept is not None and kept[0] is entry and kept[1] == generation:
            return kept[2]
        etag = f'{entry.etag[:-1]}-{self.live.version(entry.live_slots)}"'
        modified = max(entry.rendered_at, self.live.changed_at(entry.live_slots))
        headers = _with_validators(entry.headers, etag, modified)
        answer = (etag, modified, headers, entry.assemble(self._live_values(entry)))
        if len(self._listings) >= LISTINGS_KEPT:
            self._listings.clear()  # pages the cache dropped since; the rest come back
        self._listings[id(entry)] = (entry, generation, answer)
        return answer

    def _encodings(self, etag: str, headers: Headers, body: bytes) -> compression.Encodings:
        """A listing body's answers with and without gzip, made once per body: a listing's
        bytes stay the same object until it is rendered again or one of its parts changes."""
        kept = self._encoded.get(id(body))
        if kept is not None and kept.source is body:
            return kept
        encoded = compression.encodings(etag, headers, body)
        if len(self._encoded) >= LISTINGS_KEPT:
            self._encoded.clear()
        self._encoded[id(body)] = encoded
        return encoded

    def _live_values(self, entry: CachedPage) -> dict[str, bytes]:
        return {slot: self.live.fill(slot, entry.page_id) for slot in entry.live_slots}

    def _article_body(self, entry: CachedPage, environ: WSGIEnvironment) -> bytes:
        if is_countable_environ(environ):
            counts = counting.record_view(entry.page_id)
        else:
            counts = counting.read_counts(entry.page_id)
        values = {COUNTER: live.counter_text(counts.total, counts.today).encode()}
        if TOKEN in entry.slots:
            values[TOKEN] = issue_form_token(entry.page_id).encode()
        if entry.live_slots:
            values.update(self._live_values(entry))
        return entry.assemble(values)

    def _not_modified(self, environ: WSGIEnvironment, etag: str, modified: float) -> bool:
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return etag in tags or "*" in tags
        if_modified_since: str | None = environ.get("HTTP_IF_MODIFIED_SINCE")
        if if_modified_since is None:
            return False
        last_modified = math.floor(modified)
        if last_modified < self._stamp_seen_at + LAST_MODIFIED_MARGIN:
            return False
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return since >= last_modified

    # -- a miss: Django answers, and the answer may be kept -------------------------------

    def _fill(
        self,
        key: CacheKey,
        stamp: bytes,
        environ: WSGIEnvironment,
        start_response: StartResponse,
    ) -> Iterable[bytes]:
        environ[CANDIDATE] = True
        captured: list[tuple[str, list[tuple[str, str]]]] = []

        def capture(
            status: str, headers: list[tuple[str, str]], exc_info: OptExcInfo | None = None
        ) -> Callable[[bytes], None]:
            captured[:] = [(status, headers)]
            return _reject_write

        result = self.application(environ, capture)
        status, headers = captured[0]
        page = environ.get(PAGE)
        if (
            page is None
            or environ["REQUEST_METHOD"] != "GET"
            or not status.startswith("200 ")
            # Only a whole Django response is read and kept, never a streaming one.
            or not isinstance(result, HttpResponse)
        ):
            start_response(status, headers)
            return result
        try:
            body = b"".join(result)
        finally:
            result.close()
        kind, page_id = page
        entry = build_cached_page(kind, page_id, headers, body, time.time(), stamp)
        if entry is None:
            start_response(status, headers)
            return [body]
        # Kept only if nothing was published while Django rendered it.
        if self._generation is not None and self._generation.stamp() == stamp:
            self.cache_for(key).put(key, entry)
        # Django already counted this view and rendered its counts: send its body as it is.
        return self._answer(entry, environ, start_response, "miss", body=body)


__all__ = ["ARTICLE", "CANDIDATE", "HotPath", "LISTING", "PAGE"]
