"""One article published, unpublished or deleted: its lists updated, the archive untouched.

Publishing (or publishing again after an edit) vectorises the article with the stored
vocabulary (words the vocabulary does not know count at the next rebuild), stores its
strongest terms, and finds its candidates in the stored terms (ArticleTerm): the articles
sharing its CANDIDATE_TERMS strongest terms, best MAX_CANDIDATES by the partial product —
portable SQL over one index on SQLite and PostgreSQL alike, a bounded set that the search
index's ranking would only approximate (it ranks by BM25 over the words a reader typed, not
by the article's TF-IDF weights). Those candidates are scored exactly, the article gets its
own top K, and it enters the lists of the candidates it beats (cosine and the days apart are
symmetric, so a list it would enter belongs to one of its own candidates).

Unpublishing removes the article's terms, its list and every row that points at it; deleting
it does the same through the foreign keys' CASCADE. Lists that lost an entry are one shorter
until the next rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Case, F, FloatField, QuerySet, Sum, Value, When

from newsdesk.articles.models import ArticlePage

from . import similarity
from .models import ArticleTerm, Neighbour, Vocabulary
from .similarity import Options
from .store import days_of, extras_of, fitted_vectoriser, text_of

CANDIDATE_TERMS = 8
MAX_CANDIDATES = 200
Row = tuple[int, float, float]  # (neighbour id, score, similarity)


def remove(article_id: int) -> None:
    ArticleTerm.objects.filter(article_id=article_id).delete()
    Neighbour.objects.filter(article_id=article_id).delete()
    Neighbour.objects.filter(neighbour_id=article_id).delete()


def refresh(article_id: int, options: Options | None = None) -> None:
    """Bring the stored lists up to date with this article as it is now."""
    options = options or Options.from_settings()
    with transaction.atomic():
        remove(article_id)
        article = ArticlePage.objects.published().filter(pk=article_id).first()
        vectoriser = fitted_vectoriser()
        if article is None or vectoriser is None:
            return
        terms = _terms_of(article, vectoriser)
        if not terms:
            return
        ArticleTerm.objects.bulk_create(
            ArticleTerm(article_id=article_id, term=term, weight=weight)
            for term, weight in terms.items()
        )
        scored = _score_candidates(article, terms, options)
        if scored:
            # The cap's base is the article count of the last rebuild (one indexed read),
            # not a count of every published article on each publish (a scan at 100,000).
            articles = _articles_at_rebuild()
            _store_own_list(article_id, scored, options, articles)
            _enter_lists(article_id, scored, options, articles)


def _terms_of(article: ArticlePage, vectoriser: Any) -> dict[int, float]:
    """The article's strongest terms and weights, with the stored vocabulary."""
    vector = similarity.prune(vectoriser.transform([text_of(article, extras_of(article))]))
    return dict(zip(vector.indices.tolist(), vector.data.tolist(), strict=True))


def suggest(article: ArticlePage, options: Options | None = None) -> list[Row]:
    """The article's best neighbours as it is now (a draft too), computed as a publish
    would and stored nowhere: [(neighbour id, score, similarity)], best first."""
    options = options or Options.from_settings()
    vectoriser = fitted_vectoriser()
    terms = _terms_of(article, vectoriser) if vectoriser is not None else {}
    if not terms:
        return []
    scored = _score_candidates(article, terms, options)
    best = sorted(scored, key=lambda pk: scored[pk][0], reverse=True)[: options.neighbours]
    return [(pk, *scored[pk]) for pk in best]


def _score_candidates(
    article: ArticlePage, terms: dict[int, float], options: Options
) -> dict[int, tuple[float, float]]:
    """{candidate id: (score, similarity)} for the article's candidates."""
    strongest = sorted(terms, key=terms.__getitem__, reverse=True)[:CANDIDATE_TERMS]
    candidates = list(
        _dot(ArticleTerm.objects.filter(term__in=strongest), terms, strongest)
        .exclude(article_id=article.pk)
        .order_by("-dot")
        .values_list("article_id", flat=True)[:MAX_CANDIDATES]
    )
    if not candidates:
        return {}
    exact = dict(
        _dot(
            ArticleTerm.objects.filter(article_id__in=candidates, term__in=terms), terms, terms
        ).values_list("article_id", "dot")
    )
    dates = ArticlePage.objects.filter(pk__in=candidates).values_list(
        "pk", "publication_date", "first_published_at"
    )
    ids, days = [], []
    for pk, published, first in dates:
        ids.append(pk)
        days.append((published or first).timestamp() / 86400 if published or first else 0.0)
    apart = np.asarray(days, dtype=np.float32) - days_of(article)
    weights = similarity.recency(apart, options)
    return {
        pk: (float(exact.get(pk, 0.0) * weight), float(exact.get(pk, 0.0)))
        for pk, weight in zip(ids, weights.tolist(), strict=True)
        if weight > 0 and exact.get(pk, 0.0) > 0
    }


