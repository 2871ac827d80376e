"""Which related articles an article page shows: the automatic box and the "Related" list.

One query reads the article's stored neighbours that readers may see and that are similar
enough (NEWSDESK_RELATED_MIN_SIMILARITY), best first. The box takes the best one the body
does not already link to; the list after the body takes up to NEWSDESK_RELATED_LIST_COUNT
more, never the box's article nor one the body links to or places in a box.

Before the first `newsdesk related_rebuild` nothing is stored: the old tags/section/recency
picker (selection.py) fills the box and the list then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings

from newsdesk.articles.models import ArticlePage

from .models import Vocabulary
from .selection import related_candidates

PAGE_LINK = re.compile(r'<a[^>]*\blinktype="page"[^>]*\bid="(\d+)"')


@dataclass
class RelatedChoice:
    box: ArticlePage | None = None
    listed: list[ArticlePage] = field(default_factory=list)


def linked_ids(article: ArticlePage) -> set[int]:
    """Articles the body already points at: page links in its text and placed boxes."""
    ids = article.placed_related_ids()
    for block in article.body.raw_data:
        if isinstance(block["value"], str):
            ids.update(int(pk) for pk in PAGE_LINK.findall(block["value"]))
    return ids


def stored_neighbours(article: ArticlePage) -> list[ArticlePage]:
    """The article's stored neighbours readers may see, similar enough, best first."""
    if article.pk is None:
        return []
    return list(
        ArticlePage.objects.published()
        .filter(
            related_from__article_id=article.pk,
            related_from__similarity__gte=settings.NEWSDESK_RELATED_MIN_SIMILARITY,
        )
        .exclude(pk=article.pk)
        .order_by("related_from__rank")[: settings.NEWSDESK_RELATED_NEIGHBOURS]
    )


def related_choice(article: ArticlePage) -> RelatedChoice:
    """The box and the list for this article, computed once per article instance."""
    cached = getattr(article, "_related_choice", None)
    if isinstance(cached, RelatedChoice):
        return cached
    linked = linked_ids(article)
    candidates = stored_neighbours(article)
    if not candidates and not Vocabulary.objects.exists():
        candidates = list(related_candidates(article)[: settings.NEWSDESK_RELATED_LIST_COUNT + 1])
    fresh = [each for each in candidates if each.pk not in linked]
    placed = any(block["type"] == "related" for block in article.body.raw_data)
    box = None if placed or not fresh else fresh[0]  # editor-placed boxes always win
    start = 0 if box is None else 1
    choice = RelatedChoice(box, fresh[start : start + settings.NEWSDESK_RELATED_LIST_COUNT])
    article._related_choice = choice
    return choice
