"""New posts written in batches, not with one Wagtail save each.

A first import creates every post: a `parent.add_child()` per post costs a few milliseconds
of tree locking, validation, per-relation queries and signal handlers, most of an import's
time. Here a new post gets its id, slug, tree path and URL path in memory, as `add_child`
and `Page.save` would give them, and every BATCH posts go in together: the page and article
rows, tags, bylines and further sections, the "created" entry of the page's history, then
the comments, old-URL redirects and mapping rows that refer to them.

What a save's signal handlers would have done is done once for the whole run instead: the
search index and related articles as before (`ToIndex`, `related.rebuild`), the hot path's
invalidation by the `pages_written_in_bulk` signal; Wagtail's reference index is written
with each batch (`references.write_rows`).

Posts that already exist (a re-import), scheduled posts (they need a revision) and pages go
the page-by-page way. Anything that adds or moves a page that way first calls `flush`, so
the tree never sees the two ways interleaved.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, PageViewRestriction

from newsdesk.rows import reserve_ids

from . import references
from .terms import free_slug

BATCH = 500


class NewPages:
    def __init__(self, run):
        self.run = run
        self.pending: list[tuple[Page, Page]] = []  # (page, parent)
        self.restrictions: list[PageViewRestriction] = []
        self.written: list[int] = []  # every page written here, for the run's last steps
        self._ids: list[int] = []
        self._last_position: dict[int, int] = {}  # parent id -> its last child's step
        self._slugs: dict[int, set[str]] = {}  # parent id -> its children's slugs

    def add(self, page: Page, parent: Page) -> None:
        """Give `page` what `parent.add_child(instance=page)` would, and queue it."""
        if not self._ids:
            # On SQLite the ids follow the table's largest, so the pages holding the last
            # ones handed out must be in it first.
            self.flush()
            self._ids = reserve_ids(Page, BATCH)
        page.id = page.pk = self._ids.pop(0)  # pk is page_ptr_id on a page model's class
        taken = self._children_slugs(parent)
        page.slug = free_slug(page.slug, taken)
        taken.add(page.slug)
        self._last_position[parent.pk] = self._position(parent) + 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, self._last_position[parent.pk])
        page.numchild = 0
        page.set_url_path(parent)
        if page.locale_id is None:
            page.locale_id = parent.locale_id  # Page.get_default_locale for a new child
        if hasattr(page, "fill_publication_date"):
            page.fill_publication_date()
        self.pending.append((page, parent))
        if len(self.pending) >= BATCH:
            self.run.flush_batches()

    def restrict(self, restriction: PageViewRestriction) -> None:
        """A view restriction of a queued page, written after the page."""
        self.restrictions.append(restriction)

    def flush(self, forget: bool = False) -> None:
        """Write the queued pages. `forget`: the tree is about to change another way, so
        slugs and positions are read again next time."""
        if self.pending:
            self._write()
        if forget:
            self._last_position.clear()
            self._slugs.clear()
            self._ids.clear()  # SQLite's are only valid until someone else inserts a page

    # -- in memory ------------------------------------------------------------------------
    def _children_slugs(self, parent: Page) -> set[str]:
        if parent.pk not in self._slugs:
            children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            self._slugs[parent.pk] = set(children.values_list("slug", flat=True))
        return self._slugs[parent.pk]

    def _position(self, parent: Page) -> int:
        if parent.pk not in self._last_position:
            children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            last = children.order_by("-path").values_list("path", flat=True).first()
            self._last_position[parent.pk] = Page._str2int(last[-Page.steplen :]) if last else 0
        return self._last_position[parent.pk]

    # -- the writes -------------------------------------------------------------------------
    def _write(self) -> None:
        pages = [page for page, _ in self.pending]
        self.run.rows(Page).write_objects(pages)
        for model in {type(page) for page in pages}:
            self.run.rows(model, local=True).write_objects([p for p in pages if type(p) is model])
        self._count_children()
        _hold_no_children(pages)
        references.write_rows(pages)  # while the tags are still held in memory
        self._write_relations(pages)
        self._write_history(pages)
        for restriction in self.restrictions:  # few; a save logs it in the page's history
            restriction.save()
        self.written += [page.pk for page in pages]
        self.pending.clear()
        self.restrictions.clear()

    def _count_children(self) -> None:
        parents = {parent.pk: parent for _, parent in self.pending}
        for parent_id, added in Counter(parent.pk for _, parent in self.pending).items():
            Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + added)
            parents[parent_id].numchild += added  # treebeard reads it from the cached section

    def _write_relations(self, pages: list[Page]) -> None:
        """What ClusterableModel.save commits: the child objects (tags) and the parental
        many-to-many rows (bylines, further sections) set on each page in memory."""
        children: dict[type, list] = {}
        links: dict[type, list] = {}
        for page in pages:
            held = getattr(page, "_cluster_related_objects", {})
            for relation in get_all_child_relations(page):
                for child in held.get(relation.get_accessor_name(), []):
                    setattr(child, relation.field.attname, page.pk)
                    children.setdefault(type(child), []).append(child)
            for field in get_all_child_m2m_relations(page):
                through = field.remote_field.through
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                for item in held.get(field.name, []):
                    row = through(**{f"{source}_id": page.pk, f"{target}_id": item.pk})
                    links.setdefault(through, []).append(row)
            held.clear()  # from now on the page reads its relations from the database
        for model, objects in [*children.items(), *links.items()]:
            self.run.rows(model).write_objects(objects)

    def _write_history(self, pages: list[Page]) -> None:
        """The "Created" entry that Page.save logs for a new page."""
        now = timezone.now()
        context = get_active_log_context()
        self.run.rows(PageLogEntry).write_objects(
            [
                PageLogEntry(
                    page_id=page.pk,
                    content_type_id=page.content_type_id,
                    label=page.get_admin_display_title(),
                    action="wagtail.create",
                    timestamp=now,
                    data={},
                    user=context.user,
                    uuid=context.uuid,
                )
                for page in pages
            ]
        )


def _hold_no_children(pages) -> None:
    """A new page has no child rows yet: its unset child relations are held as empty lists,
    so that reading them (the references) asks nothing of the database."""
    for page in pages:
        held = page._cluster_related_objects
        for relation in get_all_child_relations(page):
            held.setdefault(relation.get_accessor_name(), [])
