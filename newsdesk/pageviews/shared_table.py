"""Live view counts in a memory-mapped file shared by the worker processes of one server.

The file is an array of 64-bit integers:

    header   MAGIC, VERSION, hash slots, entries used, dirty count, generation, day of the
             last compaction, 1 reserved word
    slots    per (page, day) entry: page id, day, shown, unflushed, queued
    dirty    offsets of the entries with unflushed views, in the order they got them

An entry's day is a date ordinal, or 0 for the page's all-time total. `shown` is the count
readers see (the database value when the entry was made plus every view counted since),
`unflushed` the part of it not yet in the database. The slots form an open-addressing hash
table (linear probing, at most half full); each process remembers the offsets it has looked
up, for the current generation of the table.

Every article read on a day adds an entry for that day, so a long-running server would fill
the table. Once a day, when a flush finds it three quarters full, it compacts the table:
entries of days before yesterday with nothing left to write are dropped, the rest are
rehashed, and the generation goes up, which tells every process to forget its offsets.

Every change happens under an exclusive `flock` of the file (plus a thread lock, as flock
does not separate the threads of one process): counting a view is two increments and two
reads under that lock, about 2 µs, and each view gets its own, distinct count. Flushing is
serialised by a second lock, a POSIX record lock on byte 0 (those do not interact with
flock), so one process at a time copies the dirty entries, writes them to the database
without holding the counting lock, then subtracts what it wrote.
"""

import array
import fcntl
import mmap
import os
import threading
from collections.abc import Callable

MAGIC = 0x6E65777364657376  # "newsdesv"
VERSION = 1
HEADER_WORDS = 8
ENTRY_WORDS = 5
USED, DIRTY_COUNT, GENERATION, COMPACTED_ON = 3, 4, 5, 6
PAGE, DAY, SHOWN, UNFLUSHED, QUEUED = range(ENTRY_WORDS)
TOTAL = 0  # the day of an all-time entry

Key = tuple[int, int]  # (page id, day ordinal or TOTAL)
Delta = tuple[int, int, int]  # (page id, day ordinal or TOTAL, views)


def _slots_for(entries: int) -> int:
    slots = 16
    while slots < 2 * entries:
        slots *= 2
    return slots


def create(path: str, entries: int) -> None:
    """A fresh, empty table for `entries` (page, day) entries, replacing any old file."""
    slots = _slots_for(entries)
    words = HEADER_WORDS + slots * ENTRY_WORDS + slots // 2
    temporary = f"{path}.{os.getpid()}.new"
    fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.ftruncate(fd, words * 8)  # sparse: pages are only allocated once touched
        header = memoryview(bytearray(HEADER_WORDS * 8)).cast("q")
        header[0], header[1], header[2] = MAGIC, VERSION, slots
        os.pwrite(fd, header.cast("B"), 0)
    finally:
        os.close(fd)
    os.replace(temporary, path)  # readers never see a half-written header


