"""The import run: survey every file, then import it all in one transaction.

A file that cannot be read stops the run before anything is written (the survey reads every
file first); any other error rolls the transaction back. `dry_run` runs the same import and
rolls it back at the end, so the report shows exactly what would change.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from newsdesk.articles.signals import pages_written_in_bulk
from newsdesk.pageviews.counting import seed_totals
from newsdesk.related import store as related
from newsdesk.rows import RowWriters

from ..convert.links import rewrite_links
from ..reader import Author, Channel, Item, Term, read_wxr
from . import media, posts, references, terms
from .comments import Comments
from .context import page_for_url
from .mapping import Kind, Mapping
from .new_pages import NewPages
from .progress import Progress
from .redirects import Redirects, normalise, path_of
from .report import Report
from .search_index import ToIndex, paused_search_index
from .survey import Survey, survey

POST_TYPES = {"post", "page"}


class DryRunRollback(Exception):
    pass


class WordPressImport:
    def __init__(self, paths, media_root=None, dry_run=False, progress=None, bulk=True):
        self.paths = [Path(path) for path in paths]
        # bulk: new posts are written in batches (new_pages.py); False saves each one, the
        # reference the bulk path is tested against.
        self.bulk = bulk
        self.media_root = Path(media_root) if media_root else None
        self.dry_run = dry_run
        self.progress_stream = progress
        self.report = Report(keep_changes=dry_run)
        self.rows = RowWriters()  # rows written below the ORM, one prepared INSERT per table
        self.mapping = Mapping(self.rows)
        self.survey = Survey()
        self.old_paths: dict[str, int] = {}
        self.deferred_parents: list[tuple[str, str, str]] = []
        self.pending_bodies: list[tuple[str, int]] = []
        self.category_parents: dict[str, str] = {}
        self.site_title = ""
        self.to_index = ToIndex()
        self.new_pages = NewPages(self)
        self.comments = Comments(self)
        self.view_totals: dict[int, int] = {}  # page id -> a WordPress plugin's view count
        self.cache: dict[tuple[str, str, str], object] = {}  # (site, kind, key) -> object

    # -- the run ------------------------------------------------------------------------
    def run(self) -> Report:
        self.survey = survey(self.paths)
        self.progress = Progress(self.progress_stream, self.survey.items)
        try:
            with transaction.atomic():
                with paused_search_index():
                    self._import_everything()
                self.progress.phase("indexing for search")
                self.to_index.reindex()
                if self.dry_run:
                    raise DryRunRollback
                # Imported posts are saved, not published one by one: their related
                # articles are computed once for the whole site, in bulk.
                self.progress.phase("choosing related stories")
                related.rebuild()
        except DryRunRollback:
            pass
        except BaseException:
            self.progress.interrupt()  # the error goes on a line of its own
            raise
        self.progress.finish()
        return self.report

    def _import_everything(self) -> None:
        self.home = terms.home_page()
        self.redirects = Redirects(self)
        self.site_title = self.survey.channels[0].title if self.survey.channels else ""
        for attachment in self.survey.attachments.values():
            media.import_attachment(self, attachment)
            self.progress.step()
        for path in self.paths:
            self._import_file(path)
        self.flush_batches()
        self._fix_page_parents()
        self._fix_bodies()
        self.redirects.site_feeds()
        self.redirects.flush()
        self.progress.phase("linking pages")
        # Saves and bulk writes indexed their references; fixed bodies are indexed again.
        references.index_pages(pk for _, pk in self.pending_bodies)
        if self.new_pages.written:
            pages_written_in_bulk.send(type(self), page_ids=self.new_pages.written)

    def flush_batches(self) -> None:
        """Write what waits in batches, pages first: the rest refers to them."""
        self.new_pages.flush()
        self.comments.flush()
        self.mapping.flush()
        if self.view_totals:
            seed_totals(self.view_totals)
            self.view_totals = {}
        self.redirects.flush()

    def _import_file(self, path: Path) -> None:
        site = ""
        for record in read_wxr(path):
            if isinstance(record, Channel):
                site = record.site
            elif isinstance(record, Author):
                author = terms.import_author(self, site, record)
                self.redirects.author(record.login, record.id, author)
            elif isinstance(record, Term):
                if record.taxonomy == "category":
                    self.category_parents[record.slug] = record.parent
                terms.import_term(self, site, record)
            elif isinstance(record, Item):
                self._import_item(site, record)
                if record.post_type != "attachment":  # counted when imported first
                    self.progress.step()

    def _import_item(self, site: str, item: Item) -> None:
        if item.post_type in POST_TYPES:
            posts.import_post(self, site, item)
        elif item.post_type == "attachment":
            return  # imported from the survey, before the posts that show them
        elif item.post_type == "nav_menu_item":
            self.report.skip("item", "navigation menu item")
        else:
            self.report.skip("item", f"post type {item.post_type}")

    # -- helpers the steps call back -----------------------------------------------------
    def category_chain(self, slug: str, parent: str) -> list[str]:
        chain, seen = [slug], {slug}
        while parent and parent not in seen:
            chain.insert(0, parent)
            seen.add(parent)
            parent = self.category_parents.get(parent, "")
        return chain

    def add_post_redirects(self, site: str, kind: str, item: Item, page: Page) -> None:
        own_path = normalise(page.url_path[len(self.home.url_path) - 1 :])
        candidates = [item.get("link"), item.get("guid")]
        if kind == Kind.POST:
            candidates.append(f"/?p={item.id}")
            slug = item.get("wp:post_name").strip()
            local = item.get("wp:post_date")
            if slug:
                candidates.append(f"/{slug}/")
                if len(local) >= 10 and not local.startswith("0000"):
                    year, month, day = local[:4], local[5:7], local[8:10]
                    candidates += [f"/{year}/{month}/{day}/{slug}/", f"/{year}/{month}/{slug}/"]
        else:
            candidates.append(f"/?page_id={item.id}")
        for candidate in candidates:
            if not candidate or page_for_url(self, site, candidate) is False:
                continue
            self.old_paths[path_of(candidate)] = page.pk  # for links in content
            if path_of(candidate) != own_path:
                self.redirects.add(candidate, page.pk)
        link = item.get("link")
        if kind == Kind.POST and link and "?" not in link:
            self.redirects.add(link.rstrip("/") + "/feed/", link=f"/feed/comments/{page.pk}/")

    def note_body(self, site: str, page: Page, body) -> None:
        for url in body.remote_images:
            self.report.remote_image(url)
        self.report.unknown_shortcodes.update(body.unknown_shortcodes)
        self.report.unknown_blocks.update(body.unknown_blocks)
        if body.pending_links:
            self.pending_bodies.append((site, page.pk))

    # -- after every file: what could only be resolved once everything was there --------
    def _fix_page_parents(self) -> None:
        for site, page_key, parent_key in self.deferred_parents:
            page_id = self.mapping.object_id(site, Kind.PAGE, page_key)
            parent_id = self.mapping.object_id(site, Kind.PAGE, parent_key)
            if page_id is None or parent_id is None:
                self.report.skip("page parent", "parent page not in the export")
                continue
            page = Page.objects.get(pk=page_id).specific
            parent = Page.objects.get(pk=parent_id)
            page.slug = terms.free_child_slug(parent, page.slug, exclude_id=page.pk)
            page.save(clean=False)
            page.move(parent, pos="last-child")
            # Wagtail redirects a moved page's old path; never from the page's own new path.
            page.refresh_from_db()
            own_path = normalise(page.url_path[len(self.home.url_path) - 1 :])
            Redirect.objects.filter(old_path=own_path).delete()

    def _fix_bodies(self) -> None:
        """Links and related boxes that pointed at posts imported after their page."""
        self.redirects.flush()
        for site, page_id in self.pending_bodies:
            page = Page.objects.get(pk=page_id).specific
            raw = [_resolved(self, site, block) for block in page.body.raw_data]
            type(page).objects.filter(pk=page_id).update(
                body=type(page).body.field.to_python([b for b in raw if b is not None])
            )


def _resolved(run, site: str, block: dict) -> dict | None:
    block = dict(block)
    if block.get("type") == "paragraph":
        block["value"], _ = rewrite_links(block["value"], lambda url: page_for_url(run, site, url))
    elif block.get("type") == "related" and not block["value"].get("article"):
        post = block["value"].get("wp_post", "")
        article = run.mapping.object_id(site, Kind.POST, post)
        if article is None:
            return None
        block["value"] = {"article": article}
    return block
