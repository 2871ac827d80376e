"""The database search backend, with title norms refreshed for the saved entries only.

Wagtail's database backend (package `modelsearch`) ranks a match in the title by
`title_norm = lavg / ld`: the average title length of all index entries over this entry's
title length, so a hit in a short title weighs more than one in a long title. After every
indexed save, `_refresh_title_norms()` computes that average over the whole index table and
then scans the table again for entries still at the default norm 1.0: two full scans per
save, most of a publish's time at 100,000 articles.

Here an indexed save instead sets the norm of the entries it wrote, from the average title
length of the latest `SAMPLE` index entries (read by primary key, so a few milliseconds at
any size; exact on a smaller index). A rebuild (`update_index`) still sets every norm from
the exact average of the whole table, as before. What changes in ranking: a saved entry's
norm now follows its current title (Wagtail's refresh only set norms still at 1.0, so an
edited title kept the norm of its first title), and the average it uses is that of the
latest entries rather than of all of them; news titles are of a steady length, so the two
averages differ little (docs/search.md).

The settings name this module as the backend; `SearchBackend` picks the database's own
backend class, as `modelsearch.backends.database.SearchBackend` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Avg, F, Model
from django.db.models.functions import Length
from modelsearch.backends import database
from modelsearch.utils import get_content_type_pk

from newsdesk.articles.search_values import one_value_per_object

SAMPLE = 1000


class SavedEntriesTitleNorms:
    """Mixin for a modelsearch database index: norms of the written entries only."""

    entries: Any

    def add_items(self, model: Any, objs: Sequence[Model]) -> None:
        self._skip_refresh = True
        try:
            with one_value_per_object():
                super().add_items(model, objs)  # type: ignore[misc]
        finally:
            self._skip_refresh = False
        ids = [str(obj.pk) for obj in objs]
        if ids and model.get_search_fields():
            self.refresh_title_norms_of(get_content_type_pk(model), ids)

    def _refresh_title_norms(self, full: bool = False) -> None:
        if full or not getattr(self, "_skip_refresh", False):
            super()._refresh_title_norms(full=full)  # type: ignore[misc]

    def average_title_length(self) -> float | None:
        latest = self.entries.order_by("-pk").values("pk")[:SAMPLE]
        return (
            self.entries.filter(pk__in=latest)
            .annotate(title_length=Length("title"))
            .filter(title_length__gt=0)
            .aggregate(Avg("title_length"))["title_length__avg"]
        )

    def refresh_title_norms_of(self, content_type_pk: int, object_ids: list[str]) -> None:
        lavg = self.average_title_length()
        if lavg is None:
            return
        self.entries.filter(content_type_id=content_type_pk, object_id__in=object_ids).annotate(
            title_length=Length("title")
        ).filter(title_length__gt=0).update(title_norm=lavg / F("title_length"))


# The backends whose index refreshes title norms as above (MySQL's too, but untried here).
WITH_TITLE_NORMS = ("SQLiteSearchBackend", "PostgresSearchBackend")


_BUILT: dict[str, Any] = {}


def with_saved_entries_norms(backend_class: Any) -> Any:
    """The backend class with its index class taking `SavedEntriesTitleNorms` first (built
    here, not imported: each vendor's module can only be imported on its own database)."""
    if backend_class.__name__ in _BUILT:
        return _BUILT[backend_class.__name__]
    index_class = type(
        f"{backend_class.index_class.__name__}SavedNorms",
        (SavedEntriesTitleNorms, backend_class.index_class),
        {"__module__": __name__},
    )
    built = type(
        f"{backend_class.__name__}SavedNorms",
        (backend_class,),
        {"index_class": index_class, "__module__": __name__},
    )
    _BUILT[backend_class.__name__] = built
    return built


def SearchBackend(params: dict[str, Any]) -> Any:  # noqa: N802 (the name modelsearch looks for)
    backend = database.SearchBackend(params)
    if type(backend).__name__ not in WITH_TITLE_NORMS:
        return backend  # e.g. the fallback without SQLite's FTS5: no title norms
    return with_saved_entries_norms(type(backend))(params)
