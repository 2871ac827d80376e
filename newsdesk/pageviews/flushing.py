"""Writing a buffering backend's views to the database: every interval, and at the end.

Each buffering process runs a daemon thread that flushes every
NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL seconds, and flushes once more when it ends, after the
periodic flush in progress, if any, has finished (granian's workers leave through
multiprocessing, which skips `atexit`, hence also a multiprocessing finaliser).
"""

import atexit
import multiprocessing.util
import threading
import time

from django.conf import settings
from django.db import close_old_connections

from newsdesk.outages import outage

from .backends import ViewBackend

# How long the flush at exit waits for a periodic flush still writing (seconds).
EXIT_WAIT_SECONDS = 10.0


def start(backend: ViewBackend) -> None:
    flusher = Flusher(backend)
    thread = threading.Thread(
        target=flusher.every,
        args=(settings.NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL,),
        name="pageviews-flusher",
        daemon=True,
    )
    thread.start()
    atexit.register(flusher.at_exit)
    multiprocessing.util.Finalize(None, flusher.at_exit, exitpriority=100)


class Flusher:
    """One flush at a time in a process. A periodic flush has taken its views out of the
    buffer (Redis's pending hash, the shared table's column) before it writes them; the
    thread is a daemon, so a process that ends while it writes kills it, its transaction
    rolls back, and the flush at exit found nothing left to write: those views were lost,
    without an error. The flush at exit therefore waits for the one in progress, and no
    periodic flush starts after it."""

    def __init__(self, backend: ViewBackend) -> None:
        self.backend = backend
        self._lock = threading.Lock()
        self._ending = False

    def every(self, interval: float) -> None:
        while True:
            time.sleep(interval)
            with self._lock:
                if self._ending:
                    return
                flush_safely(self.backend)

    def at_exit(self) -> int:
        waited = self._lock.acquire(timeout=EXIT_WAIT_SECONDS)
        try:
            self._ending = True
            return flush_safely(self.backend)
        finally:
            if waited:
                self._lock.release()


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
