"""Writing a buffering backend's views to the database: every interval, and at the end.

Each buffering process runs a daemon thread that flushes every
NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL seconds, and flushes once more when it ends (granian's
workers leave through multiprocessing, which skips `atexit`, hence also a multiprocessing
finaliser).
"""

import atexit
import multiprocessing.util
import threading
import time

from django.conf import settings
from django.db import close_old_connections

from newsdesk.outages import outage

from .backends import ViewBackend


def start(backend: ViewBackend) -> None:
    interval = settings.NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL
    thread = threading.Thread(
        target=_flush_every, args=(backend, interval), name="pageviews-flusher", daemon=True
    )
    thread.start()
    atexit.register(flush_safely, backend)
    multiprocessing.util.Finalize(None, flush_safely, args=(backend,), exitpriority=100)


def _flush_every(backend: ViewBackend, interval: float) -> None:
    while True:
        time.sleep(interval)
        flush_safely(backend)


def flush_safely(backend: ViewBackend) -> int:
    """Flush, logging (not raising) a failure: the views stay buffered for the next try. A
    database that stays away is logged once, and once more when writing works again."""
    close_old_connections()
    database = outage("The database (writing page views)")
    try:
        written = backend.flush()
    except Exception as error:
        database.failed(error)
        return 0
    database.succeeded()
    return written
