"""Where "Other Topics of Interest" boxes go in an article body."""

from dataclasses import dataclass

from django.conf import settings

from .selection import most_related


@dataclass
class BodyPart:
    """One rendered piece of the body: a StreamField block, or a related-article box."""

    block: object = None
    related: object = None


def _is_showable(article, host) -> bool:
    return (
        article is not None
        and article.pk != host.pk
        and article.live
        and not (article.get_view_restrictions().exists())
    )


def body_with_related_boxes(article) -> list[BodyPart]:
    """The body's blocks, with editor-placed boxes kept where they point at a published
    article, or, when the editor placed none, one automatic box after paragraph N."""
    parts: list[BodyPart] = []
    placed_any = False
    for block in article.body:
        if block.block_type == "related":
            placed_any = True
            target = block.value["article"]
            target = target.specific if target is not None else None
            if _is_showable(target, article):
                parts.append(BodyPart(related=target))
        else:
            parts.append(BodyPart(block=block))
    if placed_any:
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
