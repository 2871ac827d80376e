"""Search indexing paused during an import, then done once in bulk.

Wagtail indexes a page on every save, and newsdesk's search app indexes an article again
whenever its tags or authors change: for an import that is several index writes per post,
most of the import's time. While paused, those handlers are off; `reindex` then indexes
every imported object once, in batches, inside the import's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from modelsearch.index import get_indexed_models
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.search.backends import get_search_backends

BATCH = 500


@contextmanager
def paused_search_index():
    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    previous = {name: config.get("AUTO_UPDATE") for name, config in backends.items()}
    from newsdesk.search import autoupdate

    # Page models are indexed through newsdesk.search's handler (newsdesk/search/autoupdate.py).
    models = [model for model in get_indexed_models() if model not in autoupdate.TAKEN_OVER]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    autoupdate.disconnect()
    for config in backends.values():
        config["AUTO_UPDATE"] = False
    _newsdesk_search_handlers(connect=False)
    try:
        yield
    finally:
        _newsdesk_search_handlers(connect=True)
        autoupdate.connect()
        for name, value in previous.items():
            if value is None:
                backends[name].pop("AUTO_UPDATE", None)
            else:
                backends[name]["AUTO_UPDATE"] = value
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def _newsdesk_search_handlers(connect: bool) -> None:
    """newsdesk.search re-indexes an article when its tags or authors change."""
    from newsdesk.search import indexing

    if connect:
        indexing.connect_signals()
        return
    for signal, sender, uid in (
        (post_save, indexing.ArticlePageTag, "tag_saved"),
        (post_delete, indexing.ArticlePageTag, "tag_removed"),
        (m2m_changed, indexing.ArticlePage.authors.through, "authors"),
    ):
        signal.disconnect(sender=sender, dispatch_uid=f"newsdesk_search.{uid}")


class ToIndex:
    """The objects an import wrote, by model, to be indexed once at the end."""

    def __init__(self):
        self.ids = defaultdict(set)

    def add(self, instance) -> None:
        self.ids[type(instance)].add(instance.pk)

    def reindex(self) -> None:
        backends = list(get_search_backends(with_auto_update=True))
        for model, ids in self.ids.items():
            if not hasattr(model, "get_indexed_objects"):
                continue
            ordered = sorted(ids)
            for start in range(0, len(ordered), BATCH):
                chunk = ordered[start : start + BATCH]
                objects = list(model.get_indexed_objects().filter(pk__in=chunk))
                for backend in backends:
                    backend.add_bulk(model, objects)
