"""`newsdesk export_wordpress OUT.xml`: the whole site as a WXR 1.2 file."""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.wordpress.exporter import export_site


class Command(BaseCommand):
    help = "Export articles, pages, sections, tags, authors and comments as WordPress WXR 1.2."

    def add_arguments(self, parser):
        parser.add_argument("output", help="The file to write (.xml, or .xml.gz to compress)")

    def handle(self, *args, output, **options):
        try:
            counts = export_site(output)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror or error}") from error
        summary = ", ".join(f"{count} {kind}s" for kind, count in counts.items())
        self.stdout.write(f"Wrote {output}: {summary}.")
