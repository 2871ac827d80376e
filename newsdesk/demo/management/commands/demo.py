"""`newsdesk demo`: fill an empty site with an invented local newspaper."""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from newsdesk.articles.models import ArticlePage, HomePage
from newsdesk.demo.accounts import EDITOR_USERNAME, ensure_editor, get_editor, password_file
from newsdesk.demo.builder import DemoBuilder
from newsdesk.related.store import rebuild as related_rebuild

# Addresses a server listens on but a browser can't open.
WILDCARD_HOSTS = {"", "0.0.0.0", "::", "[::]"}


class Command(BaseCommand):
    help = (
        "Create demo content (sections, authors, about 30 articles with images and comments) "
        "and an `editor` superuser with a random password, in an empty site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, without error, when the site already has articles.",
        )

    def handle(self, *args, if_empty=False, **options):
        existing = ArticlePage.objects.count()
        if existing:
            if not if_empty:
                raise CommandError(
                    f"The site already has {existing} article(s); demo content goes into an "
                    "empty site only. Use a fresh database (run `newsdesk migrate` on a new "
                    "one), or pass --if-empty to skip without error."
                )
            self.stdout.write(f"The site already has {existing} article(s): no demo content added.")
            self.print_access(new_password=None)
            return
        if not HomePage.objects.exists():
            raise CommandError("The site has no home page yet: run `newsdesk migrate` first.")

        started = time.monotonic()
        with transaction.atomic():
            editor, password = ensure_editor()
            summary = DemoBuilder(user=editor).build()
            related_rebuild()  # the demo shows the content-based related boxes at once
        comments = summary.comments
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content created in {time.monotonic() - started:.1f} s: "
                f"{summary.articles} articles ({summary.live} live, {summary.scheduled} "
                f"scheduled, {summary.drafts} draft), {summary.sections} sections, "
                f"{summary.authors} authors, {summary.images} images, "
                f"{sum(comments.values())} comments ({comments.get('approved', 0)} approved, "
                f"{comments.get('pending', 0)} pending, {comments.get('spam', 0)} spam)."
            )
        )
        self.print_access(new_password=password)

    def print_access(self, new_password):
        host = os.environ.get("HOST", "127.0.0.1")
        if host in WILDCARD_HOSTS:
            host = "127.0.0.1"
        elif ":" in host and not host.startswith("["):
            host = f"[{host}]"
        site = f"http://{host}:{os.environ.get('PORT', '8000')}/"
        self.stdout.write(f"Site:  {site}")
        self.stdout.write(f"Admin: {site}admin/")
        path = password_file()
        if new_password:
            self.stdout.write(
                f"Log in as `{EDITOR_USERNAME}` with password {new_password} "
                f"(shown only this once; also saved in {path})."
            )
        elif get_editor() is not None and path.exists():
            self.stdout.write(f"Log in as `{EDITOR_USERNAME}`: the password is in {path}.")
        self.stdout.write("Or create your own account: .venv/bin/newsdesk createsuperuser")
