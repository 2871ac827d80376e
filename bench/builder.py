"""Build the benchmark database fast: rows in bulk, never one save() per page.

A save per page costs a few milliseconds (tree locking, revisions, signals, search
indexing); 100,000 of them would take hours. Here every tree path, depth and child count is
computed in Python (treebeard's materialised path: four base-36 characters per level),
pages and their ArticlePage rows, tags, bylines, comments and a year of daily view rows go in
with multi-row INSERTs, and the search index is written with the search backend's own bulk
add. Run it on a freshly migrated database (the home page and "Uncategorized" exist, no
article does).
"""

from __future__ import annotations

import json
import random
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry

from newsdesk.articles.models import ArticlePage, ArticlePageTag, Author, HomePage, SectionPage
from newsdesk.comments.models import Comment
from newsdesk.rows import Prepared, RowWriter

from . import content, readership

CHUNK = 2000
ARTICLE_INTERVAL = timedelta(minutes=53)  # 100,000 articles span about ten years
COMMENT_INTERVAL = timedelta(minutes=17)


@dataclass
class BuildResult:
    articles: int
    comments: int
    seconds: float
    article_id: int  # the benchmarked article
    article_number: int
    daily_views: int  # rows of a year of counted views (readership.py)


class BuildError(RuntimeError):
    pass


