"""The bulk path for new posts (importer/new_pages.py) against the page-by-page one.

Both imports of the same file run in one test, each rolled back after its snapshot: every
table the import writes is compared row by row, with database ids replaced by what they
point at (a page by its URL path), since the two runs may hand out different ids.
"""

import json
import re
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, PageViewRestriction, ReferenceIndex, Revision

from newsdesk.articles.models import ArticlePage, Author
from newsdesk.articles.signals import pages_written_in_bulk
from newsdesk.comments.models import Comment
from newsdesk.pageviews.models import PageViewTotal
from newsdesk.wordpress.importer import new_pages, redirects
from newsdesk.wordpress.importer.runner import WordPressImport
from newsdesk.wordpress.models import WordPressObject

from . import wxr
from .helpers import fixture, run_import

Image = get_image_model()
pytestmark = pytest.mark.django_db(databases="__all__")

# Set by the database or the clock, not by the import's logic.
VOLATILE = {"id", "page_ptr", "translation_key", "latest_revision", "live_revision"}


def url_of(page_id) -> str | None:
    if page_id is None:
        return None
    return Page.objects.filter(pk=int(page_id)).values_list("url_path", flat=True).first()


def ordered(rows) -> list:
    """Rows in a fixed order, whatever None they hold."""
    return sorted(rows, key=repr)


def page_rows() -> list[dict]:
    rows = []
    for page in Page.objects.order_by("path").specific():
        row = {}
        for field in type(page)._meta.concrete_fields:
            if field.name in VOLATILE or field.name.endswith("_ptr"):
                continue
            value = getattr(page, field.attname)
            if field.is_relation and field.related_model and issubclass(field.related_model, Page):
                value = url_of(value)
            elif field.name == "latest_revision_created_at":  # the clock's: only whether set
                value = value is not None
            elif hasattr(value, "raw_data"):  # a StreamField: its blocks without their ids
                value = [block_named(block) for block in value.raw_data]
            row[field.name] = value
        if isinstance(page, ArticlePage):
            row["authors"] = sorted(a.name for a in page.authors.all())
            row["further_sections"] = sorted(s.url_path for s in page.further_sections.all())
            row["tags"] = sorted(t.name for t in page.tags.all())
        rows.append(row)
    return rows


def block_named(block: dict) -> tuple[str, str]:
    """A body block without its id, pages it points at named by URL path."""
    value = block["value"]
    if isinstance(value, dict):  # the related-story box: {"article": <page id>}
        value = {k: url_of(v) if k in ("article", "page") else v for k, v in value.items()}
    return block["type"], links_named(json.dumps(value))


def links_named(text: str) -> str:
    """Rich text with its links to pages naming the page's URL path instead of its id."""
    return re.sub(r'linktype=\\?"page\\?" id=\\?"(\d+)\\?"', lambda m: f"page={url_of(m[1])}", text)


def pages_named(text: str) -> str:
    """A log entry's data (a move's source and destination) with URL paths for page ids."""
    return re.sub(r"'id': (\d+)", lambda m: f"'page': {url_of(m[1])}", text)


def feed_named(link: str) -> str:
    """An old comment feed's redirect target (`/feed/comments/<page id>/`) by page path."""
    return re.sub(r"^/feed/comments/(\d+)/$", lambda m: f"comments of {url_of(m[1])}", link)


def comment_key(comment_id) -> tuple | None:
    if comment_id is None:
        return None
    parent = Comment.objects.get(pk=comment_id)
    return (url_of(parent.page_id), parent.author_name, parent.body)


def described(content_type_id, object_id) -> str:
    """An object named by what it is, not its id (PostgreSQL's sequences outlive a rollback)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if issubclass(model, Page):
        return url_of(object_id)
    return f"{model.__name__}: {model.objects.get(pk=object_id)}"


def mapped(kind: str, object_id) -> object:
    models = {"author": Author, "tag": Tag, "attachment": Image, "comment": Comment}
    if object_id is None or kind not in models:
        return url_of(object_id)
    return (
        comment_key(object_id) if kind == "comment" else str(models[kind].objects.get(pk=object_id))
    )


def without_ids(content_path: str) -> str:
    """A reference's path with its block ids and child rows' ids left out."""
    return ".".join(
        "*" if part.isdigit() or len(part) == 36 else part for part in content_path.split(".")
    )


def snapshot() -> dict:
    return {
        "pages": page_rows(),
        "problems": [len(found) for found in Page.find_problems()],
        "history": ordered(
            (url_of(e.page_id), e.action, e.label, e.content_type_id, pages_named(repr(e.data)))
            for e in PageLogEntry.objects.all()
        ),
        "revisions": ordered(
            (url_of(r.object_id), r.content_type_id, r.approved_go_live_at)
            for r in Revision.objects.all()
        ),
        "references": ordered(
            (
                url_of(r.object_id),
                described(r.to_content_type_id, r.to_object_id),
                r.model_path,
                without_ids(r.content_path),
                r.content_type_id,
            )
            for r in ReferenceIndex.objects.all()
        ),  # fmt: skip
        "comments": ordered(
            (
                url_of(c.page_id),
                comment_key(c.parent_id),
                c.depth,
                c.author_name,
                c.author_email,
                c.author_url,
                c.body,
                c.body_html,
                c.status,
                c.kind,
                c.created_at,
                c.ip_address,
            )
            for c in Comment.objects.all()
        ),  # fmt: skip
        "redirects": ordered(
            (
                r.old_path,
                r.site_id,
                r.is_permanent,
                url_of(r.redirect_page_id),
                feed_named(r.redirect_link),
            )
            for r in Redirect.objects.all()
        ),
        "mapping": ordered(
            (
                o.site,
                o.kind,
                o.key,
                o.guid,
                o.parent_key,
                o.url,
                repr(o.meta),
                mapped(o.kind, o.object_id),
            )
            for o in WordPressObject.objects.all()
        ),  # fmt: skip
        "restrictions": ordered(
            (url_of(r.page_id), r.restriction_type, r.password)
            for r in PageViewRestriction.objects.all()
        ),
        "view_totals": ordered((url_of(t.page_id), t.views) for t in PageViewTotal.objects.all()),
        "tags": ordered(Tag.objects.values_list("name", "slug")),
        "search": [p.url_path for p in ArticlePage.objects.live().search("river")],
    }


def import_and_snapshot(*names: str, bulk: bool) -> tuple[dict, str]:
    savepoint = transaction.savepoint()
    try:
        report = str(WordPressImport([fixture(n) for n in names], bulk=bulk).run())
        return snapshot(), report
    finally:
        transaction.savepoint_rollback(savepoint)


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of two posts and three redirects: every flush order is met in a small file."""
    monkeypatch.setattr(new_pages, "BATCH", 2)
    monkeypatch.setattr(redirects, "BATCH", 3)


