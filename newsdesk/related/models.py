"""What the related picker stores: the fitted vocabulary and each article's neighbours.

The database is the only store (no files, no extra service): `Vocabulary` holds the terms and
their idf so that a publish can vectorise one article, `ArticleTerm` each live article's
strongest terms (the candidate filter of an incremental update), `Neighbour` each article's
top K related articles, read with one indexed query per page.
"""

from __future__ import annotations

from django.db import models

from newsdesk.articles.models import ArticlePage


class Vocabulary(models.Model):
    """The fitted TF-IDF model; one row (pk 1), written by each rebuild."""

    fitted_at = models.DateTimeField(auto_now=True)
    documents = models.PositiveIntegerField(default=0)
    terms = models.JSONField(default=list, help_text="The terms, in column order.")
    idf = models.BinaryField(help_text="float32 idf of each term, in column order.")
    options = models.JSONField(default=dict, help_text="Vectoriser options of the fit.")

    def __str__(self) -> str:
        return f"{len(self.terms)} terms from {self.documents} articles"


class ArticleTerm(models.Model):
    """One of an article's strongest TF-IDF terms (its pruned, normalised vector)."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    term = models.PositiveIntegerField()
    weight = models.FloatField()

    class Meta:
        # Covering the candidate query (updates.py): no table lookup per posting.
        indexes = [models.Index(fields=["term", "article", "weight"], name="related_term_article")]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.term}={self.weight:.3f}"


class Neighbour(models.Model):
    """`neighbour` is the `rank`-th most related article of `article`.

    `similarity` is the cosine of the two texts (what the threshold compares); `score` is the
    similarity weighed by recency, the order of the list.
    """

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    neighbour = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="related_from"
    )
    score = models.FloatField()
    similarity = models.FloatField()
    rank = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["article", "rank"], name="related_article_rank"),
            models.Index(fields=["neighbour", "rank"], name="related_neighbour_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.neighbour_id} #{self.rank} ({self.score:.3f})"
