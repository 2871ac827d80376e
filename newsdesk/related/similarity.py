"""Related articles by what they say: TF-IDF vectors and cosine nearest neighbours.

The maths is scikit-learn's and SciPy's; this module only chooses the options and keeps the
memory bounded:

- an article's text is its headline (three times: it says what the story is about), its
  excerpt and body, plus its tags, section and bylines when it has them (never required);
- TF-IDF with sublinear tf and the site language's stop words (NEWSDESK_RELATED_STOP_WORDS),
  words of two or more letters (no numbers: years and scores are shared by every topic);
- each vector keeps only its TERMS_PER_ARTICLE strongest terms, normalised again: the
  products stay sparse and the stored terms are a small candidate filter (see updates.py);
- the similarities are computed CHUNK rows at a time (X[chunk] @ X.T, sparse), so memory grows
  with the archive, never with its square;
- the score that orders a list is the cosine weighed by recency: halved every
  NEWSDESK_RELATED_HALF_LIFE_DAYS between the two publication dates, and zero beyond
  NEWSDESK_RELATED_MAX_AGE_DAYS (0 = no limit). Days *between* the stories, not their age
  today: an archive story keeps the follow-ups of its time, and stored scores never go stale;
- diversity (`diversify`): no article is the first pick of more than
  `first_pick_cap(n)` = max(3, ⌈NEWSDESK_RELATED_MAX_SHARE × n⌉) articles; an article
  whose best neighbour is full takes its next one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from django.conf import settings
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

T = TypeVar("T")
Progress = Callable[[Iterable[T], int, str], Iterable[T]]

HEADLINE_WEIGHT = 3
TERMS_PER_ARTICLE = 40
CHUNK = 256
POSTINGS_PER_TERM = 400
CANDIDATES_PER_NEIGHBOUR = 3
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"
MIN_FIRST_PICK_CAP = 3


@dataclass(frozen=True)
class Options:
    neighbours: int = 10
    min_similarity: float = 0.1
    half_life_days: float = 365.0
    max_age_days: float = 0.0
    max_share: float = 0.01
    stop_words: str = "english"

    @classmethod
    def from_settings(cls) -> Options:
        return cls(
            neighbours=max(1, settings.NEWSDESK_RELATED_NEIGHBOURS),
            min_similarity=settings.NEWSDESK_RELATED_MIN_SIMILARITY,
            half_life_days=settings.NEWSDESK_RELATED_HALF_LIFE_DAYS,
            max_age_days=settings.NEWSDESK_RELATED_MAX_AGE_DAYS,
            max_share=settings.NEWSDESK_RELATED_MAX_SHARE,
            stop_words=settings.NEWSDESK_RELATED_STOP_WORDS,
        )


@dataclass
class Neighbours:
    """Row i: the positions (in the fitted order) of article i's neighbours, best first;
    -1 where the list is shorter."""

    index: np.ndarray  # int32, n × K
    score: np.ndarray  # float32, n × K
    similarity: np.ndarray  # float32, n × K


def compose(headline: str, excerpt: str, body: str, extras: Sequence[str] = ()) -> str:
    """The text an article is compared by."""
    return " ".join([*([headline] * HEADLINE_WEIGHT), excerpt, body, *extras])


def vectoriser(
    options: Options, documents: int = 0, vocabulary: list[str] | None = None
) -> TfidfVectorizer:
    """The TF-IDF vectoriser: to fit on `documents` texts, or with a stored vocabulary."""
    few = documents < 10
    return TfidfVectorizer(
        sublinear_tf=True,
        stop_words=options.stop_words or None,
        token_pattern=TOKEN_PATTERN,
        min_df=1 if few or vocabulary is not None else 2,
        max_df=1.0 if few or vocabulary is not None else 0.5,
        dtype=np.float32,
        vocabulary=vocabulary,
    )


def prune(matrix: sparse.spmatrix, keep: int = TERMS_PER_ARTICLE) -> sparse.csr_matrix:
    """Each row's `keep` strongest terms, normalised to unit length."""
    matrix = sparse.csr_matrix(matrix, dtype=np.float32)
    matrix.sort_indices()
    indptr, data = matrix.indptr, matrix.data
    mask = np.ones(len(data), dtype=bool)
    for row in np.flatnonzero(np.diff(indptr) > keep):
        start, end = indptr[row], indptr[row + 1]
        weakest = np.argpartition(data[start:end], end - start - keep)[: end - start - keep]
        mask[start + weakest] = False
    matrix.data = np.where(mask, data, 0).astype(np.float32)
    matrix.eliminate_zeros()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.csr_matrix(sparse.diags(1 / norms).astype(np.float32) @ matrix)


def recency(days_apart: np.ndarray, options: Options) -> np.ndarray:
    """The weight of a candidate published `days_apart` days from the article."""
    apart = np.abs(days_apart)
    if options.half_life_days > 0:
        weight = np.exp2(-apart / options.half_life_days).astype(np.float32)
    else:
        weight = np.ones_like(apart, dtype=np.float32)
    if options.max_age_days > 0:
        weight[apart > options.max_age_days] = 0
    return weight


