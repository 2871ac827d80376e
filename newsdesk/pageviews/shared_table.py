"""Live view counts in a memory-mapped file shared by the worker processes of one server.

The file is an array of 64-bit integers:

    header   MAGIC, VERSION, hash slots, entries used, writer columns, generation, day of
             the last compaction, 1 reserved word
    writers  per writer column: the process id that owns it (0: free)
    slots    per (page, day) entry: page id, day, base, then per writer column the views it
             counted and the part of them already written to the database

An entry's day is a date ordinal, or 0 for the page's all-time total (-1: a dropped entry).
`base` is the database value read when the entry was made; the count readers see is the
base plus the views of every column. The slots form an open-addressing hash table (linear
probing, at most half full); each process remembers the offsets it has looked up, for the
current generation of the table.

Counting takes no lock across processes: each worker process claims a writer column (the
first time it counts) and only it writes there, so a view is two increments of words no
other process writes, under a thread lock of the process, and a read of the sum. A word of
8 aligned bytes is read whole, and every column only grows, so a sum read after another one
is never smaller: counts never go backwards, and the counts a view gets include it. (Two
views at the same moment may see the same number.)

Each process writes its own column's views to the database (it remembers which entries it
counted in since its last flush), one process at a time (a POSIX record lock on byte 0);
what a process that died left is written by the process that takes its column over, or at
the end by the server (`flush(..., everyone=True)`, after the workers have stopped).

Every article read on a day adds an entry for that day, so a long-running server would fill
the table. Once a day, when a flush finds it three quarters full, it drops in place the
entries of days before yesterday with nothing left to write (no worker counts in those
days); a dropped slot is reused by the next new entry, and the generation goes up, which
tells every process to forget its offsets. Making entries, raising a base and compacting
happen under an exclusive `flock` of the file (plus a thread lock, as flock does not
separate the threads of one process).
"""

import fcntl
import mmap
import os
import threading
from collections.abc import Callable, Iterable

MAGIC = 0x6E65777364657376  # "newsdesv"
VERSION = 2
HEADER_WORDS = 8
USED, WRITERS, GENERATION, COMPACTED_ON = 3, 4, 5, 6
PAGE, DAY, BASE, COUNTS = 0, 1, 2, 3
TOTAL = 0  # the day of an all-time entry
DROPPED = -1  # the day of an entry compaction dropped (its slot is free again)
DEFAULT_WRITERS = 4

Key = tuple[int, int]  # (page id, day ordinal or TOTAL)
Delta = tuple[int, int, int]  # (page id, day ordinal or TOTAL, views)


def _slots_for(entries: int) -> int:
    slots = 16
    while slots < 2 * entries:
        slots *= 2
    return slots


def create(path: str, entries: int, writers: int = DEFAULT_WRITERS) -> None:
    """A fresh, empty table for `entries` (page, day) entries counted by up to `writers`
    processes at a time, replacing any old file."""
    slots = _slots_for(entries)
    words = HEADER_WORDS + writers + slots * (COUNTS + 2 * writers)
    temporary = f"{path}.{os.getpid()}.new"
    fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.ftruncate(fd, words * 8)  # sparse: pages are only allocated once touched
        header = memoryview(bytearray(HEADER_WORDS * 8)).cast("q")
        header[0], header[1], header[2], header[WRITERS] = MAGIC, VERSION, slots, writers
        os.pwrite(fd, header.cast("B"), 0)
    finally:
        os.close(fd)
    os.replace(temporary, path)  # readers never see a half-written header


