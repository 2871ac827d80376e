"""Where "Other Topics of Interest" boxes go in an article body."""

from dataclasses import dataclass

from django.conf import settings

from .selection import most_related


@dataclass
class BodyPart:
    """One rendered piece of the body: a StreamField block, or a related-article box."""

    block: object = None
    related: object = None


def _showable_ids(targets, host) -> set[int]:
    """Which of the editor-placed boxes' articles readers may see (live, not private): one
    query for all the boxes, not one per box."""
    from newsdesk.articles.models import ArticlePage

    ids = {target.pk for target in targets if target is not None and target.pk != host.pk}
    if not ids:
        return set()
    return set(ArticlePage.objects.filter(pk__in=ids).live().public().values_list("pk", flat=True))


def body_with_related_boxes(article) -> list[BodyPart]:
    """The body's blocks, with editor-placed boxes kept where they point at a published
    article, or, when the editor placed none, one automatic box after paragraph N."""
    blocks = list(article.body)
    targets = [b.value["article"] for b in blocks if b.block_type == "related"]
    targets = [target.specific if target is not None else None for target in targets]
    showable = _showable_ids(targets, article)
    parts: list[BodyPart] = []
    boxes = iter(targets)
    for block in blocks:
        if block.block_type == "related":
            target = next(boxes)
            if target is not None and target.pk in showable:
                parts.append(BodyPart(related=target))
        else:
            parts.append(BodyPart(block=block))
    if targets:
        return parts
    candidate = most_related(article)
    if candidate is None:
        return parts
    parts.insert(_position_after_paragraph(parts), BodyPart(related=candidate))
    return parts


def _position_after_paragraph(parts: list[BodyPart]) -> int:
    wanted = settings.NEWSDESK_RELATED_AFTER_PARAGRAPH
    seen = 0
    for position, part in enumerate(parts):
        if part.block is not None and part.block.block_type == "paragraph":
            seen += 1
            if seen == wanted:
                return position + 1
    return len(parts)
