"""Index a page when its live content is saved, not when only its draft moves on.

`Page.save_revision()` saves the page with `update_fields` naming only draft bookkeeping
(latest revision, draft title, "has unpublished changes", comments): the live title and
body, which the index holds, do not change. Wagtail's search app (`modelsearch`) indexes the
page on every save all the same, so a publish indexed it twice. Here the page models' index
handler is modelsearch's own, connected through `page_saved`, which passes a save on unless
it wrote draft fields only. A publish, or any save without `update_fields` or with a live
field in them, is indexed as before.

modelsearch connects its handlers in wagtail.search's `ready()`, which runs after ours, for
the indexed models whose `search_auto_update` is true; `take_over_page_indexing()` (from
our `ready()`) sets it to false on the page models it connects itself, so that each save is
handled once. The WordPress importer pauses and resumes these handlers with
`disconnect()`/`connect()`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from modelsearch.index import get_indexed_models
from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler
from wagtail.models import COMMENTS_RELATION_NAME, Page

# What Page.save_revision() (and Revision.save's latest_revision update) writes.
DRAFT_ONLY_FIELDS = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
    }
)

TAKEN_OVER: list[type[Model]] = []
UID = "newsdesk_search.page_index"


def draft_only(update_fields: Any) -> bool:
    return update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS


def page_saved(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if draft_only(kwargs.get("update_fields")):
        return
    post_save_signal_handler(instance, **kwargs)


def take_over_page_indexing() -> None:
    if TAKEN_OVER:
        return
    models = [
        model
        for model in get_indexed_models()
        if issubclass(model, Page) and getattr(model, "search_auto_update", True)
    ]
    for model in models:
        model.search_auto_update = False
        TAKEN_OVER.append(model)
    connect()


def connect() -> None:
    for model in TAKEN_OVER:
        post_save.connect(page_saved, sender=model, dispatch_uid=f"{UID}.{model._meta.label}")
        post_delete.connect(
            post_delete_signal_handler, sender=model, dispatch_uid=f"{UID}.{model._meta.label}"
        )


def disconnect() -> None:
    """Pause indexing on save (deletes are still taken out of the index)."""
    for model in TAKEN_OVER:
        post_save.disconnect(sender=model, dispatch_uid=f"{UID}.{model._meta.label}")
