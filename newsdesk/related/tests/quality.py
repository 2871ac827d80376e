"""The quality check: the labelled corpus imported through the WordPress importer (no
categories, no tags), then precision@1, coverage and the largest share of first picks,
read from the stored lists as the article page reads them."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsdesk.articles.models import ArticlePage
from newsdesk.related import corpus
from newsdesk.related.choice import related_choice
from newsdesk.wordpress.importer import WordPressImport


@dataclass
class Quality:
    articles: int
    precision_at_1: float
    coverage: float
    max_first_pick_share: float


def import_corpus(count: int, seed: int = 0) -> dict[int, str]:
    """Import `count` corpus articles; their topic by page id."""
    items = corpus.articles(count, seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.xml"
        path.write_text(corpus.wxr(items), encoding="utf-8")
        WordPressImport([path]).run()
    topic_of = {f"story-{item.number}": item.topic for item in items}
    return {pk: topic_of[slug] for pk, slug in ArticlePage.objects.values_list("pk", "slug")}


def measure(topics: dict[int, str]) -> Quality:
    boxes = {}
    for article in ArticlePage.objects.published().filter(pk__in=topics):
        box = related_choice(article).box
        if box is not None:
            boxes[article.pk] = box.pk
    hits = sum(topics[pk] == topics[target] for pk, target in boxes.items())
    picks: dict[int, int] = {}
    for target in boxes.values():
        picks[target] = picks.get(target, 0) + 1
    return Quality(
        articles=len(topics),
        precision_at_1=hits / len(boxes) if boxes else 0.0,
        coverage=len(boxes) / len(topics),
        max_first_pick_share=max(picks.values(), default=0) / len(topics),
    )
