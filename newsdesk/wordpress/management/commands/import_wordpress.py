"""`newsdesk import_wordpress EXPORT.xml [MORE.xml ...] [--media-root DIR] [--dry-run]`"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.wordpress.importer import WordPressImport
from newsdesk.wordpress.reader import WXRError


class Command(BaseCommand):
    help = "Import a WordPress site from its WXR export (one file or the parts of a split one)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="WXR files (.xml, or gzip-compressed)")
        parser.add_argument(
            "--media-root",
            help="A copy of wp-content/uploads: images are taken from it by URL path.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress line on stderr."
        )

    def handle(self, *args, files, media_root, dry_run, no_progress, **options):
        for name in files:
            try:
                open(name, "rb").close()
            except OSError as error:
                raise CommandError(f"{name}: {error.strerror}") from error
        if media_root and not Path(media_root).is_dir():
            raise CommandError(f"--media-root {media_root}: not a directory")
        run = WordPressImport(
            files,
            media_root=media_root,
            dry_run=dry_run,
            progress=None if no_progress else self.stderr,
        )
        try:
            report = run.run()
        except (WXRError, LookupError) as error:
            raise CommandError(f"{error} (nothing was imported)") from error
        if dry_run:
            for line in report.changes:
                self.stdout.write(line)
        for line in report.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
