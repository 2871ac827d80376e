"""The WXR 1.2 file: channel, authors, categories, tags, attachments, posts, pages, comments.

Post ids are page ids; attachment ids are image ids moved past the highest page id (WordPress
keeps posts and attachments in one id space); comment ids are comment ids.
"""

from __future__ import annotations

import gzip
from datetime import UTC

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from taggit.models import Tag, TaggedItem
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from newsdesk.articles.models import ArticlePage, ArticlePageTag, Author, SectionPage
from newsdesk.comments.models import Comment
from newsdesk.pages.models import StandardPage
from newsdesk.pageviews.counting import read_counts

from ..convert.comment_html import wxr_comment_content
from ..importer.status import is_scheduled_page
from ..models import WordPressObject
from .blocks import body_markup
from .xml import cdata, element, escape

NAMESPACES = (
    'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/1.2/"'
)
COMMENT_STATUS = {"approved": "1", "pending": "0", "spam": "spam", "trash": "trash"}


def export_site(path) -> dict[str, int]:
    """Write the export to `path` (gzip-compressed if it ends in .gz); return counts."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as out:
        return Exporter(out).write()


def wp_date(value, utc: bool) -> str:
    if value is None:
        return "0000-00-00 00:00:00"
    value = value.astimezone(UTC) if utc else timezone.localtime(value)
    return value.strftime("%Y-%m-%d %H:%M:%S")


class Exporter:
    def __init__(self, out):
        self.out = out
        site = Site.objects.filter(is_default_site=True).first()
        self.base_url = (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        self.image_offset = (Page.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        self.images = {}
        self.counts = {"post": 0, "page": 0, "comment": 0, "attachment": 0}
        self.section_slugs = dict(SectionPage.objects.values_list("pk", "slug"))
        # WordPress names of tags that had to be named apart on import (importer/terms.py).
        self.tag_names = {
            row.object_id: row.meta["name"]
            for row in WordPressObject.objects.filter(kind=WordPressObject.Kind.TAG)
            if row.meta.get("name")
        }

    def w(self, text: str) -> None:
        self.out.write(text)
        self.out.write("\n")

    def write(self) -> dict[str, int]:
        self.w('<?xml version="1.0" encoding="UTF-8" ?>')
        self.w(f'<rss version="2.0" {NAMESPACES}>')
        self.w("<channel>")
        self.w(element("title", settings.WAGTAIL_SITE_NAME))
        self.w(f"<link>{escape(self.base_url)}</link>")
        self.w("<description></description>")
        self.w(f"<language>{escape(settings.LANGUAGE_CODE)}</language>")
        self.w("<wp:wxr_version>1.2</wp:wxr_version>")
        self.w(f"<wp:base_site_url>{escape(self.base_url)}</wp:base_site_url>")
        self.w(f"<wp:base_blog_url>{escape(self.base_url)}</wp:base_blog_url>")
        self._authors()
        self._categories()
        self._tags()
        self._attachments()
        for page in ArticlePage.objects.order_by("path").iterator(chunk_size=200):
            self._item(page, "post")
        for page in StandardPage.objects.order_by("path").iterator(chunk_size=200):
            self._item(page, "page")
        self.w("</channel>")
        self.w("</rss>")
        return self.counts

    # -- the channel's terms ------------------------------------------------------------
    def _authors(self) -> None:
        for author in Author.objects.order_by("pk"):
            self.w(
                "<wp:author>"
                f"<wp:author_id>{author.pk}</wp:author_id>"
                + element("wp:author_login", author.slug)
                + element("wp:author_email", author.email)
                + element("wp:author_display_name", author.name)
                + element("wp:author_first_name", "")
                + element("wp:author_last_name", "")
                + "</wp:author>"
            )

    def _categories(self) -> None:
        parents = self._category_parents()
        for section in SectionPage.objects.order_by("path"):
            self.w(
                "<wp:category>"
                f"<wp:term_id>{section.pk}</wp:term_id>"
                + element("wp:category_nicename", section.slug)
                + element("wp:category_parent", parents.get(section.pk, ""))
                + element("wp:cat_name", section.title)
                + element("wp:category_description", section.description)
                + "</wp:category>"
            )

    def _category_parents(self) -> dict[int, str]:
        """Category hierarchy kept from an import (sections themselves are flat)."""
        rows = WordPressObject.objects.filter(kind=WordPressObject.Kind.CATEGORY)
        by_key = {(row.site, row.key): row.object_id for row in rows}
        parents = {}
        for row in rows:
            parent_id = by_key.get((row.site, row.parent_key))
            if row.parent_key and parent_id in self.section_slugs:
                parents[row.object_id] = self.section_slugs[parent_id]
        return parents

    def _tags(self) -> None:
        # Every post tag, used or not; a tag only other models use (images) is not one.
        used = ArticlePageTag.objects.values_list("tag_id", flat=True)
        others = TaggedItem.objects.exclude(tag_id__in=used).values_list("tag_id", flat=True)
        for tag in Tag.objects.exclude(pk__in=others).order_by("pk"):
            self.w(
                "<wp:tag>"
                f"<wp:term_id>{tag.pk}</wp:term_id>"
                + element("wp:tag_slug", tag.slug)
                + element("wp:tag_name", self.tag_names.get(tag.pk, tag.name))
                + "</wp:tag>"
            )

    # -- items --------------------------------------------------------------------------
    def _attachments(self) -> None:
        for image in get_image_model().objects.order_by("pk").iterator(chunk_size=200):
            url = self._absolute(image.file.url)
            self.images[image.pk] = url
            attachment_id = image.pk + self.image_offset
            self.counts["attachment"] += 1
            meta = self._meta("_wp_attachment_image_alt", image.description)
            self.w(
                "<item>"
                + element("title", image.title)
                + f"<link>{escape(url)}</link>"
                + f'<guid isPermaLink="false">{escape(url)}</guid>'
                + element("content:encoded", "")
                + element("excerpt:encoded", "")
                + f"<wp:post_id>{attachment_id}</wp:post_id>"
                + element("wp:post_date", wp_date(image.created_at, utc=False))
                + element("wp:post_date_gmt", wp_date(image.created_at, utc=True))
                + element("wp:post_name", f"image-{image.pk}")
                + element("wp:status", "inherit")
                + "<wp:post_parent>0</wp:post_parent>"
                + element("wp:post_type", "attachment")
                + element("wp:attachment_url", url)
                + meta
                + "</item>"
            )

    def _item(self, page: Page, post_type: str) -> None:
        self.counts[post_type] += 1
        status, password = self._status(page)
        date = (
            getattr(page, "publication_date", None)
            or page.first_published_at
            or (page.go_live_at or page.latest_revision_created_at)
        )
        url = page.get_full_url() or f"{self.base_url}/?p={page.pk}"
        body = body_markup(
            list(page.body.raw_data),
            self.base_url,
            self.images.get,
            lambda image_id: image_id + self.image_offset,
        )
        parent = page.get_parent()
        parent_id = (
            parent.pk if post_type == "page" and isinstance(parent.specific, StandardPage) else 0
        )
        parts = [
            "<item>",
            element("title", page.title),
            f"<link>{escape(url)}</link>",
            f'<guid isPermaLink="false">{escape(self.base_url)}/?p={page.pk}</guid>',
            element("dc:creator", self._creator(page)),
            element("content:encoded", body),
            element("excerpt:encoded", getattr(page, "excerpt", "")),
            f"<wp:post_id>{page.pk}</wp:post_id>",
            element("wp:post_date", wp_date(date, utc=False)),
            element(
                "wp:post_date_gmt",
                wp_date(date, utc=True) if status != "draft" else wp_date(None, True),
            ),
            element(
                "wp:comment_status", "open" if getattr(page, "comments_open", False) else "closed"
            ),
            element("wp:ping_status", "closed"),
            element("wp:post_name", page.slug),
            element("wp:status", status),
            f"<wp:post_parent>{parent_id}</wp:post_parent>",
            "<wp:menu_order>0</wp:menu_order>",
            element("wp:post_type", post_type),
            element("wp:post_password", password),
            f"<wp:is_sticky>{1 if getattr(page, 'featured', False) else 0}</wp:is_sticky>",
        ]
        if post_type == "post":
            parts += self._filing(page)
        parts += self._post_meta(page)
        self.w("".join(parts))
        self._comments(page)
        self.w("</item>")

    def _status(self, page: Page) -> tuple[str, str]:
        restriction = PageViewRestriction.objects.filter(page=page).first()
        if restriction is not None and restriction.restriction_type == PageViewRestriction.PASSWORD:
            return ("publish" if page.live else "draft"), restriction.password
        if page.live:
            return ("private" if restriction is not None else "publish"), ""
        if is_scheduled_page(page):
            return "future", ""
        return "draft", ""

    def _creator(self, page: Page) -> str:
        authors = list(page.authors.all()) if isinstance(page, ArticlePage) else []
        return authors[0].slug if authors else ""

    def _filing(self, page: ArticlePage) -> list[str]:
        section = page.get_parent().specific
        sections = [section] + [s for s in page.further_sections.all() if s.pk != section.pk]
        parts = [
            f'<category domain="category" nicename="{escape(s.slug)}">{cdata(s.title)}</category>'
            for s in sections
        ]
        parts += [
            f'<category domain="post_tag" nicename="{escape(t.slug)}">'
            f"{cdata(self.tag_names.get(t.pk, t.name))}</category>"
            for t in page.tags.all()
        ]
        return parts

    def _post_meta(self, page: Page) -> list[str]:
        meta = []
        if getattr(page, "image_id", None) and page.image_id in self.images:
            meta.append(self._meta("_thumbnail_id", page.image_id + self.image_offset))
        if page.seo_title:
            meta.append(self._meta("_yoast_wpseo_title", page.seo_title))
        if page.search_description:
            meta.append(self._meta("_yoast_wpseo_metadesc", page.search_description))
        views = read_counts(page.pk).total
        if views:
            meta.append(self._meta("post_views_count", views))
        if isinstance(page, ArticlePage):
            slugs = [author.slug for author in page.authors.all()]
            if len(slugs) > 1:
                meta.append(self._meta("_newsdesk_authors", ",".join(slugs)))
        return meta

    def _meta(self, key: str, value) -> str:
        if value in (None, ""):
            return ""
        return (
            "<wp:postmeta>"
            + element("wp:meta_key", key)
            + element("wp:meta_value", value)
            + "</wp:postmeta>"
        )

    def _comments(self, page: Page) -> None:
        for comment in (
            Comment.objects.filter(page=page).order_by("depth", "pk").iterator(chunk_size=500)
        ):
            self.counts["comment"] += 1
            kind = comment.kind if comment.kind != "comment" else ""
            self.w(
                "<wp:comment>"
                f"<wp:comment_id>{comment.pk}</wp:comment_id>"
                + element("wp:comment_author", comment.author_name)
                + element("wp:comment_author_email", comment.author_email)
                + f"<wp:comment_author_url>{escape(comment.author_url)}</wp:comment_author_url>"
                + element("wp:comment_author_IP", comment.ip_address or "")
                + element("wp:comment_date", wp_date(comment.created_at, utc=False))
                + element("wp:comment_date_gmt", wp_date(comment.created_at, utc=True))
                + element(
                    "wp:comment_content", wxr_comment_content(comment.body, comment.body_html)
                )
                + element("wp:comment_approved", COMMENT_STATUS.get(comment.status, "0"))
                + element("wp:comment_type", kind)
                + f"<wp:comment_parent>{comment.parent_id or 0}</wp:comment_parent>"
                + "<wp:comment_user_id>0</wp:comment_user_id>"
                + "</wp:comment>"
            )

    def _absolute(self, url: str) -> str:
        return url if "://" in url else self.base_url + url
