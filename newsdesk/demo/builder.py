"""Creating the demo site's objects from content.py: sections, authors, images, articles
(published through Wagtail revisions) and reader comments."""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, PageLogEntry

from newsdesk.articles.models import ArticleNote, ArticlePage, Author, HomePage, SectionPage
from newsdesk.comments.models import Comment

from . import content
from .images import create_image

# Editor-placed related boxes go after this many paragraphs.
RELATED_AFTER_PARAGRAPH = 2
USER_AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36",
]


@dataclass
class Summary:
    sections: int = 0
    authors: int = 0
    images: int = 0
    live: int = 0
    scheduled: int = 0
    drafts: int = 0
    related_boxes: int = 0
    comments: dict[str, int] = field(default_factory=dict)

    @property
    def articles(self) -> int:
        return self.live + self.scheduled + self.drafts


class DemoBuilder:
    """Builds the demo once; `user` becomes the owner and author of every revision."""

    def __init__(self, user=None, now: datetime | None = None):
        self.user = user
        self.now = now or timezone.now()
        self.summary = Summary()
        self.pages: dict[str, ArticlePage] = {}
        self.published_at: dict[str, datetime] = {}

    def build(self) -> Summary:
        home = HomePage.objects.get()
        sections = {s.key: self.section(home, s) for s in content.SECTIONS}
        sections[None] = SectionPage.get_default()
        writers = {w.key: self.author(w) for w in content.WRITERS}
        for story in content.STORIES:
            self.pages[story.key] = self.article(story, sections, writers)
        for story in content.STORIES:
            if story.related:
                self.place_related_boxes(story)
        for story in content.STORIES:
            self.backdate_history(story)
        for key, remarks in content.COMMENTS.items():
            self.comments(key, remarks)
        return self.summary

    # -- structure -------------------------------------------------------------------------

    def section(self, home: HomePage, spec: content.Section) -> SectionPage:
        slug = slugify(spec.title)
        existing = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if existing is not None:
            return existing
        section = SectionPage(
            title=spec.title,
            slug=slug,
            description=spec.description,
            live=False,
            owner=self.user,
            first_published_at=self.now - timedelta(days=40),
        )
        home.add_child(instance=section)
        section.save_revision(user=self.user).publish(user=self.user)
        self._backdate(section.pk, [self.now - timedelta(days=40)])
        self.summary.sections += 1
        return SectionPage.objects.get(pk=section.pk)

    def author(self, spec: content.Writer) -> Author:
        author, created = Author.objects.get_or_create(
            slug=slugify(spec.name, allow_unicode=True),
            defaults={
                "name": spec.name,
                "bio": spec.bio,
                "website": spec.website,
                "email": spec.email,
            },
        )
        self.summary.authors += created
        return author

    def picture(self, picture: content.Picture):
        self.summary.images += 1
        return create_image(picture.title, picture.label, picture.palette, picture.motif)

    # -- articles --------------------------------------------------------------------------

    def article(self, story: content.Story, sections, writers) -> ArticlePage:
        when = self.now - timedelta(hours=story.hours_ago, minutes=_minutes(story.key))
        page = ArticlePage(
            title=story.title,
            slug=slugify(story.title),
            excerpt=story.excerpt,
            image=self.picture(story.picture) if story.picture else None,
            body=[self._block(block) for block in story.body],
            comments_open=story.comments_open,
            live=False,
            owner=self.user,
        )
        page.authors = [writers[key] for key in story.authors]
        page.further_sections = [sections[key] for key in story.further]
        page.tags.add(*story.tags)
        page.notes = [
            ArticleNote(
                kind=note.kind,
                date=min(when + timedelta(hours=note.hours_after), self.now),
                text=note.text,
                position=note.position,
            )
            for note in story.notes
        ]
        if story.state == "live":
            page.publication_date = when
            page.first_published_at = when
            self.published_at[story.key] = when
        elif story.state == "scheduled":
            page.go_live_at = when
        sections[story.section].add_child(instance=page)

        revision = page.save_revision(user=self.user)
        if story.state == "draft":
            self.summary.drafts += 1
        else:
            # A go_live_at in the future makes this a scheduled publication, not a live page.
            revision.publish(user=self.user)
            if story.state == "scheduled":
                self.summary.scheduled += 1
            else:
                self.summary.live += 1
        return ArticlePage.objects.get(pk=page.pk)

    def _block(self, block):
        kind, value = block
        if kind == "image":
            picture = value["picture"]
            value = {k: v for k, v in value.items() if k != "picture"}
            value["image"] = self.picture(picture)
        return kind, value

    def place_related_boxes(self, story: content.Story) -> None:
        """Second pass, now that every target exists: add the editor's related boxes and
        publish the change as a new revision."""
        page = ArticlePage.objects.get(pk=self.pages[story.key].pk)
        blocks = [(block.block_type, block.value) for block in page.body]
        paragraphs = [i for i, (kind, _) in enumerate(blocks) if kind == "paragraph"]
        position = paragraphs[min(RELATED_AFTER_PARAGRAPH, len(paragraphs)) - 1] + 1
        for key in reversed(story.related):
            blocks.insert(position, ("related", {"article": self.pages[key]}))
            self.summary.related_boxes += 1
        page.body = blocks
        revision = page.save_revision(user=self.user)
        if page.live:
            revision.publish(user=self.user)
        self.pages[story.key] = ArticlePage.objects.get(pk=page.pk)

    def backdate_history(self, story: content.Story) -> None:
        """Date the revisions and log entries as if written when the article came out."""
        page = self.pages[story.key]
        if story.state == "live":
            start = self.published_at[story.key]
        elif story.state == "scheduled":
            start = self.now - timedelta(hours=1)
        else:
            start = self.now - timedelta(hours=3)
        count = page.revisions.count()
        self._backdate(page.pk, [start + timedelta(minutes=15 * i) for i in range(count)])

    def _backdate(self, page_id: int, times: list[datetime]) -> None:
        page = Page.objects.get(pk=page_id)
        times = [min(t, self.now) for t in times]
        for revision, when in zip(page.revisions.order_by("pk"), times, strict=False):
            type(revision).objects.filter(pk=revision.pk).update(created_at=when)
        for entry, when in zip(
            PageLogEntry.objects.filter(page_id=page_id).order_by("pk"), times, strict=False
        ):
            PageLogEntry.objects.filter(pk=entry.pk).update(timestamp=when)
        changes = {"latest_revision_created_at": times[-1]}
        if page.live:
            changes["last_published_at"] = times[-1]
        Page.objects.filter(pk=page_id).update(**changes)

    # -- comments --------------------------------------------------------------------------

    def comments(self, key: str, remarks: list[content.Remark]) -> None:
        page = self.pages[key]
        flat: list[tuple[content.Remark, int | None]] = []

        def walk(items, parent_index):
            for remark in items:
                flat.append((remark, parent_index))
                walk(remark.replies, len(flat) - 1)

        walk(remarks, None)
        start = self.published_at[key] + timedelta(minutes=10)
        end = min(self.published_at[key] + timedelta(days=3), self.now - timedelta(minutes=2))
        step = (end - start) / (len(flat) + 1)
        saved: list[Comment] = []
        for i, (remark, parent_index) in enumerate(flat):
            created = start + step * (i + 1)
            comment = Comment(
                page=page,
                parent=saved[parent_index] if parent_index is not None else None,
                author_name=remark.name,
                author_email=_email(remark.name),
                author_url=remark.url,
                body=remark.text,
                status=remark.status,
                created_at=created,
                ip_address=_ip_address(remark.name),
                user_agent=USER_AGENTS[zlib.crc32(remark.name.encode()) % len(USER_AGENTS)],
            )
            if remark.status != Comment.Status.PENDING:
                comment.moderated_at = min(created + timedelta(minutes=20), self.now)
                comment.moderated_by = self.user
            comment.save()
            saved.append(comment)
            self.summary.comments[remark.status] = self.summary.comments.get(remark.status, 0) + 1


def _minutes(key: str) -> int:
    """A stable number of minutes, so that articles don't all appear on the hour."""
    return random.Random(key).randint(0, 50)


def _email(name: str) -> str:
    return f"{slugify(name).replace('-', '.')}@example.org"


def _ip_address(name: str) -> str:
    """An address from the ranges reserved for documentation (RFC 5737 and RFC 3849)."""
    n = zlib.crc32(name.encode())
    if n % 5 == 0:
        return f"2001:db8::{n % 0xFFFF:x}"
    prefix = ["192.0.2", "198.51.100", "203.0.113"][n % 3]
    return f"{prefix}.{n % 250 + 2}"
