"""Counting in the shared-memory table of one server (shared_table.py), flushed in batches.

`newsdesk serve` creates the table before granian forks its workers (server.py); each
worker opens it by the path it inherits, and writes the views it counted itself. The server
opens it once more after its workers have stopped (`everyone=True`) to write whatever they
left. Day keys are date ordinals in the table.
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

    def __init__(self, path: str, everyone: bool = False):
        self.table = shared_table.SharedViewTable(path)
        self._everyone = everyone
        self._full_reported = False

    def record(self, page_id: int, day: datetime.date) -> tuple[int, int]:
        counts = self.table.record(page_id, day.toordinal())
        if counts is None:
            counts = self._record_new(page_id, day)
        return counts

    def _record_new(self, page_id: int, day: datetime.date) -> tuple[int, int]:
        ordinal = day.toordinal()
        if not self.table.has_column():
            self._report_full(f"all {self.table.writers} writer columns are taken")
            return store.increment(page_id, day)
        for _ in range(3):  # a compaction in between makes the entries move: look again
            missing = self.table.missing(page_id, ordinal)
            if missing:
                total, today_count = store.read(page_id, day)
                bases = {
                    key: total if key[1] == shared_table.TOTAL else today_count for key in missing
                }
                if not self.table.add_entries(bases):
                    self._report_full("it is full")
                    break
            counts = self.table.record(page_id, ordinal)
            if counts is not None:
                return counts
        return store.increment(page_id, day)

    def _report_full(self, why: str) -> None:
        if not self._full_reported:
            self._full_reported = True
            logger.warning(
                "The view table %s cannot take this process's views (%s): they are counted "
                "directly in the database until the server restarts (raise "
                "NEWSDESK_PAGEVIEWS_TABLE_ENTRIES, or run fewer workers).",
                self.table.path,
                why,
            )

    def read_many(
        self, page_ids: Iterable[int], day: datetime.date
    ) -> dict[int, tuple[int | None, int | None]]:
        return {pk: self.table.read(pk, day.toordinal()) for pk in page_ids}

    def raise_shown(self, views: dict[int, int]) -> None:
        for page_id, count in views.items():
            self.table.raise_shown(page_id, shared_table.TOTAL, count)

    def flush(self) -> int:
        return self.table.flush(_write_ordinals, today=today().toordinal(), everyone=self._everyone)

    def close(self) -> None:
        self.table.close()


def _write_ordinals(batch: list[shared_table.Delta]) -> None:
    store.add_views(
        (page_id, None if day == shared_table.TOTAL else datetime.date.fromordinal(day), views)
        for page_id, day, views in batch
    )
