"""A post's comments: statuses mapped, threads rebuilt from parent ids in any file order.

Every new comment gets its id before anything is written, so a reply that comes before its
parent in the file still gets its parent, and many posts' comments go in together with one
prepared INSERT (`Comments`), parents before their replies.
"""

from __future__ import annotations

import html
import ipaddress

import nh3
from django.utils import timezone

from newsdesk.comments.links import is_safe_url
from newsdesk.comments.models import Comment
from newsdesk.rows import reserve_ids

from ..convert.comment_html import comment_bodies
from ..models import WordPressObject
from .dates import parse_wp_date
from .mapping import Kind

STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "approved": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
}
TRASHED = {"trash", "post-trashed"}
BATCH = 5000  # comments queued before they are written
LOOKUP_CHUNK = 900  # keys per query (SQLite's old limit on query parameters is 999)
KINDS = {"pingback": Comment.Kind.PINGBACK, "trackback": Comment.Kind.TRACKBACK}
FIELDS = [
    "parent", "depth", "author_name", "author_email", "author_url", "body", "body_html", "status",
    "kind",
    "created_at", "ip_address",
]  # fmt: skip


def plain_text(value: str) -> str:
    """Comment HTML as the plain text newsdesk stores (it escapes on display)."""
    return html.unescape(nh3.clean(value or "", tags=set())).strip()


def comments_open(item) -> bool:
    """Whether the post or page takes new comments, as its `wp:comment_status` says."""
    return item.get("wp:comment_status", "open").strip() == "open"


def valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _depths(records: dict[str, dict]) -> dict[str, int]:
    """Thread depth of each comment; a missing (or trashed) parent makes a top-level one."""
    depths: dict[str, int] = {}
    for key in records:
        chain, current = [], key
        while current in records and current not in depths and current not in chain:
            chain.append(current)
            parent = records[current].get("wp:comment_parent", "0").strip()
            current = parent if parent in records else None
        base = depths.get(current, 0) if current is not None else 0
        for offset, member in enumerate(reversed(chain), start=1):
            depths[member] = base + offset
    return depths


class Comments:
    """Comments of many posts, written together. Threads are rebuilt per post; a comment
    mapped by an earlier import is updated in place."""

    def __init__(self, run):
        self.run = run
        self.posts: list[tuple[str, int, dict[str, dict], dict[str, int]]] = []
        self.queued = 0

    def add(self, site: str, page_id: int, comments: list[dict]) -> None:
        records: dict[str, dict] = {}
        for record in comments:
            key = record.get("wp:comment_id", "").strip()
            if record.get("wp:comment_approved", "1").strip() in TRASHED:
                self.run.report.skip("comment", "in the trash")
            elif key:
                records[key] = record
        if records:
            self.posts.append((site, page_id, records, _depths(records)))
            self.queued += len(records)
        if self.queued >= BATCH:
            self.run.flush_batches()

    def flush(self) -> None:
        """Write the queued comments. Every new comment gets its id first (`reserve_ids`),
        so a reply knows its parent's before either is written, and all of them go in with
        one prepared INSERT; comments an earlier import brought are updated in place."""
        if not self.posts:
            return
        existing = _mapped(self.posts)
        known = Comment.objects.in_bulk(
            [row.object_id for rows in existing.values() for row in rows.values()]
        )
        ids = self._ids(existing, known)
        queued = [
            (depths[key], number, key)
            for number, (_, _, records, depths) in enumerate(self.posts)
            for key in records
        ]
        queued.sort(key=lambda entry: entry[0])  # parents before their replies
        new, changed, created_rows, updated_rows = [], [], [], []
        for depth, number, key in queued:
            site, page_id, records, _ = self.posts[number]
            record = records[key]
            values = _values(self.run, record, depth, ids[number])
            row = existing.get(site, {}).get(key)
            comment = known.get(row.object_id) if row is not None else None
            if comment is None:
                new.append({"id": ids[number][key], "page_id": page_id, **values})
                if row is not None:  # mapped, but its comment is gone: point it at the new one
                    row.object_id, row.meta = ids[number][key], comment_meta(record)
                    updated_rows.append(row)
                else:
                    parent = record.get("wp:comment_parent", "0").strip()
                    created_rows.append(
                        {
                            "site": site, "kind": Kind.COMMENT, "key": key,
                            "object_id": ids[number][key], "parent_key": parent,
                            "meta": comment_meta(record),
                        }
                    )  # fmt: skip
            else:
                for name, value in values.items():
                    setattr(comment, name, value)
                changed.append(comment)
                meta = comment_meta(record)
                if row.meta != meta:  # a re-import rewrites only the rows that changed
                    row.meta = meta
                    updated_rows.append(row)
            self.run.report.done("comment", comment is None, key)
        self.run.rows(Comment).write(new)
        if changed:
            Comment.objects.bulk_update(changed, FIELDS, batch_size=500)
        self.run.rows(WordPressObject).write(created_rows)
        WordPressObject.objects.bulk_update(updated_rows, ["object_id", "meta"], batch_size=500)
        self.posts.clear()
        self.queued = 0

    def _ids(self, existing, known) -> list[dict[str, int]]:
        """Each queued comment's id by its WordPress key, one dict per post: the comment an
        earlier import brought, or a new id."""
        ids: list[dict[str, int]] = []
        fresh = []
        for site, _, records, _ in self.posts:
            mapped = existing.get(site, {})
            post_ids: dict[str, int] = {}
            for key in records:
                row = mapped.get(key)
                if row is not None and row.object_id in known:
                    post_ids[key] = row.object_id
                else:
                    fresh.append((post_ids, key))
            ids.append(post_ids)
        for (post_ids, key), new_id in zip(fresh, reserve_ids(Comment, len(fresh)), strict=True):
            post_ids[key] = new_id
        return ids


