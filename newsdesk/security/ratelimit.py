"""Rate limits as sliding-window counters in the shared marks (marks.py: the database, or
Redis when REDIS_URL is set), so that every process and node counts the same hits.

Each window has a counter that one atomic operation opens and counts, so concurrent posts
cannot slip past the limit. A plain fixed window would let a client send twice the limit
across a window boundary; so the previous window's count also weighs in, in proportion to
how much of it the sliding window still covers (the usual approximation)."""

import time

from .marks import marks


def within_limit(
    kind: str, identity: str, limit: int, window: int, now: float | None = None
) -> bool:
    """Count one hit for `identity`; False once more than `limit` hits fall within the last
    `window` seconds. A limit of 0 switches the check off."""
    if limit <= 0:
        return True
    now = time.time() if now is None else now
    index = int(now // window)
    prefix = f"rate:{kind}:{identity}"
    store = marks()
    hits = store.hit(f"{prefix}:{index}", ttl=2 * window + 5)
    previous = store.count(f"{prefix}:{index - 1}")
    still_covered = 1 - (now % window) / window
    return hits + previous * still_covered <= limit
