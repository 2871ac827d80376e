"""Publishing scheduled pages from the server's own process, so no cron job is needed.

`newsdesk serve` runs `run_scheduler` in a daemon thread of its supervising process: one
scheduler per server, whatever the number of workers. Each tick runs Wagtail's own
`publish_scheduled` command (publishes what is due, unpublishes what has expired).
"""

import logging
import threading

from django.core.management import call_command
from django.db import close_old_connections

logger = logging.getLogger(__name__)


def publish_due_pages() -> None:
    call_command("publish_scheduled", verbosity=0)


def run_scheduler(interval: float, stop: threading.Event) -> None:
    while not stop.is_set():
        close_old_connections()  # a long-lived thread must not keep a broken connection
        try:
            publish_due_pages()
        except Exception:  # keep the scheduler alive; the error is logged for the operator
            logger.exception("Publishing scheduled pages failed")
        stop.wait(interval)


def start_scheduler(interval: float) -> threading.Event:
    """Start the scheduler thread; set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(
        target=run_scheduler, args=(interval, stop), name="newsdesk-scheduler", daemon=True
    )
    thread.start()
    return stop
