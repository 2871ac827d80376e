"""`newsdesk run_scheduler`: publish scheduled pages on time (`newsdesk serve` starts it)."""

import contextlib
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from newsdesk.delivery.scheduler import run_scheduler


class Command(BaseCommand):
    help = "Publish pages whose scheduled time has come, every --interval seconds."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--interval", type=float, default=settings.NEWSDESK_SCHEDULER_INTERVAL)
        parser.add_argument(
            "--parent-pid", type=int, default=None, help="Stop when this process has gone."
        )

    def handle(self, *args: Any, interval: float, parent_pid: int | None, **options: Any) -> None:
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C in a terminal stops it quietly
            run_scheduler(interval, parent_pid)