class SharedViewTable:
    """One process's handle on the table. Open it in the process that uses it: a handle
    inherited through fork shares its lock with the parent and would not exclude it."""

    def __init__(self, path: str):
        self.path = path
        self._fd = os.open(path, os.O_RDWR)
        self._map = mmap.mmap(self._fd, os.fstat(self._fd).st_size)
        self._words = memoryview(self._map).cast("q")
        if self._words[0] != MAGIC or self._words[1] != VERSION:
            raise ValueError(f"{path} is not a newsdesk view table")
        self.slots = self._words[2]
        self.max_entries = self.slots // 2
        self._dirty_at = HEADER_WORDS + self.slots * ENTRY_WORDS
        self._thread_lock = threading.Lock()
        self._flush_thread_lock = threading.Lock()
        self._offsets: dict[Key, int] = {}
        self._generation = self._words[GENERATION]

    def close(self) -> None:
        self._words.release()
        self._map.close()
        os.close(self._fd)

    # locking

    def _lock(self) -> None:
        self._thread_lock.acquire()
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        if self._words[GENERATION] != self._generation:  # compacted: offsets have moved
            self._offsets.clear()
            self._generation = self._words[GENERATION]

    def _unlock(self) -> None:
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._thread_lock.release()

    # counting

    def record(self, page_id: int, day: int) -> tuple[int, int] | None:
        """Count one view; (total, today) including it, or None if the table has no room
        for the page's entries (the caller then counts directly in the database)."""
        total_at = self._offsets.get((page_id, TOTAL))
        day_at = self._offsets.get((page_id, day))
        if total_at is None or day_at is None:
            return None
        words, fd = self._words, self._fd
        self._thread_lock.acquire()
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if words[GENERATION] != self._generation:
                return None  # the caller looks the entries up again
            total = words[total_at + SHOWN] = words[total_at + SHOWN] + 1
            today = words[day_at + SHOWN] = words[day_at + SHOWN] + 1
            words[total_at + UNFLUSHED] += 1
            words[day_at + UNFLUSHED] += 1
            if not (words[total_at + QUEUED] and words[day_at + QUEUED]):
                self._queue(total_at)
                self._queue(day_at)
            return total, today
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            self._thread_lock.release()

    def _queue(self, at: int) -> None:
        """Put an entry on the dirty list, once (the caller holds the lock)."""
        words = self._words
        if not words[at + QUEUED]:
            words[at + QUEUED] = 1
            dirty = words[DIRTY_COUNT]
            words[self._dirty_at + dirty] = at
            words[DIRTY_COUNT] = dirty + 1

    def read(self, page_id: int, day: int) -> tuple[int | None, int | None]:
        """(total, today) as shown, None for an entry the table does not hold."""
        self._lock()
        try:
            total_at, day_at = self._lookup((page_id, TOTAL)), self._lookup((page_id, day))
            return (
                None if total_at is None else self._words[total_at + SHOWN],
                None if day_at is None else self._words[day_at + SHOWN],
            )
        finally:
            self._unlock()

    def raise_shown(self, page_id: int, day: int, views: int) -> bool:
        """Add views stored in the database by other means (an import) to the entry's shown
        count; False if the table holds no such entry (it will read the database then)."""
        self._lock()
        try:
            at = self._lookup((page_id, day))
            if at is not None:
                self._words[at + SHOWN] += views
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
            for key, base in bases.items():
                at, free = self._probe(key)
                if at is None:
                    if self._words[USED] >= self.max_entries:
                        return False
                    self._words[free + DAY] = key[1]
                    self._words[free + SHOWN] = base
                    self._words[free + PAGE] = key[0]  # last: the entry now exists
                    self._words[USED] += 1
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
        """(offset of the key's entry or None, offset of the free slot where it would go)."""
        page_id, day = key
        mask = self.slots - 1
        index = (page_id * 0x9E3779B1 + day * 0x85EBCA77) & mask
        words = self._words
        while True:
            at = HEADER_WORDS + index * ENTRY_WORDS
            found = words[at + PAGE]
            if found == 0:
                return None, at
            if found == page_id and words[at + DAY] == day:
                return at, at
            index = (index + 1) & mask

    # flushing

    def flush(self, write: Callable[[list[Delta]], None], today: int | None = None) -> int:
        """Hand the unflushed views to `write` (one call, one transaction) and, once it
        returns, take them off; if it raises, they stay for the next flush. Returns the
        number of views written (each is in a total and in a day row). Given `today`, also
        compacts the table if it is due."""
        with self._flush_thread_lock:
            fcntl.lockf(self._fd, fcntl.LOCK_EX, 1, 0)
            try:
                taken, batch = self._snapshot()
                if batch:
                    write(batch)
                    self._settle(taken, batch)
                if today is not None:
                    self._compact_if_due(today)
                return sum(views for _, day, views in batch if day == TOTAL)
            finally:
                fcntl.lockf(self._fd, fcntl.LOCK_UN, 1, 0)

    def _snapshot(self) -> tuple[list[int], list[Delta]]:
        words = self._words
        self._lock()
        try:
            taken = list(words[self._dirty_at : self._dirty_at + words[DIRTY_COUNT]])
            batch = [(words[at + PAGE], words[at + DAY], words[at + UNFLUSHED]) for at in taken]
        finally:
            self._unlock()
        return taken, batch

    def _settle(self, taken: list[int], batch: list[Delta]) -> None:
        """Subtract what was written; keep dirty the entries that got views meanwhile."""
        words, start = self._words, self._dirty_at
        self._lock()
        try:
            still_dirty = []
            for at, (_, _, views) in zip(taken, batch, strict=True):
                words[at + UNFLUSHED] -= views
                if words[at + UNFLUSHED]:
                    still_dirty.append(at)
                else:
                    words[at + QUEUED] = 0
            # Entries first queued after the snapshot sit behind the taken ones.
            queued_since = list(words[start + len(taken) : start + words[DIRTY_COUNT]])
            dirty = still_dirty + queued_since
            words[start : start + len(dirty)] = array.array("q", dirty)
            words[DIRTY_COUNT] = len(dirty)
        finally:
            self._unlock()

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
        """Drop the entries of days before yesterday that have nothing left to write and
        rehash the rest (the caller holds both locks). Counting waits meanwhile: 0.4 s
        for 200,000 entries on a 2-core machine, at most once a day."""
        words, start, end = self._words, HEADER_WORDS, self._dirty_at
        slots = words[start:end].tolist()
        kept = []
        for at in range(0, len(slots), ENTRY_WORDS):
            page_id, day, _, unflushed, _ = entry = slots[at : at + ENTRY_WORDS]
            if page_id and (day == TOTAL or day >= today - 1 or unflushed):
                kept.append((start + at, entry))
        dirty = words[end : end + words[DIRTY_COUNT]].tolist()
        self._map[start * 8 : end * 8] = bytes((end - start) * 8)
        moved = {}
        for old_at, entry in kept:
            _, at = self._probe((entry[PAGE], entry[DAY]))
            words[at : at + ENTRY_WORDS] = array.array("q", entry)
            moved[old_at] = at
        words[end : end + len(dirty)] = array.array("q", [moved[at] for at in dirty])
        words[USED] = len(kept)
        words[COMPACTED_ON] = today
        words[GENERATION] += 1
        self._offsets.clear()
        self._generation = words[GENERATION]

    def unflushed(self) -> int:
        """Views counted but not yet in the database."""
        words = self._words
        self._lock()
        try:
            taken = words[self._dirty_at : self._dirty_at + words[DIRTY_COUNT]]
            return sum(words[at + UNFLUSHED] for at in taken if words[at + DAY] == TOTAL)
        finally:
            self._unlock()
