"""Old WordPress URLs as Wagtail redirects (301), written in batches."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

BATCH = 500
MAX_PATH = 255
# A redirect from an earlier import (or an editor's) of the same old path is pointed anew.
UPSERT = (("old_path", "site"), ("redirect_page", "redirect_link", "is_permanent"))
SITE_FEEDS = [
    "/comments/feed/", "/feed/rss2/", "/feed/rss/", "/?feed=rss2", "/?feed=rss", "/?feed=atom",
]  # fmt: skip


def normalise(path: str) -> str:
    return Redirect.normalise_path(path)


def path_of(url: str) -> str:
    """The path and query of `url` (absolute or not), as redirects store it."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return normalise(f"{path}?{parts.query}" if parts.query else path)


class Redirects:
    def __init__(self, run):
        self.run = run
        self.site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        self.pending: dict[str, dict] = {}  # old path -> the Redirect row's values
        self.seen: set[str] = set()

    def add(self, old: str, page_id: int | None = None, link: str = "") -> None:
        path = path_of(old)
        if path == "/" or len(path) > MAX_PATH or path in self.seen:
            return
        self.seen.add(path)
        if page_id is not None:
            self.run.old_paths[path] = page_id
        self.pending[path] = {
            "old_path": path,
            "site_id": self.site.pk if self.site else None,
            "redirect_page_id": page_id,
            "redirect_link": link,
            "is_permanent": True,
        }
        if len(self.pending) >= BATCH:
            self.run.flush_batches()  # the pages they point at first

    def flush(self) -> None:
        if not self.pending:
            return
        self.run.rows(Redirect, upsert=UPSERT).write(list(self.pending.values()))
        self.run.report.redirects += len(self.pending)
        self.pending.clear()

    # -- what WordPress served besides posts ------------------------------------------
    def listing_url(self, route: str, slug: str) -> str:
        """Where a WordPress tag or author archive goes: the home page's listing."""
        return self.run.home.listing_url(route, slug) or "/"

    def category(self, term, section) -> None:
        chain = self.run.category_chain(term.slug, term.parent)
        feed = f"/feed/section/{section.slug}/"
        for prefix in {f"/category/{term.slug}/", f"/category/{'/'.join(chain)}/"}:
            self.add(prefix, section.pk)
            self.add(prefix + "feed/", link=feed)
        if term.id:
            self.add(f"/?cat={term.id}", section.pk)

    def tag(self, term, tag) -> None:
        listing = self.listing_url("tag", tag.slug)
        self.add(f"/tag/{term.slug}/", link=listing)
        self.add(f"/tag/{term.slug}/feed/", link=f"/feed/tag/{tag.slug}/")
        self.add(f"/?tag={term.slug}", link=listing)

    def author(self, login: str, author_id: str, author) -> None:
        listing = self.listing_url("author", author.slug)
        nicename = slugify(login)
        self.add(f"/author/{nicename}/", link=listing)
        self.add(f"/author/{nicename}/feed/", link=f"/feed/author/{author.slug}/")
        if author_id:
            self.add(f"/?author={author_id}", link=listing)

    def site_feeds(self) -> None:
        for old in SITE_FEEDS:
            self.add(old, link="/feed/")
