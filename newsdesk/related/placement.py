"""Where "Other Topics of Interest" boxes go in an article body."""

from dataclasses import dataclass

from django.conf import settings
from wagtail.blocks import StreamValue

from newsdesk.articles.models import ArticlePage

from .choice import related_choice


@dataclass
class BodyPart:
    """One rendered piece of the body: a StreamField block, or a related-article box."""

    block: StreamValue.StreamChild | None = None
    related: ArticlePage | None = None


def body_with_related_boxes(article: ArticlePage) -> list[BodyPart]:
    """The body's blocks, with editor-placed boxes kept where they point at an article
    readers may see (ArticlePage.visible_related_targets), or, when the editor placed none,
    one automatic box after paragraph N with the best related article (choice.py)."""
    blocks = list(article.body)
    placed = [block for block in blocks if block.block_type == "related"]
    visible = article.visible_related_targets() if placed else {}
    parts: list[BodyPart] = []
    for block in blocks:
        if block.block_type != "related":
            parts.append(BodyPart(block=block))
            continue
        target = block.value["article"]
        if target is not None and target.pk in visible:
            parts.append(BodyPart(related=visible[target.pk]))
    if placed:
        return parts
    candidate = related_choice(article).box
    if candidate is None:
        return parts
    parts.insert(_position_after_paragraph(parts), BodyPart(related=candidate))
    return parts


def _position_after_paragraph(parts: list[BodyPart]) -> int:
    return box_position(
        [part.block.block_type if part.block is not None else "related" for part in parts]
    )


def box_position(block_types: list[str]) -> int:
    """Where a box goes among blocks of these types: after paragraph
    NEWSDESK_RELATED_AFTER_PARAGRAPH, or at the end of a shorter body. The automatic box
    and the box an editor places from the side panel ("use this") go to the same place."""
    wanted = settings.NEWSDESK_RELATED_AFTER_PARAGRAPH
    seen = 0
    for position, block_type in enumerate(block_types):
        if block_type == "paragraph":
            seen += 1
            if seen == wanted:
                return position + 1
    return len(block_types)
