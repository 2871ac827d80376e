"""Fixed-window counters in the Django cache (Redis when REDIS_URL is set, so every process
and node shares them). `cache.add` creates a window's counter once and `cache.incr` counts
atomically, so concurrent posts cannot slip past the limit."""

import time

from django.conf import settings
from django.core.cache import cache


def within_limit(kind: str, identity: str, limit: int) -> bool:
    """Count one hit for `identity`; False once more than `limit` hits fall in this window.
    A limit of 0 switches the check off."""
    if limit <= 0:
        return True
    window = settings.NEWSDESK_COMMENT_RATE_WINDOW
    key = f"comments:rate:{kind}:{identity}:{int(time.time()) // window}"
    cache.add(key, 0, timeout=window + 5)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr: this hit opens a new window
        cache.add(key, 1, timeout=window + 5)
        hits = 1
    return hits <= limit