def _dot(
    queryset: QuerySet[ArticleTerm], terms: dict[int, float], among: Iterable[int]
) -> QuerySet[Any, Any]:
    """Each article's partial dot product with the article's terms `among`."""
    weight = Case(
        *[When(term=term, then=Value(terms[term])) for term in among],
        default=Value(0.0),
        output_field=FloatField(),
    )
    return queryset.values("article_id").annotate(dot=Sum(F("weight") * weight))


def _articles_at_rebuild() -> int:
    documents = Vocabulary.objects.filter(pk=1).values_list("documents", flat=True).first()
    return int(documents or 0)


def _first_pick_counts(ids: list[int]) -> dict[int, int]:
    rows = Neighbour.objects.filter(rank=1, neighbour_id__in=ids).values_list("neighbour_id")
    counts: dict[int, int] = defaultdict(int)
    for (neighbour_id,) in rows:
        counts[neighbour_id] += 1
    return counts


def _cap(options: Options, articles: int) -> int:
    return similarity.first_pick_cap(articles, options.max_share)


def _store_own_list(
    article_id: int, scored: dict[int, tuple[float, float]], options: Options, articles: int
) -> None:
    best = sorted(scored, key=lambda pk: scored[pk][0], reverse=True)[: options.neighbours]
    counts = _first_pick_counts(best)
    cap = _cap(options, articles)
    first = next(
        (pk for pk in best if scored[pk][1] >= options.min_similarity and counts.get(pk, 0) < cap),
        best[0],
    )
    best.remove(first)
    Neighbour.objects.bulk_create(
        Neighbour(
            article_id=article_id,
            neighbour_id=pk,
            score=scored[pk][0],
            similarity=scored[pk][1],
            rank=rank,
        )
        for rank, pk in enumerate([first, *best], start=1)
    )


def _enter_lists(
    article_id: int, scored: dict[int, tuple[float, float]], options: Options, articles: int
) -> None:
    """Insert the article into each candidate's list it beats, under the first-pick cap: the
    rows below it move down a rank and the last one drops out, so a publish writes one row
    per list it enters (not every row of those lists again: 2,000 rows for 200 lists)."""
    lists: dict[int, list[float]] = defaultdict(list)  # each candidate's scores, by rank
    stored = Neighbour.objects.filter(article_id__in=list(scored)).order_by("article_id", "rank")
    for owner, score in stored.values_list("article_id", "score"):
        lists[owner].append(score)
    picks, cap = _first_pick_counts([article_id]).get(article_id, 0), _cap(options, articles)
    entered: list[Neighbour] = []
    owners_by_rank: dict[int, list[int]] = defaultdict(list)
    for owner, (score, sim) in scored.items():
        scores = lists.get(owner, [])
        position = _position(scores, score, options.neighbours)
        if position is None:
            continue
        if position == 0 and (picks >= cap or sim < options.min_similarity):
            position = min(1, len(scores))
        if position == 0:
            picks += 1
        rank = position + 1
        owners_by_rank[rank].append(owner)
        entered.append(
            Neighbour(
                article_id=owner, neighbour_id=article_id, score=score, similarity=sim, rank=rank
            )
        )
    if not entered:
        return
    for rank, owners in owners_by_rank.items():
        Neighbour.objects.filter(article_id__in=owners, rank__gte=rank).update(rank=F("rank") + 1)
    owners = [row.article_id for row in entered]
    Neighbour.objects.filter(article_id__in=owners, rank__gt=options.neighbours).delete()
    Neighbour.objects.bulk_create(entered)


def _position(scores: list[float], score: float, size: int) -> int | None:
    """Where a new neighbour with `score` goes in a list, or None if it does not get in."""
    for position, stored in enumerate(scores):
        if score > stored:
            return position
    return len(scores) if len(scores) < size else None
