"""Rebuilding every article's neighbours from the database, and reading them back.

`rebuild()` reads each published article once (a streaming fit: the texts are never all in
memory), fits the vocabulary, computes the neighbours (similarity.py) and replaces the stored
vocabulary, terms and lists in one transaction. `newsdesk related_rebuild` runs it with a
progress bar; the WordPress importer runs it after an import.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from sklearn.feature_extraction.text import TfidfVectorizer

from newsdesk.articles.models import ArticlePage, ArticlePageTag, SectionPage
from newsdesk.search.body import body_text

from . import similarity
from .models import ArticleTerm, Neighbour, Vocabulary
from .similarity import Options, Progress

WRITE_BATCH = 5000
EPOCH = np.datetime64("1970-01-01T00:00:00")


@dataclass
class RebuildResult:
    articles: int
    terms: int
    neighbours: int
    seconds: float


def days_of(article: ArticlePage) -> float:
    date = article.date
    return date.timestamp() / 86400 if date is not None else time.time() / 86400


def extras_of(article: ArticlePage) -> list[str]:
    """Tags, section and bylines of one article (the publish path)."""
    extras = [tag.name for tag in article.tags.all()]
    extras += [author.name for author in article.authors.all()]
    section = article.section
    if section is not None and not getattr(section, "is_default", False):
        extras.append(section.title)
    return extras


def text_of(article: ArticlePage, extras: list[str]) -> str:
    return similarity.compose(article.title, article.excerpt, body_text(article), extras)


def _all_extras() -> dict[int, list[str]]:
    """Tags, bylines and sections of every article, in three queries (the rebuild path)."""
    extras: dict[int, list[str]] = defaultdict(list)
    for article_id, name in ArticlePageTag.objects.values_list("content_object_id", "tag__name"):
        extras[article_id].append(name)
    bylines = ArticlePage.authors.through.objects.values_list("articlepage_id", "author__name")
    for article_id, name in bylines:
        extras[article_id].append(name)
    sections = dict(SectionPage.objects.filter(is_default=False).values_list("path", "title"))
    if sections:
        steplen = ArticlePage.steplen
        for article_id, path in ArticlePage.objects.values_list("pk", "path"):
            title = sections.get(path[:-steplen])
            if title:
                extras[article_id].append(title)
    return extras


def rebuild(
    progress: Progress[object] | None = None, options: Options | None = None
) -> RebuildResult:
    """Compute every published article's neighbours again and store them."""
    started = time.monotonic()
    options = options or Options.from_settings()
    published = ArticlePage.objects.published().order_by("pk")
    total = published.count()
    extras = _all_extras()
    ids: list[int] = []
    days: list[float] = []

    def texts() -> Iterator[str]:
        articles: Iterable[ArticlePage] = published.only(
            "pk", "title", "excerpt", "body", "publication_date", "first_published_at"
        ).iterator(chunk_size=2000)
        if progress is not None:
            articles = progress(articles, total, "texts")  # type: ignore[assignment]
        for article in articles:
            ids.append(article.pk)
            days.append(days_of(article))
            yield text_of(article, extras.get(article.pk, []))

    vectoriser = similarity.vectoriser(options, documents=total)
    try:
        matrix = similarity.prune(vectoriser.fit_transform(texts()))
    except ValueError:  # no article, or no word left after the stop words
        _store(None, options, [], None, None)
        return RebuildResult(len(ids), 0, 0, time.monotonic() - started)
    found = similarity.nearest(matrix, np.asarray(days, dtype=np.float32), options, progress)  # type: ignore[arg-type]
    similarity.diversify(found, options)
    written = _store(vectoriser, options, ids, matrix, found)
    _refresh_statistics()
    return RebuildResult(len(ids), matrix.nnz, written, time.monotonic() - started)


def _store(
    vectoriser: TfidfVectorizer | None,
    options: Options,
    ids: list[int],
    matrix: object,
    found: similarity.Neighbours | None,
) -> int:
    with transaction.atomic():
        for model in (Neighbour, ArticleTerm):
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {model._meta.db_table}")
        terms = vectoriser.get_feature_names_out().tolist() if vectoriser is not None else []
        idf = vectoriser.idf_.astype(np.float32).tobytes() if vectoriser is not None else b""
        Vocabulary.objects.update_or_create(
            pk=1,
            defaults={
                "documents": len(ids),
                "terms": terms,
                "idf": idf,
                "options": {"stop_words": options.stop_words},
            },
        )
        forget_vectoriser()
        if found is None:
            return 0
        _write_terms(ids, matrix)
        return _write_neighbours(ids, found)


def _refresh_statistics() -> None:
    """PostgreSQL, after the tables were rewritten whole: their statistics, and the visibility
    map without which the terms index cannot be read alone, so that a publish's scoring query
    reads the table instead (about 40 ms instead of 1 ms at 100,000 articles) until
    autovacuum comes by. VACUUM cannot run in a transaction (an import's): ANALYZE then."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table) for model in (ArticleTerm, Neighbour)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM (ANALYZE)'} {tables}"
        )


def _insert(table: str, columns: str, rows: Iterable[tuple[int | float, ...]]) -> int:
    marks = ", ".join(["%s"] * len(columns.split(",")))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    batch: list[tuple[int | float, ...]] = []
    written = 0
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= WRITE_BATCH:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


def _write_terms(ids: list[int], matrix: object) -> None:
    from scipy import sparse

    csr = sparse.csr_matrix(matrix)
    rows = np.repeat(np.asarray(ids), np.diff(csr.indptr))
    _insert(
        ArticleTerm._meta.db_table,
        "article_id, term, weight",
        zip(rows.tolist(), csr.indices.tolist(), csr.data.tolist(), strict=True),
    )


def _write_neighbours(ids: list[int], found: similarity.Neighbours) -> int:
    id_array = np.asarray(ids)

    def rows() -> Iterator[tuple[int | float, ...]]:
        for position, article_id in enumerate(ids):
            for rank, index in enumerate(found.index[position].tolist()):
                if index < 0:
                    break
                yield (
                    article_id,
                    int(id_array[index]),
                    float(found.score[position, rank]),
                    float(found.similarity[position, rank]),
                    rank + 1,
                )

    return _insert(
        Neighbour._meta.db_table, "article_id, neighbour_id, score, similarity, rank", rows()
    )


# -- the fitted vectoriser, for one article at a time (publish) ------------------------------
_cached: dict[str, object] = {}


def forget_vectoriser() -> None:
    _cached.clear()


def fitted_vectoriser() -> TfidfVectorizer | None:
    """The stored vocabulary as a vectoriser, kept per process until the next rebuild (one
    small query per call checks which fit is stored); None before the first rebuild."""
    stamp = Vocabulary.objects.filter(pk=1).values_list("fitted_at", flat=True).first()
    if stamp is None:
        return None
    if _cached.get("stamp") != stamp:
        stored = Vocabulary.objects.get(pk=1)
        options = Options(stop_words=stored.options.get("stop_words", ""))
        vectoriser = similarity.vectoriser(options, vocabulary=list(stored.terms) or None)
        if stored.terms:
            vectoriser.idf_ = np.frombuffer(bytes(stored.idf), dtype=np.float32)
        _cached.update(stamp=stamp, vectoriser=vectoriser if stored.terms else None)
    cached = _cached.get("vectoriser")
    return cached if isinstance(cached, TfidfVectorizer) else None
