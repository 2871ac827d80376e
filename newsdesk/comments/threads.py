"""Arranging a page's approved comments into threads, oldest first."""

from dataclasses import dataclass, field

from wagtail.models import Page

from .models import Comment


@dataclass
class CommentNode:
    comment: Comment
    replies: list["CommentNode"] = field(default_factory=list)


def comment_threads(page: Page, extra: Comment | None = None) -> list[CommentNode]:
    """Top-level comments with their replies nested (one query). A reply whose parent is
    not shown is placed at the top level so that no approved text disappears."""
    comments = list(Comment.objects.public_fields().approved().filter(page_id=page.pk))
    if extra is not None:
        comments.append(extra)
        comments.sort(key=lambda c: (c.created_at, c.pk))
    nodes = {c.pk: CommentNode(c) for c in comments}
    roots: list[CommentNode] = []
    for comment in comments:
        parent = nodes.get(comment.parent_id) if comment.parent_id is not None else None
        (parent.replies if parent else roots).append(nodes[comment.pk])
    return roots