def process_alive(pid: int) -> bool:
    """Whether a process of this id runs (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SharedViewTable:
    """One process's handle on the table. Open it in the process that uses it: a handle
    inherited through fork shares its lock and its writer column with the parent."""

    def __init__(self, path: str):
        self.path = path
        self._fd = os.open(path, os.O_RDWR)
        self._map = mmap.mmap(self._fd, os.fstat(self._fd).st_size)
        self._words = memoryview(self._map).cast("q")
        if self._words[0] != MAGIC or self._words[1] != VERSION:
            raise ValueError(f"{path} is not a newsdesk view table")
        self.slots = self._words[2]
        self.writers = self._words[WRITERS]
        self.max_entries = self.slots // 2
        self._entry_words = COUNTS + 2 * self.writers
        self._entries_at = HEADER_WORDS + self.writers
        self._thread_lock = threading.Lock()
        self._flush_thread_lock = threading.Lock()
        self._offsets: dict[Key, int] = {}
        self._generation = self._words[GENERATION]
        self._column: int | None = None  # COUNTS + this process's writer column, once claimed
        self._writer: int | None = None
        self._no_column = False
        self._touched: set[int] = set()  # entries counted in since this process's last flush

    def close(self) -> None:
        if self._writer is not None and self._words[HEADER_WORDS + self._writer] == os.getpid():
            self._words[HEADER_WORDS + self._writer] = 0  # free the column for another
        self._words.release()
        self._map.close()
        os.close(self._fd)

    # locking

    def _lock(self) -> None:
        self._thread_lock.acquire()
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        if self._words[GENERATION] != self._generation:  # compacted: offsets are stale
            self._offsets.clear()
            self._generation = self._words[GENERATION]

    def _unlock(self) -> None:
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._thread_lock.release()

    # counting

    def record(self, page_id: int, day: int) -> tuple[int, int] | None:
        """Count one view; (total, today) including it, or None if the caller must make the
        entries first (`missing`, `add_entries`) or count elsewhere: the table has no room
        for them, or no writer column is free (`has_column()` says which)."""
        column = self._column
        if column is None:
            if not self.has_column() or self._column is None:
                return None
            column = self._column
        total_at = self._offsets.get((page_id, TOTAL))
        day_at = self._offsets.get((page_id, day))
        if total_at is None or day_at is None:
            return None
        words = self._words
        if words[GENERATION] != self._generation:
            return None  # the caller looks the entries up again
        with self._thread_lock:  # no other process writes this column
            words[total_at + column] += 1
            words[day_at + column] += 1
            self._touched.add(total_at)
            self._touched.add(day_at)
        return self._shown(total_at), self._shown(day_at)

    def _shown(self, at: int) -> int:
        words, start = self._words, at + COUNTS
        return words[at + BASE] + sum(words[start : start + self.writers])

    def has_column(self) -> bool:
        """Whether this process may count here (claiming a writer column the first time)."""
        if self._column is None and not self._no_column:
            self._claim_column()
        return self._column is not None

    def _claim_column(self) -> None:
        """Take a free writer column, or one whose process has died (and write what it left
        at this process's next flush)."""
        me = os.getpid()
        self._lock()
        try:
            if self._column is not None or self._no_column:
                return  # another thread of this process claimed (or failed) meanwhile
            words, claimed, inherited = self._words, None, False
            for writer in range(self.writers):
                owner = words[HEADER_WORDS + writer]
                # Another handle of this process has its own column: two writers of one
                # column would each write its views.
                if owner == 0 or (owner != me and not process_alive(owner)):
                    claimed, inherited = writer, owner != 0
                    words[HEADER_WORDS + writer] = me
                    break
            if claimed is None:
                self._no_column = True
                return
            self._writer, self._column = claimed, COUNTS + claimed
            self._touched.update(self._unwritten(claimed) if inherited else ())
        finally:
            self._unlock()

    def _unwritten(self, writer: int) -> list[int]:
        """The entries where the writer column has views not yet written (a scan)."""
        words, count_at, written_at = self._words, COUNTS + writer, COUNTS + self.writers + writer
        return [
            at
            for at in range(
                self._entries_at,
                self._entries_at + self.slots * self._entry_words,
                self._entry_words,
            )
            if words[at + PAGE] and words[at + count_at] != words[at + written_at]
        ]

    def read(self, page_id: int, day: int) -> tuple[int | None, int | None]:
        """(total, today) as shown, None for an entry the table does not hold."""
        total_at = self._offsets.get((page_id, TOTAL))
        day_at = self._offsets.get((page_id, day))
        if total_at is None or day_at is None or self._words[GENERATION] != self._generation:
            self._lock()
            try:
                total_at, day_at = self._lookup((page_id, TOTAL)), self._lookup((page_id, day))
            finally:
                self._unlock()
        return (
            None if total_at is None else self._shown(total_at),
            None if day_at is None else self._shown(day_at),
        )

    def raise_shown(self, page_id: int, day: int, views: int) -> bool:
        """Add views stored in the database by other means (an import) to the entry's shown
        count; False if the table holds no such entry (it will read the database then)."""
        self._lock()
        try:
            at = self._lookup((page_id, day))
            if at is not None:
                self._words[at + BASE] += views
            return at is not None
        finally:
            self._unlock()

    def missing(self, page_id: int, day: int) -> list[Key]:
        """The keys of the page's entries the table does not hold yet."""
        self._lock()
        try:
            return [key for key in ((page_id, TOTAL), (page_id, day)) if not self._lookup(key)]
        finally:
            self._unlock()

    def add_entries(self, bases: dict[Key, int]) -> bool:
        """Create the entries that are still absent, each shown from its database count;
        False if the table is full."""
        self._lock()
        try:
            words = self._words
            for key, base in bases.items():
                at, free = self._probe(key)
                if at is None:
                    if words[USED] >= self.max_entries:
                        return False
                    words[free + COUNTS : free + self._entry_words] = memoryview(
                        bytes(8 * (self._entry_words - COUNTS))
                    ).cast("q")
                    words[free + BASE] = base
                    words[free + DAY] = key[1]  # a reused slot: the old page id is gone
                    words[free + PAGE] = key[0]
                    words[USED] += 1
                    at = free
                self._offsets[key] = at
            return True
        finally:
            self._unlock()

    def _lookup(self, key: Key) -> int | None:
        """The key's offset, remembered once found (the caller holds the lock)."""
        at = self._offsets.get(key)
        if at is None:
            at, _ = self._probe(key)
            if at is not None:
                self._offsets[key] = at
        return at

    def _probe(self, key: Key) -> tuple[int | None, int]:
        """(offset of the key's entry or None, offset of the free slot where it would go:
        the first dropped one on the way, else the empty one that ends the search)."""
        page_id, day = key
        mask = self.slots - 1
        index = (page_id * 0x9E3779B1 + day * 0x85EBCA77) & mask
        words, free = self._words, None
        while True:
            at = self._entries_at + index * self._entry_words
            found = words[at + PAGE]
            if found == 0:
                return None, at if free is None else free
            found_day = words[at + DAY]
            if found == page_id and found_day == day:
                return at, at
            if found_day == DROPPED and free is None:
                free = at
            index = (index + 1) & mask

    # flushing

    def flush(
        self,
        write: Callable[[list[Delta]], None],
        today: int | None = None,
        everyone: bool = False,
    ) -> int:
        """Hand this process's unwritten views to `write` (one call, one transaction) and,
        once it returns, mark them written; if it raises, they stay for the next flush.
        `everyone`: every column's (only once no other process counts: the server's last
        flush). Returns the number of views written (each is in a total and in a day row).
        Given `today`, also compacts the table if it is due."""
        with self._flush_thread_lock:
            fcntl.lockf(self._fd, fcntl.LOCK_EX, 1, 0)
            try:
                columns = range(self.writers) if everyone else self._own_columns()
                taken, batch = self._snapshot(columns, everyone)
                if batch:
                    try:
                        write(batch)
                    except BaseException:
                        with self._thread_lock:
                            self._touched.update(at for at, _, _ in taken)
                        raise
                    self._settle(taken)
                if today is not None:
                    self._compact_if_due(today)
                return sum(views for _, day, views in batch if day == TOTAL)
            finally:
                fcntl.lockf(self._fd, fcntl.LOCK_UN, 1, 0)

    def _own_columns(self) -> list[int]:
        return [] if self._writer is None else [self._writer]

    def _snapshot(
        self, columns: Iterable[int], everyone: bool
    ) -> tuple[list[tuple[int, int, int]], list[Delta]]:
        """(entry, writer, views counted) per unwritten column of an entry, and the batch."""
        words, written_from = self._words, COUNTS + self.writers
        taken: list[tuple[int, int, int]] = []
        views_of: dict[int, int] = {}
        for writer in columns:
            offsets: Iterable[int]
            if everyone:
                offsets = self._unwritten(writer)
            else:
                with self._thread_lock:
                    offsets, self._touched = self._touched, set()
            for at in offsets:
                counted = words[at + COUNTS + writer]
                views = counted - words[at + written_from + writer]
                if views:
                    taken.append((at, writer, counted))
                    views_of[at] = views_of.get(at, 0) + views
        batch = [(words[at + PAGE], words[at + DAY], views) for at, views in views_of.items()]
        return taken, batch

    def _settle(self, taken: list[tuple[int, int, int]]) -> None:
        """Mark as written what was written: views counted meanwhile stay unwritten (their
        entries are in the process's touched set again)."""
        words, written_from = self._words, COUNTS + self.writers
        for at, writer, counted in taken:
            words[at + written_from + writer] = counted

    def _compact_if_due(self, today: int) -> None:
        words = self._words
        if words[USED] < self.max_entries * 3 // 4 or words[COMPACTED_ON] == today:
            return
        self._lock()
        try:
            self._compact(today)
        finally:
            self._unlock()

    def _compact(self, today: int) -> None:
        """Drop the entries of days before yesterday that have nothing left to write, in
        place (the caller holds both locks; no process counts in those days). A scan of the
        table, at most once a day."""
        words, size, writers = self._words, self._entry_words, self.writers
        dropped = 0
        for at in range(self._entries_at, self._entries_at + self.slots * size, size):
            day = words[at + DAY]
            if not words[at + PAGE] or day in (TOTAL, DROPPED) or day >= today - 1:
                continue
            counts = words[at + COUNTS : at + COUNTS + writers]
            written = words[at + COUNTS + writers : at + size]
            if counts.tolist() == written.tolist():
                words[at + DAY] = DROPPED
                dropped += 1
        words[USED] -= dropped
        words[COMPACTED_ON] = today
        words[GENERATION] += 1
        self._offsets.clear()
        self._generation = words[GENERATION]

    def unflushed(self) -> int:
        """Views counted but not yet in the database (a scan: for tests and the end)."""
        words, size, writers = self._words, self._entry_words, self.writers
        pending = 0
        for at in range(self._entries_at, self._entries_at + self.slots * size, size):
            if words[at + PAGE] and words[at + DAY] == TOTAL:
                counts = words[at + COUNTS : at + COUNTS + writers].tolist()
                written = words[at + COUNTS + writers : at + size].tolist()
                pending += sum(counts) - sum(written)
        return pending
