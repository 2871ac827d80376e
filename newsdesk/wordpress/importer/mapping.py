"""The WordPress id -> newsdesk object table, cached per kind for the length of one run.

New rows are written in batches (`flush`); a changed row is saved at once.
"""

from __future__ import annotations

from newsdesk.rows import reserve_ids

from ..models import WordPressObject

Kind = WordPressObject.Kind


class Mapping:
    def __init__(self, rows):
        self._writers = rows
        self._cache: dict[tuple[str, str], dict[str, WordPressObject]] = {}
        self._new: list[WordPressObject] = []

    def _kind(self, site: str, kind: str) -> dict[str, WordPressObject]:
        key = (site, kind)
        if key not in self._cache:
            rows = WordPressObject.objects.filter(site=site, kind=kind)
            self._cache[key] = {row.key: row for row in rows}
        return self._cache[key]

    def get(self, site: str, kind: str, key: str) -> WordPressObject | None:
        return self._kind(site, kind).get(key)

    def object_id(self, site: str, kind: str, key: str) -> int | None:
        row = self.get(site, kind, key)
        return row.object_id if row is not None else None

    def rows(self, site: str, kind: str) -> dict[str, WordPressObject]:
        return self._kind(site, kind)

    def set(self, site: str, kind: str, key: str, object_id: int | None, **extra) -> None:
        row = self.get(site, kind, key)
        if row is None:
            row = WordPressObject(site=site, kind=kind, key=key)
            self._kind(site, kind)[key] = row
        row.object_id = object_id
        for name, value in extra.items():
            max_length = WordPressObject._meta.get_field(name).max_length
            setattr(row, name, (value or "")[:max_length] if max_length else value)
        if row.pk is not None:
            row.save()
        elif not getattr(row, "_queued", False):
            row._queued = True
            self._new.append(row)

    def flush(self) -> None:
        """Write the new rows; each gets its id first, so a later `set` updates it."""
        for row, pk in zip(self._new, reserve_ids(WordPressObject, len(self._new)), strict=True):
            row.pk = pk
        self._writers(WordPressObject).write_objects(self._new)
        self._new.clear()