def strongest_postings(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """The transposed matrix (terms × articles) with each term's `keep` strongest articles:
    the bounded candidate filter that keeps X[chunk] @ X.T sparse on a large archive, where a
    common topic word would otherwise join every article to thousands of others."""
    postings = sparse.csr_matrix(matrix.T)
    indptr, data = postings.indptr, postings.data
    mask = np.ones(len(data), dtype=bool)
    for term in np.flatnonzero(np.diff(indptr) > keep):
        start, end = indptr[term], indptr[term + 1]
        weakest = np.argpartition(data[start:end], end - start - keep)[: end - start - keep]
        mask[start + weakest] = False
    postings.data = np.where(mask, data, 0).astype(np.float32)
    postings.eliminate_zeros()
    return postings


def nearest(
    matrix: sparse.csr_matrix,
    days: np.ndarray,
    options: Options,
    progress: Progress[int] | None = None,
) -> Neighbours:
    """Every row's top K other rows by recency-weighed cosine, in sparse chunks: candidates
    from the strongest postings, then each row's best CANDIDATES_PER_NEIGHBOUR × K scored
    exactly."""
    n, k = matrix.shape[0], options.neighbours
    result = Neighbours(
        index=np.full((n, k), -1, dtype=np.int32),
        score=np.zeros((n, k), dtype=np.float32),
        similarity=np.zeros((n, k), dtype=np.float32),
    )
    postings = strongest_postings(matrix, POSTINGS_PER_TERM)
    starts: Iterable[int] = range(0, n, CHUNK)
    if progress is not None:
        starts = progress(starts, math.ceil(n / CHUNK), "neighbours")
    for start in starts:
        products = sparse.csr_matrix(matrix[start : start + CHUNK] @ postings)
        rows, columns = _candidates(products, start, days, options)
        exact = np.asarray(matrix[rows].multiply(matrix[columns]).sum(axis=1)).ravel()
        _keep_best(result, rows, columns, exact.astype(np.float32), days, options)
    return result


def _top(scores: np.ndarray, count: int) -> np.ndarray:
    """Positions of the `count` highest positive scores, highest first."""
    top = (
        np.argpartition(-scores, count - 1)[:count]
        if len(scores) > count
        else np.arange(len(scores))
    )
    top = top[np.argsort(-scores[top], kind="stable")]
    return top[scores[top] > 0]


def _candidates(
    products: sparse.csr_matrix, start: int, days: np.ndarray, options: Options
) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) pairs: each row's best candidates by the approximate product."""
    indptr, columns = products.indptr, products.indices
    rows = np.repeat(np.arange(start, start + products.shape[0]), np.diff(indptr))
    scores = products.data * recency(days[rows] - days[columns], options)
    scores[columns == rows] = 0
    wanted = CANDIDATES_PER_NEIGHBOUR * options.neighbours
    picked = [
        indptr[offset] + _top(scores[indptr[offset] : indptr[offset + 1]], wanted)
        for offset in range(products.shape[0])
    ]
    chosen = np.concatenate(picked) if picked else np.zeros(0, dtype=np.int64)
    return rows[chosen], columns[chosen]


def _keep_best(
    result: Neighbours,
    rows: np.ndarray,
    columns: np.ndarray,
    sims: np.ndarray,
    days: np.ndarray,
    options: Options,
) -> None:
    scores = sims * recency(days[rows] - days[columns], options)
    bounds = np.flatnonzero(np.diff(rows)) + 1
    for low, high in zip(np.r_[0, bounds], np.r_[bounds, len(rows)], strict=True):
        if low == high:
            continue
        top = low + _top(scores[low:high], options.neighbours)
        row = rows[low]
        result.index[row, : len(top)] = columns[top]
        result.score[row, : len(top)] = scores[top]
        result.similarity[row, : len(top)] = sims[top]


def first_pick_cap(articles: int, max_share: float) -> int:
    """How many articles one article may be the first pick of."""
    return max(MIN_FIRST_PICK_CAP, math.ceil(max_share * articles))


def diversify(found: Neighbours, options: Options) -> None:
    """Reorder each list in place so that no article is the first pick (rank 1, similar
    enough for a box) of more than first_pick_cap() articles. The articles with the strongest
    best match choose first; one whose best neighbour is full moves its best one that is not
    full (and similar enough) to the front, the others keep their order. A list with every
    candidate full keeps its order."""
    n = found.index.shape[0]
    cap = first_pick_cap(n, options.max_share)
    picks = np.zeros(n, dtype=np.int64)
    for row in np.argsort(-found.score[:, 0], kind="stable"):
        eligible = (found.index[row] >= 0) & (found.similarity[row] >= options.min_similarity)
        if not eligible[0]:
            continue
        choice = next((j for j in np.flatnonzero(eligible) if picks[found.index[row, j]] < cap), 0)
        if choice:
            for array in (found.index, found.score, found.similarity):
                array[row, : choice + 1] = np.roll(array[row, : choice + 1], 1)
        picks[found.index[row, 0]] += 1