def assert_same(bulk: dict, one_by_one: dict) -> None:
    for mine, theirs in zip(bulk["pages"], one_by_one["pages"], strict=True):
        differ = {k: (mine.get(k), theirs.get(k)) for k in mine.keys() | theirs.keys()
                  if mine.get(k) != theirs.get(k)}  # fmt: skip
        assert not differ, (theirs["url_path"], differ)
    for table in one_by_one:
        assert bulk[table] == one_by_one[table], table
    assert bulk["problems"] == [0] * len(bulk["problems"])


def test_bulk_path_writes_what_page_by_page_saves_write(home):
    one_by_one, report_one = import_and_snapshot("site-1.2.xml", bulk=False)
    bulk, report_bulk = import_and_snapshot("site-1.2.xml", bulk=True)
    assert len(bulk["pages"]) > 10 and bulk["comments"] and bulk["redirects"]
    assert_same(bulk, one_by_one)
    assert report_bulk == report_one


def test_many_small_batches_and_two_files(home, small_batches):
    names = ("split-1.xml", "split-2.xml", "site-1.2.xml")
    one_by_one, _ = import_and_snapshot(*names, bulk=False)
    bulk, _ = import_and_snapshot(*names, bulk=True)
    assert_same(bulk, one_by_one)


def test_bulk_written_pages_are_announced_once(home):
    announced = []

    def receiver(sender, page_ids, **kwargs):
        announced.append(sorted(page_ids))

    pages_written_in_bulk.connect(receiver)
    try:
        WordPressImport([fixture("site-1.2.xml")]).run()
    finally:
        pages_written_in_bulk.disconnect(receiver)
    posts = WordPressObject.objects.filter(kind="post").exclude(object_id=None)
    scheduled = {p.pk for p in ArticlePage.objects.filter(go_live_at__isnull=False)}
    expected = sorted(set(posts.values_list("object_id", flat=True)) - scheduled)
    assert announced == [expected]


def test_reimport_after_bulk_changes_nothing(home, small_batches):
    WordPressImport([fixture("site-1.2.xml")]).run()
    before = snapshot()
    report = run_import("site-1.2.xml")
    assert "post: 0 imported, 7 updated" in report
    after = snapshot()
    for table in ("problems", "comments", "redirects", "restrictions", "view_totals", "tags"):
        assert after[table] == before[table], table
    assert [p["url_path"] for p in after["pages"]] == [p["url_path"] for p in before["pages"]]


def test_bulk_pages_keep_their_dates_and_are_live(home):
    WordPressImport([fixture("site-1.2.xml")]).run()
    river = ArticlePage.objects.get(title__startswith="River floods")
    assert river.live and river.first_published_at is not None
    assert isinstance(river.publication_date, date)
    assert river.get_parent().specific.title == "Local & Regional"
    assert river.url_path.endswith(f"/{river.slug}/")


@pytest.mark.parametrize("bulk", [True, False])
def test_tag_usage_is_complete_after_a_first_import(home, bulk):
    """The admin's tag usage counts are read from Wagtail's reference index."""
    WordPressImport([fixture("site-1.2.xml")], bulk=bulk).run()
    tag_type = ContentType.objects.get_for_model(Tag)
    used = ReferenceIndex.objects.filter(to_content_type=tag_type)
    tagged = ArticlePage.tags.through.objects.all()
    assert sorted((r.object_id, r.to_object_id) for r in used) == sorted(
        (str(t.content_object_id), str(t.tag_id)) for t in tagged
    )
    assert tagged.count() == 3


def test_a_bulk_written_post_without_late_links_has_its_references(home, tmp_path):
    """Its references are written with its batch, not read back at the end of the run."""
    items = wxr.item(31, "tagged-one", tags=(("harbour", "Harbour"),)) + wxr.item(32, "plain")
    run = WordPressImport([wxr.write(tmp_path, wxr.export(items))])
    run.run()
    page = ArticlePage.objects.get(slug="tagged-one")
    assert page.pk in run.new_pages.written and not run.pending_bodies
    tag_type = ContentType.objects.get_for_model(Tag)
    used = ReferenceIndex.objects.filter(object_id=str(page.pk), to_content_type=tag_type)
    assert list(used.values_list("to_object_id", flat=True)) == [str(page.tags.get().pk)]
