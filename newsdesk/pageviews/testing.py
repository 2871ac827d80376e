"""Test helpers for counting views."""

import contextlib
from collections.abc import Iterator

from django.conf import settings

from newsdesk.databases import database_identity

from . import backends


@contextlib.contextmanager
def counting_in(backend: backends.ViewBackend) -> Iterator[backends.ViewBackend]:
    """Count in `backend` in this process for a while, without a flusher thread."""
    previous = backends.use(backend)
    try:
        yield backend
    finally:
        backends.use(previous)


def forget_test_counts() -> None:
    """Drop the live counts that servers started by a test left in Redis under the test
    database's name: its rows are rolled back, and the ids come back."""
    if settings.REDIS_URL:
        from .redis_counts import RedisViewCounts

        RedisViewCounts(settings.REDIS_URL, database_identity()).forget()
