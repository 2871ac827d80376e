"""What the page editor's "Related" side panel shows and does (admin.py, views.py).

`suggestions(draft)` lists the article's most related articles with their scores: the stored
list (computed at the last publish, choice.py reads the same rows), or, for an article never
published, the list a publish would compute now (updates.suggest, stored nowhere).
`place_box(page, target, user)` puts an "Other Topics of Interest" box pointing at `target`
into the editor's latest draft, where the automatic box would go, and saves it as a new draft
revision: it never publishes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from wagtail.models import Revision

from newsdesk.articles.models import ArticlePage

from . import updates
from .choice import linked_ids
from .models import Neighbour
from .placement import box_position


@dataclass
class Suggestion:
    article: ArticlePage
    rank: int
    score: float  # the similarity weighed by recency: the order of the list
    similarity: float  # the cosine of the two texts: what the threshold compares
    placed: bool = False  # the draft already has a box pointing at it
    linked: bool = False  # the draft's text already links to it

    @property
    def shown(self) -> bool:
        """Similar enough to be shown to readers (NEWSDESK_RELATED_MIN_SIMILARITY)."""
        return self.similarity >= settings.NEWSDESK_RELATED_MIN_SIMILARITY


@dataclass
class Suggestions:
    items: list[Suggestion]
    stored: bool  # from the stored list (False: computed now for a draft never published)


class PlacementError(Exception):
    """Why a box cannot be placed: said to the editor as it is."""


def suggestions(draft: ArticlePage) -> Suggestions:
    """The draft's suggested related articles that readers may see, best first."""
    rows: list[updates.Row] = []
    stored = draft.pk is not None
    if stored:
        rows = list(
            Neighbour.objects.filter(article_id=draft.pk)
            .order_by("rank")
            .values_list("neighbour_id", "score", "similarity")
        )
    if not rows and draft.pk is not None and not draft.live:
        rows, stored = updates.suggest(draft), False
    articles = ArticlePage.objects.published().exclude(pk=draft.pk).in_bulk([r[0] for r in rows])
    placed = draft.placed_related_ids()
    linked = linked_ids(draft) - placed
    items = [
        Suggestion(articles[pk], rank, score, sim, pk in placed, pk in linked)
        for rank, (pk, score, sim) in enumerate(rows, start=1)
        if pk in articles
    ]
    return Suggestions(items, stored)


def place_box(
    page: ArticlePage, target: ArticlePage, user: AbstractBaseUser | AnonymousUser
) -> Revision:
    """Add a box pointing at `target` to the page's latest draft, as a new draft revision
    by `user` (logged as an edit). Raises PlacementError with the reason when it cannot."""
    if target.pk == page.pk:
        raise PlacementError("An article cannot be its own related article.")
    if not ArticlePage.objects.published().filter(pk=target.pk).exists():
        raise PlacementError(f"“{target.title}” is not published: readers could not see it.")
    draft = page.get_latest_revision_as_object()
    if target.pk in draft.placed_related_ids():
        raise PlacementError(f"The draft already has a box with “{target.title}”.")
    position = box_position([block.block_type for block in draft.body])
    block = draft.body.stream_block.child_blocks["related"]
    draft.body.insert(position, ("related", block.to_python({"article": target.pk})))
    try:
        return draft.save_revision(user=user, log_action=True)
    except ValidationError as error:
        reasons = "; ".join(error.messages)
        raise PlacementError(f"The draft does not validate ({reasons}): fix it first.") from error
