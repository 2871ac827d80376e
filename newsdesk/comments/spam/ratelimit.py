"""Rate limits as sliding-window counters in the Django cache (Redis when REDIS_URL is set,
so every process and node shares them).

Each window has a counter: `cache.add` creates it once and `cache.incr` counts atomically, so
concurrent posts cannot slip past the limit. A plain fixed window would let a client send
twice the limit across a window boundary; so the previous window's count also weighs in, in
proportion to how much of it the sliding window still covers (the usual approximation)."""

import time

from django.conf import settings
from django.core.cache import caches


def _count_hit(key: str, timeout: int) -> int:
    caches["defense"].add(key, 0, timeout=timeout)
    try:
        return caches["defense"].incr(key)
    except ValueError:  # expired between add and incr: this hit opens the counter again
        caches["defense"].add(key, 1, timeout=timeout)
        return 1


def within_limit(kind: str, identity: str, limit: int, now: float | None = None) -> bool:
    """Count one hit for `identity`; False once more than `limit` hits fall within the last
    window (NEWSDESK_COMMENT_RATE_WINDOW seconds). A limit of 0 switches the check off."""
    if limit <= 0:
        return True
    window = settings.NEWSDESK_COMMENT_RATE_WINDOW
    now = time.time() if now is None else now
    index = int(now // window)
    prefix = f"comments:rate:{kind}:{identity}"
    hits = _count_hit(f"{prefix}:{index}", timeout=2 * window + 5)
    previous = caches["defense"].get(f"{prefix}:{index - 1}", 0)
    still_covered = 1 - (now % window) / window
    return hits + previous * still_covered <= limit
