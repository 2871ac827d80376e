"""`newsdesk related_rebuild [--no-progress]`: every article's related articles again."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.management.base import BaseCommand
from tqdm import tqdm

from newsdesk.related.store import rebuild

T = TypeVar("T")


class Command(BaseCommand):
    help = "Compute the related articles of every published article again (stored)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, no_progress: bool = False, **options: Any) -> None:
        def progress(items: Iterable[T], total: int, what: str) -> Iterable[T]:
            return tqdm(items, total=total, desc=what, file=self.stderr._out, unit=" " + what[:1])

        result = rebuild(progress=None if no_progress else progress)
        self.stdout.write(
            f"Related articles: {result.articles} articles, {result.neighbours} neighbours "
            f"stored in {result.seconds:.1f} s."
        )
