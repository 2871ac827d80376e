"""Live parts: regions of a page that the hot path fills in per response from memory, so that a
page kept in the page cache still shows content that changes without a publish ("Most read").

One contract for the template and the hot path:

    {% load live_tags %}{% live_part "most_read" "site" %}   {% live_counter page %}

writes `<!--live:most_read:site-->…<!--/live-->`, the content coming from the part's
`prepare(key).fill(page_id)`; `{% live_counter page %}` writes `<!--live:counter-->…` with
`counter_text()`, which the hot path calls too with the counts of the view it counted. The
page cache (pagecache.py) keeps the page as the fragments
around those regions; per response the hot path fills each one from the worker's prepared
copy (`LiveParts.fill`, memory only). In the server (newsdesk/wsgi.py) a thread in each worker
prepares every key it has seen again every NEWSDESK_MOST_READ_DELAY / 4 seconds (and a publish
drops them all), so requests never wait on the database for a live part. Elsewhere (tests,
another WSGI host that builds its own HotPath) there is no thread: `refresh()` is called.

A part is a function `prepare(key) -> Prepared`, registered in PARTS, where a Prepared has
`fill(page_id) -> str` (HTML, memory only; `page_id` is the page shown, so a list can leave it
out) and `version` (equal versions, equal content: part of a listing's ETag). Markers cannot
come from readers or editors: their input is escaped, and rich text loses its comments to
the sanitiser (nh3).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from typing import Protocol

from django.conf import settings
from django.core.signals import setting_changed
from django.db import DatabaseError, close_old_connections
from django.dispatch import receiver
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from newsdesk.outages import outage
from newsdesk.pageviews import most_read
from newsdesk.ui import ui_string

logger = logging.getLogger(__name__)
_database = outage("The database (live parts of cached pages)")

KEY = re.compile(r"[A-Za-z0-9_-]+(?::[A-Za-z0-9_-]+)*")
OPEN, CLOSE = b"<!--live:", b"<!--/live-->"
# The counter line's region: `{% live_counter page %}` writes it, the hot path fills it from
# the view it counts (not from a prepared copy as the parts in PARTS).
COUNTER = "counter"
_counter_formats: dict[str | None, str] = {}


def counter_text(total: int, today: int) -> str:
    """The counter line's text, "Visited N times, M visit(s) today" (escaped HTML): the one
    renderer of it, for the template tag and for the hot path. The UI string is escaped once
    per process and language (again when NEWSDESK_STRINGS changes); the numbers need no
    escaping."""
    language = get_language()
    format_ = _counter_formats.get(language)
    if format_ is None:
        format_ = str(conditional_escape(ui_string("view_counter")))
        _counter_formats[language] = format_
    return format_.format(total=total, today=today)


@receiver(setting_changed)
def _forget_counter_formats(setting: str, **kwargs: object) -> None:
    if setting in ("NEWSDESK_STRINGS", "LANGUAGE_CODE"):
        _counter_formats.clear()


def render_counter(total: int, today: int) -> str:
    """The counter region as a template writes it: marker, text, end marker."""
    return marker(COUNTER, "") + counter_text(total, today) + CLOSE.decode()


class Prepared(Protocol):
    @property
    def version(self) -> str: ...

    def fill(self, page_id: int | None = None) -> str: ...


class _Unavailable:
    """What a live part shows while its content cannot be prepared: nothing."""

    version = "unavailable"

    def fill(self, page_id: int | None = None) -> str:
        return ""


UNAVAILABLE = _Unavailable()
PARTS: dict[str, Callable[[str], Prepared]] = {"most_read": most_read.prepare}


def marker(name: str, key: str) -> str:
    return f"<!--live:{name}:{key}-->" if key else f"<!--live:{name}-->"


def slot_name(name: str, key: str) -> str:
    """How the page cache names a live region's slot."""
    return f"live:{name}:{key}"


def prepare(name: str, key: str) -> Prepared:
    """The part's prepared content; ValueError for an unknown part or a malformed key."""
    if name not in PARTS or not KEY.fullmatch(key):
        raise ValueError(f"Not a live part: {name!r} with key {key!r}.")
    return PARTS[name](key)


def render(name: str, key: str, page_id: int | None) -> str:
    """The region as a template writes it: marker, content, end marker."""
    return marker(name, key) + prepare(name, key).fill(page_id) + CLOSE.decode()


class LiveParts:
    """One worker's prepared live parts, kept fresh by a background thread when asked to be."""

    def __init__(self, refresh_in_background: bool = False) -> None:
        self._refresh_in_background = refresh_in_background
        self._prepared: dict[str, Prepared] = {}
        self._changed_at: dict[str, float] = {}  # when each slot's content last changed
        # Goes up after any slot's content changed: what was made from the parts is stale.
        self.generation = 0
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        self._prepared = {}
        self._changed_at = {}
        self.generation += 1
        self._lock = threading.Lock()
        self._thread = None

    def clear(self) -> None:
        """Prepare everything again on next use (a publish may have changed a headline)."""
        with self._lock:
            self._prepared = {}
            self._changed_at = {}
            self.generation += 1

    def get(self, slot: str) -> Prepared:
        prepared = self._prepared.get(slot)
        if prepared is None:
            if not _database.available():
                return UNAVAILABLE
            try:
                prepared = self._prepare(slot)
            except DatabaseError as error:
                _database.failed(error)  # the page is still served, without this part
                return UNAVAILABLE
            _database.succeeded()
            self._keep(slot, prepared)
            self._start_refreshing()
        return prepared

    def _keep(self, slot: str, prepared: Prepared) -> None:
        with self._lock:
            old = self._prepared.get(slot)
            self._prepared[slot] = prepared
            if old is None or old.version != prepared.version:
                self._changed_at[slot] = time.time()
                self.generation += 1  # last: whoever reads it sees the new content

    def changed_at(self, slots: tuple[str, ...]) -> float:
        """When the content of any of these slots last changed in this worker."""
        for slot in slots:
            self.get(slot)
        return max((self._changed_at.get(slot, 0.0) for slot in slots), default=0.0)

    def fill(self, slot: str, page_id: int | None) -> bytes:
        return self.get(slot).fill(page_id).encode()

    def version(self, slots: tuple[str, ...]) -> str:
        versions = "|".join(self.get(slot).version for slot in slots)
        return hashlib.blake2b(versions.encode(), digest_size=6).hexdigest()

    @staticmethod
    def _prepare(slot: str) -> Prepared:
        _, name, key = slot.split(":", 2)
        return prepare(name, key)

    def _start_refreshing(self) -> None:
        if self._refresh_in_background and self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._refresh_every, name="hotpath-live-parts", daemon=True
                    )
                    self._thread.start()

    def _refresh_every(self) -> None:
        while True:
            time.sleep(max(1.0, settings.NEWSDESK_MOST_READ_DELAY / 4))
            close_old_connections()  # a long-lived thread must not keep a broken connection
            self.refresh()

    def refresh(self) -> None:
        """Prepare every known slot again; while the database fails, keep what there is
        (said once: newsdesk.outages)."""
        with self._lock:  # requests add slots meanwhile
            slots = list(self._prepared)
        for slot in slots:
            try:
                prepared = self._prepare(slot)
            except DatabaseError as error:
                _database.failed(error)
                return
            _database.succeeded()
            self._keep(slot, prepared)
