"""Counting in the shared-memory table of one server (shared_table.py), flushed in batches.

`newsdesk serve` creates the table before granian forks its workers (server.py); each
worker opens it by the path it inherits. Day keys are date ordinals in the table.
"""

import datetime
import logging
from collections.abc import Iterable

from .. import shared_table, store
from ..days import LocalDay

logger = logging.getLogger(__name__)
today = LocalDay().today


class TableBackend:
    name = "table"

    def __init__(self, path: str):
        self.table = shared_table.SharedViewTable(path)
        self._full_reported = False

    def record(self, page_id: int, day: datetime.date) -> tuple[int, int]:
        counts = self.table.record(page_id, day.toordinal())
        if counts is None:
            counts = self._record_new(page_id, day)
        return counts

    def _record_new(self, page_id: int, day: datetime.date) -> tuple[int, int]:
        ordinal = day.toordinal()
        for _ in range(3):  # a compaction in between makes the entries move: look again
            missing = self.table.missing(page_id, ordinal)
            if missing:
                total, today_count = store.read(page_id, day)
                bases = {
                    key: total if key[1] == shared_table.TOTAL else today_count for key in missing
                }
                if not self.table.add_entries(bases):
                    self._report_full()
                    break
            counts = self.table.record(page_id, ordinal)
            if counts is not None:
                return counts
        return store.increment(page_id, day)

    def _report_full(self) -> None:
        if not self._full_reported:
            self._full_reported = True
            logger.warning(
                "The view table %s is full: new pages are counted directly in the database "
                "until the server restarts (raise NEWSDESK_PAGEVIEWS_TABLE_ENTRIES).",
                self.table.path,
            )

    def read_many(
        self, page_ids: Iterable[int], day: datetime.date
    ) -> dict[int, tuple[int | None, int | None]]:
        return {pk: self.table.read(pk, day.toordinal()) for pk in page_ids}

    def raise_shown(self, views: dict[int, int]) -> None:
        for page_id, count in views.items():
            self.table.raise_shown(page_id, shared_table.TOTAL, count)

    def flush(self) -> int:
        return self.table.flush(_write_ordinals, today=today().toordinal())

    def close(self) -> None:
        self.table.close()


def _write_ordinals(batch: list[shared_table.Delta]) -> None:
    store.add_views(
        (page_id, None if day == shared_table.TOTAL else datetime.date.fromordinal(day), views)
        for page_id, day, views in batch
    )
