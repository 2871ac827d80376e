"""`newsdesk serve`: the production server (granian, WSGI, one worker per core)."""

import logging
import os
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from newsdesk.delivery import startup
from newsdesk.delivery.scheduler import start_scheduler_process
from newsdesk.pageviews import server as pageview_server

logger = logging.getLogger("newsdesk.serve")


class Command(BaseCommand):
    help = "Serve the site with granian: HOST and PORT from the environment or options."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", 0)) or None,
            help="Worker processes (default: one per CPU core).",
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Do not publish scheduled pages from this server (another one does it).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from granian import Granian
        from granian.constants import Interfaces

        workers = options["workers"] or os.cpu_count() or 1
        # Held until the server stops (the workers inherit them): one server per var
        # directory and per address.
        claims = [startup.claim_var_dir(), startup.claim_port(options["host"], options["port"])]
        startup.check_database()
        startup.check_static_files()
        for problem in startup.prepare_folders():
            logger.warning("%s", problem)
        # Workers re-import the settings: make sure they load the same module as this process.
        os.environ["DJANGO_SETTINGS_MODULE"] = settings.SETTINGS_MODULE
        scheduler = None
        if not options["no_scheduler"]:
            scheduler = start_scheduler_process(settings.NEWSDESK_SCHEDULER_INTERVAL)
        # Before granian forks the workers: they inherit the view buffer it names.
        counting = pageview_server.prepare_server(workers)
        self.stdout.write(
            f"newsdesk serving on http://{options['host']}:{options['port']}/ "
            f"with {workers} worker(s), settings {settings.SETTINGS_MODULE}, {counting}"
        )
        server = Granian(
            "newsdesk.wsgi:application",
            address=options["host"],
            port=options["port"],
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=int(os.environ.get("GRANIAN_BLOCKING_THREADS", 4)),
            respawn_failed_workers=True,
            log_access=os.environ.get("ACCESS_LOG", "") == "1",
        )
        try:
            server.serve()
        finally:
            for claim in claims:
                os.close(claim)
            # The workers have stopped: persist the views they left in the buffer.
            pageview_server.finish_server()
            if scheduler is not None:
                scheduler.terminate()
                scheduler.wait(timeout=10)
