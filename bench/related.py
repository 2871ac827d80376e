"""The related-articles section of the benchmark (`python -m bench --related-only`).

1. Quality and computation on the labelled corpus (newsdesk/related/corpus.py) of
   --articles articles, in memory: precision@1, coverage, the largest share of first
   picks, the time of fit + neighbours + diversity, and this process's peak RSS.
2. On the benchmark database of the same size (built as for the main benchmark, with
   --comments, default 0 here): `newsdesk related_rebuild` in a child process (its wall time
   and peak RSS), then publishing one article with its neighbour update (rolled back).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

PUBLISHES = 5


class Rollback(Exception):
    pass


def corpus_quality(articles: int) -> dict[str, float]:
    import numpy as np

    from newsdesk.related import corpus, similarity

    items = corpus.articles(articles)
    options = similarity.Options.from_settings()
    started = time.monotonic()
    texts = (similarity.compose(i.headline, i.excerpt, corpus.body_html(i)) for i in items)
    vectoriser = similarity.vectoriser(options, documents=len(items))
    matrix = similarity.prune(vectoriser.fit_transform(texts))
    days = np.asarray([i.date.timestamp() / 86400 for i in items], dtype=np.float32)
    found = similarity.nearest(matrix, days, options)
    similarity.diversify(found, options)
    seconds = time.monotonic() - started
    labels = np.asarray([corpus.LABELS.index(i.topic) for i in items])
    boxed = (found.index[:, 0] >= 0) & (found.similarity[:, 0] >= options.min_similarity)
    firsts = found.index[boxed, 0]
    return {
        "articles": articles,
        "precision_at_1": float((labels[firsts] == labels[boxed]).mean()) if boxed.any() else 0,
        "coverage": float(boxed.mean()),
        "max_first_pick_share": float(np.bincount(firsts).max() / articles) if boxed.any() else 0,
        "compute_seconds": seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# The child's own peak (VmHWM): its ru_maxrss would start at this process's size at fork.
REBUILD = """
import django
django.setup()
from django.core.management import call_command
call_command("related_rebuild", "--no-progress")
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print("peak-kb", status)
"""


def database_rebuild() -> dict[str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", REBUILD],
        check=True,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
    )
    peak_kb = int(done.stdout.rsplit("peak-kb", 1)[1].split()[0])
    return {"rebuild_seconds": time.monotonic() - started, "rebuild_peak_rss_mb": peak_kb / 1024}


def publish_cost() -> dict[str, float]:
    """Median milliseconds of publishing one article (revision, signals, neighbour update),
    and of the neighbour update alone; every change rolled back."""
    from django.db import transaction

    from newsdesk.articles.models import ArticlePage
    from newsdesk.related import updates
    from newsdesk.related.models import Neighbour

    ids = list(ArticlePage.objects.published().order_by("pk").values_list("pk", flat=True))
    chosen = [ids[len(ids) * (n + 1) // (PUBLISHES + 1)] for n in range(PUBLISHES)]
    publish, update = [], []
    for pk in chosen:
        try:
            with transaction.atomic():
                article = ArticlePage.objects.get(pk=pk)
                started = time.monotonic()
                article.save_revision().publish()
                publish.append((time.monotonic() - started) * 1000)
                started = time.monotonic()
                updates.refresh(pk)
                update.append((time.monotonic() - started) * 1000)
                stored = Neighbour.objects.filter(article_id=pk).count()
                raise Rollback
        except Rollback:
            pass
    return {
        "publish_ms": sorted(publish)[len(publish) // 2],
        "neighbour_update_ms": sorted(update)[len(update) // 2],
        "neighbours_after_publish": stored,
    }


def run(articles: int) -> dict[str, float]:
    results = corpus_quality(articles)
    results.update(database_rebuild())
    results.update(publish_cost())
    return results


def print_table(results: dict[str, float], out=sys.stdout) -> None:
    out.write("\nRelated articles by content\n")
    for key, value in results.items():
        shown = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}"
        out.write(f"  {key:<26} {shown:>12}\n")
