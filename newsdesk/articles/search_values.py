"""Search field values computed once per object while a batch is being indexed.

modelsearch's database indexers build each index column (title, body and autocomplete,
and on PostgreSQL the plain title and body texts too) by reading every search field
again, so an article's body, the costliest field (the text of every block of its
StreamField), was read three times per save on SQLite and five times on PostgreSQL.

Inside `one_value_per_object()`, which the search backend enters around each batch it
writes (newsdesk/search/backend.py), a `SearchField` from this module reads its value once
per object. Outside it (any other caller) it behaves exactly as Wagtail's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from wagtail.search import index

# (id(object), field name) -> (the object, kept so that its id is not reused; its value)
_values: ContextVar[dict[tuple[int, str], tuple[Any, Any]] | None] = ContextVar(
    "search_values", default=None
)


class SearchField(index.SearchField):
    def get_value(self, obj: Any) -> Any:
        values = _values.get()
        if values is None:
            return super().get_value(obj)
        key = (id(obj), self.field_name)
        if key not in values:
            values[key] = (obj, super().get_value(obj))
        return values[key][1]


@contextmanager
def one_value_per_object() -> Iterator[None]:
    token = _values.set({})
    try:
        yield
    finally:
        _values.reset(token)