def build(articles: int, comments: int, log=print) -> BuildResult:
    """Fill an empty, migrated database with `articles` articles and `comments` comments."""
    if articles < 2:
        raise BuildError("The benchmark needs at least 2 articles.")
    if ArticlePage.objects.exists():
        raise BuildError("The database already has articles: build into an empty one.")
    started = time.monotonic()
    home = HomePage.objects.get()
    sections = _sections(home)
    tags = _tags(max(20, min(500, articles // 200)))
    authors = _authors(max(2, min(60, articles // 500 + 2)))
    plan = _Plan(home, sections, tags, authors, articles)
    for first in range(1, articles + 1, CHUNK):
        with transaction.atomic():
            plan.insert_articles(range(first, min(first + CHUNK, articles + 1)))
        log(f"  articles {min(first + CHUNK - 1, articles):>9,}/{articles:,}")
    plan.finish_tree()
    _insert_comments(plan, comments, log)
    daily_views = readership.write(plan, log)
    _reset_sequences()
    _index_for_search(plan, authors, log)
    _analyze()
    return BuildResult(
        articles=articles,
        comments=comments,
        seconds=time.monotonic() - started,
        article_id=plan.page_id(bench_article_number(articles)),
        article_number=bench_article_number(articles),
        daily_views=daily_views,
    )


def bench_article_number(articles: int) -> int:
    """The benchmarked article: the middle of the archive, so neither the newest nor a
    rarely touched end of the tables."""
    return max(1, articles // 2)


def _sections(home: HomePage) -> list[SectionPage]:
    existing = {s.title: s for s in SectionPage.objects.child_of(home)}
    for title in content.SECTIONS:
        if title not in existing:
            section = SectionPage(title=title, slug=slugify(title))
            home.add_child(instance=section)
            existing[title] = section
    return [SectionPage.objects.get(pk=existing[title].pk) for title in content.SECTIONS]


def _tags(count: int) -> list[Tag]:
    names = content.tag_names(count)
    Tag.objects.bulk_create([Tag(name=name, slug=slugify(name)) for name in names])
    by_name = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    return [by_name[name] for name in names]


def _authors(count: int) -> list[Author]:
    names = content.author_names(count)
    Author.objects.bulk_create([Author(name=name, slug=slugify(name)) for name in names])
    by_name = {author.name: author for author in Author.objects.filter(name__in=names)}
    return [by_name[name] for name in names]


class _Plan:
    """Ids, paths and dates of the articles, computed from their number (1 = oldest)."""

    def __init__(self, home, sections, tags, authors, articles: int):
        self.sections, self.tags, self.authors, self.articles = sections, tags, authors, articles
        self.first_id = (Page.objects.aggregate(Max("pk"))["pk__max"] or 0) + 1
        self.children = {section.pk: section.numchild for section in sections}
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        self.locale_id = Locale.get_default().pk
        self.newest = timezone.now().replace(microsecond=0) - timedelta(hours=1)
        # On SQLite the index rows are plain text written with the articles; elsewhere
        # (PostgreSQL's weighted tsvectors) the backend's own bulk add writes them after.
        self.write_fts_entries = _sqlite_search_backend()
        self.page_writer = RowWriter(Page)
        self.article_writer = RowWriter(ArticlePage, local=True)

    def page_id(self, number: int) -> int:
        return self.first_id + number - 1

    def section_of(self, number: int) -> SectionPage:
        return self.sections[number % len(self.sections)]

    def date_of(self, number: int):
        return self.newest - (self.articles - number) * ARTICLE_INTERVAL

    def insert_articles(self, numbers: range) -> None:
        pages, rows, taggings, bylines, entries = [], [], [], [], []
        Byline = ArticlePage.authors.through
        for number in numbers:
            page, row, text = self._article(number)
            pages.append(page)
            rows.append(row)
            tags = [self.tags[i] for i in content.article_tags(number, len(self.tags))]
            taggings += [ArticlePageTag(tag_id=t.pk, content_object_id=page["id"]) for t in tags]
            author = self.authors[content.article_author(number, len(self.authors))]
            bylines.append(Byline(articlepage_id=page["id"], author_id=author.pk))
            if self.write_fts_entries:
                entries.append(self._index_entry(page, text, tags, author))
        # Django's bulk_create refuses multi-table models (and building 100,000 page objects
        # costs more than inserting them): the page and article rows go in as plain rows.
        self.page_writer.write(pages)
        self.article_writer.write(rows)
        ArticlePageTag.objects.bulk_create(taggings, batch_size=1000)
        Byline.objects.bulk_create(bylines, batch_size=1000)
        IndexEntry.objects.bulk_create(entries, batch_size=500)

    def _index_entry(self, page, text, tags, author) -> IndexEntry:
        """The search index row the SQLite backend would write for the article: the words of
        its title, excerpt, body, tags and byline (its triggers fill the FTS5 table)."""
        body = " ".join([text, *(t.name for t in tags), author.name])
        return IndexEntry(
            content_type_id=self.content_type_id,
            object_id=str(page["id"]),
            title=page["title"],
            autocomplete=page["title"],
            body=body,
        )

    def _article(self, number: int) -> tuple[dict, dict, str]:
        section = self.section_of(number)
        self.children[section.pk] += 1
        title = content.headline(number)
        slug = slugify(title)
        date = self.date_of(number)
        pk = self.page_id(number)
        path = ArticlePage._get_path(section.path, section.depth + 1, self.children[section.pk])
        page = {
            "id": pk,
            "title": title,
            "draft_title": title,
            "slug": slug,
            "content_type_id": self.content_type_id,
            "path": path,
            "depth": section.depth + 1,
            "numchild": 0,
            "url_path": f"{section.url_path}{slug}/",
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": date,
            "last_published_at": date,
            "latest_revision_created_at": date,
            "locale_id": self.locale_id,
            "translation_key": uuid.uuid4(),
        }
        # Every third article has an editor-placed related box (the rest get the automatic one).
        related = pk - 1 if number % 3 == 0 and number > 1 else None
        excerpt = content.excerpt(number)
        blocks = content.body_blocks(number, related)
        row = {
            "page_ptr_id": pk,
            "excerpt": excerpt,
            "body": Prepared(json.dumps(blocks)),
            "publication_date": date,
            "comments_open": True,
        }
        return page, row, f"{excerpt} {content.body_text(blocks)}"

    def finish_tree(self) -> None:
        for section in self.sections:
            Page.objects.filter(pk=section.pk).update(numchild=self.children[section.pk])


def _comment_rows(plan: _Plan, number: int, count: int, next_id: int) -> list[dict]:
    """`count` comments on one article, a third of them replies, one in twenty pending."""
    rng = random.Random(number)
    page_id = plan.page_id(number)
    created = plan.date_of(number)
    now = timezone.now()
    depths: dict[int, int] = {}
    rows = []
    for index in range(count):
        pk = next_id + index
        parent_id = rng.choice(list(depths)) if depths and rng.random() < 0.33 else None
        depth = min(depths[parent_id] + 1, 4) if parent_id else 1
        status = "pending" if rng.random() < 0.05 else "approved"
        if status == "approved" and depth < 4:
            depths[pk] = depth
        created = min(created + COMMENT_INTERVAL * rng.random(), now)
        name, email = content.commenter(rng)
        rows.append(
            {
                "id": pk,
                "page_id": page_id,
                "parent_id": parent_id,
                "depth": depth,
                "author_name": name,
                "author_email": email,
                "body": content.comment_text(rng),
                "status": status,
                "created_at": created,
            }
        )
    return rows


def _insert_comments(plan: _Plan, total: int, log) -> None:
    writer = RowWriter(Comment)
    next_id = (Comment.objects.aggregate(Max("pk"))["pk__max"] or 0) + 1
    per_article, extra = divmod(total, plan.articles)
    rows: list[dict] = []
    written = 0
    for number in range(1, plan.articles + 1):
        count = per_article + (1 if number <= extra else 0)
        rows += _comment_rows(plan, number, count, next_id)
        next_id += count
        if len(rows) >= 20_000 or number == plan.articles:
            writer.write(rows)
            written += len(rows)
            rows = []
            log(f"  comments {written:>9,}/{total:,}")


def _reset_sequences() -> None:
    """PostgreSQL's id sequences do not see explicit ids; move them past the new rows."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Page, Comment])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _sqlite_search_backend() -> bool:
    if connection.vendor != "sqlite":
        return False  # the SQLite backend's module cannot even be imported elsewhere
    from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend

    backends = list(get_search_backends(with_auto_update=True))
    return len(backends) == 1 and isinstance(backends[0], SQLiteSearchBackend)


def _index_for_search(plan: _Plan, authors: list[Author], log) -> None:
    backends = list(get_search_backends(with_auto_update=True))
    for backend in backends:
        backend.add_bulk(Author, authors)
    if plan.write_fts_entries:
        from wagtail.search.backends.database.sqlite.sqlite import SQLiteIndex

        # New rows carry title_norm 1.0; the backend sets the real value (one UPDATE).
        SQLiteIndex(backends[0])._refresh_title_norms()
        return
    for first in range(1, plan.articles + 1, CHUNK):
        ids = [plan.page_id(n) for n in range(first, min(first + CHUNK, plan.articles + 1))]
        chunk = list(ArticlePage.objects.filter(pk__in=ids).prefetch_related("tags", "authors"))
        with transaction.atomic():
            for backend in backends:
                backend.add_bulk(ArticlePage, chunk)
        log(f"  search index {first + len(ids) - 1:>9,}/{plan.articles:,}")


def _analyze() -> None:
    """Give the query planner statistics of the new tables, as a live site would have."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