def _mapped(posts) -> dict[str, dict[str, WordPressObject]]:
    """The mapping rows of the queued comments an earlier import brought, by site and key."""
    keys: dict[str, list[str]] = {}
    for site, _, records, _ in posts:
        keys.setdefault(site, []).extend(records)
    found: dict[str, dict[str, WordPressObject]] = {}
    for site, site_keys in keys.items():
        for start in range(0, len(site_keys), LOOKUP_CHUNK):
            chunk = site_keys[start : start + LOOKUP_CHUNK]
            rows = WordPressObject.objects.filter(site=site, kind=Kind.COMMENT, key__in=chunk)
            found.setdefault(site, {}).update((row.key, row) for row in rows)
    return found


def comment_meta(record: dict) -> dict[str, str]:
    """The comment's `wp:commentmeta`, every value the export's text as it stands: a
    PHP-serialized value (`a:1:{...}`) is kept as that string, never unserialized."""
    return {str(key): str(value) for key, value in record.get("meta", {}).items()}


def _website(run, record: dict) -> str:
    """The commenter's website if it is safe (newsdesk.comments.links); otherwise it is
    dropped, counted in the report, and the comment is kept without it."""
    url = record.get("wp:comment_author_url", "").strip()
    if url and not is_safe_url(url):
        run.report.skip("comment website", "not a safe web address; the comment is kept")
        return ""
    return url


def _values(run, record: dict, depth: int, ids: dict[str, int]) -> dict:
    """The comment's fields from its `wp:comment` record."""
    parent = record.get("wp:comment_parent", "0").strip()
    body, body_html = comment_bodies(record.get("wp:comment_content", ""))
    status = record.get("wp:comment_approved", "1").strip()
    return {
        "parent_id": ids.get(parent) if depth > 1 else None,
        "depth": depth,
        "author_name": plain_text(record.get("wp:comment_author", ""))[:100] or "Anonymous",
        "author_email": record.get("wp:comment_author_email", "").strip()[:254],
        "author_url": _website(run, record),
        "body": body,
        "body_html": body_html,
        "status": STATUSES.get(status, Comment.Status.PENDING),
        "kind": KINDS.get(record.get("wp:comment_type", "").strip(), Comment.Kind.COMMENT),
        "created_at": (
            parse_wp_date(record.get("wp:comment_date_gmt", ""), utc=True)
            or parse_wp_date(record.get("wp:comment_date", ""), utc=False)
            or timezone.now()
        ),
        "ip_address": valid_ip(record.get("wp:comment_author_IP", "")),
    }
