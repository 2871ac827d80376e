"""Which requests count as a view: for Django requests, and for the bare WSGI environ the
hot path (newsdesk.delivery) sees before Django runs."""

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from django.http import HttpRequest

# Substrings (case-insensitive) of user agents that belong to crawlers, link expanders,
# monitors and feed fetchers rather than readers.
BOT_USER_AGENT_PATTERNS = [
    "bot",
    "crawl",
    "spider",
    "slurp",
    "archiver",
    "facebookexternalhit",
    "facebookcatalog",
    "embedly",
    "quora link preview",
    "whatsapp",
    "skypeuripreview",
    "bitlybot",
    "vkshare",
    "w3c_validator",
    "redditbot",
    "applebot",
    "yandex",
    "baiduspider",
    "duckduckgo",
    "petalbot",
    "semrush",
    "ahrefs",
    "mj12bot",
    "dotbot",
    "bytespider",
    "gptbot",
    "ccbot",
    "claudebot",
    "perplexity",
    "headlesschrome",
    "lighthouse",
    "pingdom",
    "uptimerobot",
    "statuscake",
    "feedfetcher",
    "feedly",
    "inoreader",
    "newsblur",
    "python-requests",
    "python-urllib",
    "go-http-client",
    "okhttp",
    "libwww-perl",
    "wget",
    "scrapy",
    "httpclient",
    "java/",
]
_BOT_RE = re.compile("|".join(re.escape(p) for p in BOT_USER_AGENT_PATTERNS), re.IGNORECASE)
_PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


@lru_cache(maxsize=2048)
def _is_bot_agent(user_agent: str) -> bool:
    return bool(_BOT_RE.search(user_agent))


def is_bot(user_agent: str) -> bool:
    # Readers' agents repeat a lot: remembering the verdict keeps the regex off the hot path.
    return _is_bot_agent(user_agent or "")


def is_prefetch(meta: Mapping[str, str]) -> bool:
    return any(
        "prefetch" in meta.get(header, "").lower() or "preview" in meta.get(header, "").lower()
        for header in _PREFETCH_HEADERS
    )


def is_reader_get(meta: Mapping[str, Any]) -> bool:
    """A GET by a browser for its reader: not HEAD or another method, a bot or a prefetch.
    `meta` is a Django request's META or a WSGI environ (the same keys)."""
    if meta.get("REQUEST_METHOD") != "GET":
        return False
    for header in _PREFETCH_HEADERS:  # a plain loop: this runs on every cached view
        value = meta.get(header)
        if value and ("prefetch" in value.lower() or "preview" in value.lower()):
            return False
    return not is_bot(meta.get("HTTP_USER_AGENT", ""))


def is_countable(request: HttpRequest) -> bool:
    """A reader's GET of the published page: not HEAD, bots, prefetch, previews or editors."""
    if request.method != "GET" or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return not is_bot(request.META.get("HTTP_USER_AGENT", "")) and not is_prefetch(request.META)


def is_countable_environ(environ: Mapping[str, Any]) -> bool:
    """`is_countable` for the hot path, which only answers requests without a session (so
    no editor, and no preview): a reader's GET."""
    return is_reader_get(environ)
