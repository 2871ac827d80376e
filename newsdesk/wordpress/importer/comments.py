"""A post's comments: statuses mapped, threads rebuilt from parent ids in any file order.

Comments are written level by level (top-level first, then their replies, ...) with
`bulk_create`, so a reply that comes before its parent in the file still gets its parent.
"""

from __future__ import annotations

import html
import ipaddress

import nh3
from django.utils import timezone

from newsdesk.comments.links import is_safe_url
from newsdesk.comments.models import Comment

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


def import_comments(run, site: str, page_id: int, comments: list[dict]) -> None:
    records: dict[str, dict] = {}
    for record in comments:
        key = record.get("wp:comment_id", "").strip()
        if record.get("wp:comment_approved", "1").strip() in TRASHED:
            run.report.skip("comment", "in the trash")
        elif key:
            records[key] = record
    if not records:
        return
    depths = _depths(records)
    existing = {
        row.key: row
        for row in WordPressObject.objects.filter(site=site, kind=Kind.COMMENT, key__in=records)
    }
    known = Comment.objects.in_bulk([row.object_id for row in existing.values()])
    ids: dict[str, int] = {}
    for depth in range(1, max(depths.values()) + 1):
        level = [key for key in records if depths[key] == depth]
        _write_level(run, site, page_id, level, records, depths, existing, known, ids)


def _write_level(run, site, page_id, keys, records, depths, existing, known, ids) -> None:
    new, changed, new_keys = [], [], []
    for key in keys:
        row = existing.get(key)
        comment = known.get(row.object_id) if row is not None else None
        created = comment is None
        if created:
            comment = Comment(page_id=page_id)
        _fill(comment, records[key], depths[key], ids)
        comment.author_url = _website(run, records[key])
        (new if created else changed).append(comment)
        if created:
            new_keys.append(key)
        else:
            ids[key] = comment.pk
        run.report.done("comment", created, key)
    Comment.objects.bulk_create(new)
    if changed:
        Comment.objects.bulk_update(changed, FIELDS)
    rows = []
    for key, comment in zip(new_keys, new, strict=True):
        ids[key] = comment.pk
        parent = records[key].get("wp:comment_parent", "0").strip()
        if key in existing:
            existing[key].object_id = comment.pk
            existing[key].save(update_fields=["object_id"])
        else:
            rows.append(
                WordPressObject(
                    site=site, kind=Kind.COMMENT, key=key, object_id=comment.pk, parent_key=parent,
                    meta=comment_meta(records[key]),
                )
            )  # fmt: skip
    WordPressObject.objects.bulk_create(rows)
    _update_meta([existing[key] for key in keys if key in existing], records)


def comment_meta(record: dict) -> dict[str, str]:
    """The comment's `wp:commentmeta`, every value the export's text as it stands: a
    PHP-serialized value (`a:1:{...}`) is kept as that string, never unserialized."""
    return {str(key): str(value) for key, value in record.get("meta", {}).items()}


def _update_meta(rows: list[WordPressObject], records: dict[str, dict]) -> None:
    changed = []
    for row in rows:
        meta = comment_meta(records[row.key])
        if row.meta != meta:
            row.meta = meta
            changed.append(row)
    WordPressObject.objects.bulk_update(changed, ["meta"])


def _website(run, record: dict) -> str:
    """The commenter's website if it is safe (newsdesk.comments.links); otherwise it is
    dropped, counted in the report, and the comment is kept without it."""
    url = record.get("wp:comment_author_url", "").strip()
    if url and not is_safe_url(url):
        run.report.skip("comment website", "not a safe web address; the comment is kept")
        return ""
    return url


def _fill(comment: Comment, record: dict, depth: int, ids: dict[str, int]) -> None:
    parent = record.get("wp:comment_parent", "0").strip()
    comment.parent_id = ids.get(parent) if depth > 1 else None
    comment.depth = depth
    comment.author_name = plain_text(record.get("wp:comment_author", ""))[:100] or "Anonymous"
    comment.author_email = record.get("wp:comment_author_email", "").strip()[:254]
    comment.body, comment.body_html = comment_bodies(record.get("wp:comment_content", ""))
    status = record.get("wp:comment_approved", "1").strip()
    comment.status = STATUSES.get(status, Comment.Status.PENDING)
    comment.kind = KINDS.get(record.get("wp:comment_type", "").strip(), Comment.Kind.COMMENT)
    comment.created_at = (
        parse_wp_date(record.get("wp:comment_date_gmt", ""), utc=True)
        or parse_wp_date(record.get("wp:comment_date", ""), utc=False)
        or timezone.now()
    )
    comment.ip_address = valid_ip(record.get("wp:comment_author_IP", ""))
