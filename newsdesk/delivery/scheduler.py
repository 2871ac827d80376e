"""Publishing scheduled pages from the server's own processes, so no cron job is needed.

`newsdesk serve` starts `newsdesk run_scheduler` as a child process beside granian's
workers: one scheduler per server, whatever the number of workers. (A thread in the
supervising process would be inherited half-way by the forked workers, locks and database
connection included, and could deadlock them.) Each tick runs Wagtail's own
`publish_scheduled` command: it publishes what is due and unpublishes what has expired.
"""

import logging
import os
import subprocess
import sys
import time

from django.core.management import call_command
from django.db import close_old_connections

logger = logging.getLogger(__name__)


def publish_due_pages() -> None:
    call_command("publish_scheduled", verbosity=0)


def erase_expired_personal_data() -> None:
    # Commenters' IP addresses, past NEWSDESK_COMMENT_IP_RETENTION_DAYS (one UPDATE), and
    # spent tokens and rate-limit windows that have expired (one DELETE).
    from newsdesk.comments.retention import erase_old_ip_addresses
    from newsdesk.security.marks import DatabaseMarks

    erase_old_ip_addresses()
    DatabaseMarks.purge_expired()


# How often the breaking-news banner's expiry is checked: a cached page shows an expired
# banner for at most this long (one query of a one-row table per check).
BANNER_CHECK_SECONDS = 1.0


def expire_breaking_news() -> bool:
    """Turn off an expired banner and invalidate every cached page that shows it."""
    from newsdesk.articles.banner import BreakingNews

    from .generation import bump_generation

    if BreakingNews.expire_due():
        bump_generation()
        return True
    return False


def watch_banner(seconds: float) -> None:
    """Sleep `seconds`, checking the banner's expiry every BANNER_CHECK_SECONDS."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, BANNER_CHECK_SECONDS))
        try:
            expire_breaking_news()
        except Exception:
            logger.exception("Expiring the breaking-news banner failed")


def run_scheduler(interval: float, parent_pid: int | None = None) -> None:
    """Tick every `interval` seconds until the parent process (if given) has gone."""
    while parent_pid is None or os.getppid() == parent_pid:
        close_old_connections()  # a long-lived process must not keep a broken connection
        try:
            publish_due_pages()
        except Exception:  # keep going; the error is logged for the operator
            logger.exception("Publishing scheduled pages failed")
        try:
            erase_expired_personal_data()
        except Exception:
            logger.exception("Erasing old commenter IP addresses failed")
        watch_banner(interval)


def start_scheduler_process(interval: float) -> subprocess.Popen:
    """Start `newsdesk run_scheduler` as a child of this process (same settings)."""
    command = [
        sys.executable,
        "-m",
        "newsdesk",
        "run_scheduler",
        "--interval",
        str(interval),
        "--parent-pid",
        str(os.getpid()),
    ]
    return subprocess.Popen(command, env=os.environ.copy())
