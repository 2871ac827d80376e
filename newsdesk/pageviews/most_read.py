"""The "Most read" lists readers see, shared by every process and node, and their box.

    entries = current_list("site", 7)        # [Ranked, ...]: one indexed read
    box = prepare("site:7").fill(page_id)   # the box as HTML, without the page itself

A list is a MostReadList row keyed by scope and window ("site:7", "section:12:today"). Who
asks for a list older than its refresh age claims it with one UPDATE (only one process
wins) and computes it again (rankings.top_articles); everyone else reads the stored one. So
every node shows the same list, and showing one costs a read of one row.

How fresh: a list is computed again once it is older than 3/4 of NEWSDESK_MOST_READ_DELAY,
and the hot path asks for it again every 1/4 of it (newsdesk.delivery.live), so what a reader
sees follows the counts within that delay. Keys come from templates (`{% live "most_read"
"site" %}`), so a malformed key is refused with ValueError, never a 500 of its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, transaction
from django.template.loader import render_to_string
from django.utils.html import format_html

from newsdesk.articles.listings import attach_sections
from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.outages import outage
from newsdesk.ui import ui_string

from .models import MostReadList
from .rankings import Ranked, Window, check_window, top_articles

_writes = outage("The database, for sharing most-read lists")


def refresh_age() -> float:
    return settings.NEWSDESK_MOST_READ_DELAY * 0.75


def parse_key(key: str) -> tuple[str, Window]:
    """ "site", "site:today", "section:12:30" → (scope, window); the window defaults to
    NEWSDESK_MOST_READ_WINDOW."""
    parts = key.split(":")
    if parts[0] == "site":
        scope, rest = "site", parts[1:]
    elif parts[0] == "section" and len(parts) > 1 and parts[1].isascii() and parts[1].isdigit():
        scope, rest = f"section:{int(parts[1])}", parts[2:]
    else:
        raise ValueError(f"Not a most-read key: {key!r} (site or section:<id>, then a window).")
    if len(rest) > 1:
        raise ValueError(f"Not a most-read key: {key!r}.")
    window: Window = settings.NEWSDESK_MOST_READ_WINDOW
    if rest:
        window = int(rest[0]) if rest[0].isascii() and rest[0].isdigit() else rest[0]
    return scope, check_window(window)


def current_list(scope: str, window: Window) -> list[Ranked]:
    """The stored list, computed again first if it is due (by this process, if it claims it)."""
    key = f"{scope}:{window}"
    row = MostReadList.objects.filter(key=key).first()
    now = time.time()
    if row is None or now - row.computed_at >= refresh_age():
        try:
            with transaction.atomic():
                entries = _claim_and_compute(key, scope, window, now)
        except DatabaseError as error:
            # Read-only (a read-only var directory holding SQLite, a replica): the list is
            # still computed, only not shared (said once: newsdesk.outages).
            _writes.failed(error)
            return _compute(scope, window)
        _writes.succeeded()
        if entries is not None:
            return entries
        row = MostReadList.objects.filter(key=key).first()
    return [Ranked(page_id, views) for page_id, views in (row.entries if row else [])]


def _claim_and_compute(key: str, scope: str, window: Window, now: float) -> list[Ranked] | None:
    MostReadList.objects.bulk_create([MostReadList(key=key)], ignore_conflicts=True)
    due = MostReadList.objects.filter(key=key, computed_at__lte=now - refresh_age())
    if not due.update(computed_at=now):
        return None  # another process is computing it, or just did
    entries = _compute(scope, window)
    stored = [[entry.page_id, entry.views] for entry in entries]
    MostReadList.objects.filter(key=key).update(entries=stored, computed_at=time.time())
    return entries


def _compute(scope: str, window: Window) -> list[Ranked]:
    section = None
    if scope.startswith("section:"):
        section = SectionPage.objects.published().filter(pk=int(scope[8:])).first()
        if section is None:
            return []
    # One more than shown: an article page leaves itself out.
    return top_articles(window, section, limit=settings.NEWSDESK_MOST_READ_COUNT + 1)


@dataclass(frozen=True)
class PreparedBox:
    """A rendered list, ready to be shown on any page in microseconds: `fill(page_id)`."""

    head: str
    items: tuple[tuple[int, str], ...]  # (article id, its <li>)
    tail: str
    version: str
    # fill() runs for every page served from the hot path, and has only a few answers (the
    # box on a page not listed, and on each listed article): each made once, here.
    _filled: dict[int | None, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        filled: dict[int | None, str] = {None: self._without(None)}
        filled.update((article_id, self._without(article_id)) for article_id, _ in self.items)
        object.__setattr__(self, "_filled", filled)

    def fill(self, page_id: int | None = None) -> str:
        box = self._filled.get(page_id)
        return self._filled[None] if box is None else box

    def _without(self, page_id: int | None) -> str:
        shown = [item for article_id, item in self.items if article_id != page_id]
        shown = shown[: settings.NEWSDESK_MOST_READ_COUNT]
        return self.head + "".join(shown) + self.tail if shown else ""


def prepare(key: str) -> PreparedBox:
    """The box for a most-read key: a heading and an ordered list of linked headlines."""
    scope, window = parse_key(key)
    entries = current_list(scope, window)
    articles = ArticlePage.objects.published().filter(pk__in=[e.page_id for e in entries])
    by_id = {article.pk: article for article in articles.defer("body")}
    attach_sections(by_id.values())
    items = tuple(
        (
            entry.page_id,
            render_to_string(
                "pageviews/most_read_item.html",
                {"article": by_id[entry.page_id], "views": entry.views},
            ).strip(),
        )
        for entry in entries
        if entry.page_id in by_id
    )
    head = format_html(
        '<aside class="most-read" aria-labelledby="most-read-heading">'
        '<h2 id="most-read-heading">{}</h2><ol class="most-read-list">',
        ui_string("most_read_heading"),
    )
    return PreparedBox(head, items, "</ol></aside>", version=f"{key}={entries}")
