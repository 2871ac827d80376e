"""The correctness check of the article row: every 200 answer counted exactly once."""

from __future__ import annotations

import time

from django.db import close_old_connections


def all_time_views(page_id: int) -> int:
    """The article's all-time count as the site reads it (whatever storage counts it)."""
    from newsdesk.pageviews.counting import read_counts

    close_old_connections()
    return read_counts(page_id).total


def wait_for_count(page_id: int, expected: int, timeout: float = 5.0, settle: float = 1.5) -> int:
    """Poll until the count reaches `expected` (counts may be flushed in batches) or
    `timeout` seconds pass; once reached, read again after `settle` seconds so that a
    late flush counting too many is seen too. Return the last count read."""
    deadline = time.monotonic() + timeout
    while True:
        count = all_time_views(page_id)
        if count >= expected:
            time.sleep(settle)
            return all_time_views(page_id)
        if time.monotonic() >= deadline:
            return count
        time.sleep(0.1)


def verdict(rise: int, counted: int) -> str:
    """`exact`, or how far the count's rise is from the number of counted views answered."""
    difference = rise - counted
    if difference == 0:
        return "exact"
    return f"off by {difference:+d} (the count rose {rise}, {counted} reader views were answered)"
