"""Rewrite (or, with --check, compare) newsdesk/api/openapi.snapshot.json."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from newsdesk.api import snapshot


class Command(BaseCommand):
    help = "Write the comments API's OpenAPI document to newsdesk/api/openapi.snapshot.json."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only compare: exit with status 1 when the snapshot is out of date.",
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        if check:
            if snapshot.read_snapshot() != snapshot.current_schema():
                raise CommandError(
                    f"{snapshot.SNAPSHOT_PATH} is out of date: run `{snapshot.REGENERATE}`."
                )
            self.stdout.write("The OpenAPI snapshot is up to date.")
            return
        snapshot.write_snapshot()
        self.stdout.write(f"Wrote {snapshot.SNAPSHOT_PATH}.")
