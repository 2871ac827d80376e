"""The counting side of `newsdesk serve`: choose the backend before granian forks its
workers, and write what they left once they have stopped.

With the shared table, `prepare_server()` creates a fresh table file in /dev/shm (or the var
folder where there is none), named after the database and the server's process id, and hands
its path to the workers in an environment variable (backends.HANDOFF). After granian has
stopped every worker, `finish_server()` flushes whatever is left and removes the table.
"""

import os
from pathlib import Path

from django.conf import settings
from django.db import connections

from newsdesk.databases import database_identity

from . import shared_table
from .backends import HANDOFF, REDIS, open_backend
from .flushing import flush_safely

CHOICES = ("auto", "database", "table", "redis")


def chosen_backend() -> str:
    """NEWSDESK_PAGEVIEWS_BACKEND, with "auto" resolved: Redis with REDIS_URL, else the
    shared table; the database when the flush interval is 0."""
    choice = settings.NEWSDESK_PAGEVIEWS_BACKEND
    if choice not in CHOICES:
        raise ValueError(f"NEWSDESK_PAGEVIEWS_BACKEND must be one of {', '.join(CHOICES)}")
    if settings.NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL <= 0:
        return "database"
    if choice == "auto":
        return "redis" if settings.REDIS_URL else "table"
    return choice


def prepare_server(workers: int = 1) -> str:
    """Set up the backend for the `workers` processes this one is about to start; returns
    a description for the start-up message."""
    choice = chosen_backend()
    if choice == "database":
        os.environ.pop(HANDOFF, None)
        return "views counted directly in the database"
    if choice == "redis":
        os.environ[HANDOFF] = REDIS
        return "views counted in Redis"
    remove_stale_tables()
    path = table_path()
    # A writer column per worker, and one spare for a worker started again while the one it
    # replaces is still on its way out.
    shared_table.create(str(path), settings.NEWSDESK_PAGEVIEWS_TABLE_ENTRIES, workers + 1)
    os.environ[HANDOFF] = str(path)
    connections.close_all()  # the workers are forked from here: they must not share it
    return f"views counted in {path}"


def finish_server() -> int:
    """After the workers have stopped: write what they left, remove the table."""
    handoff = os.environ.pop(HANDOFF, "")
    if not handoff:
        return 0
    if handoff == REDIS:
        backend = open_backend(handoff)
    else:
        from .backends.table import TableBackend

        backend = TableBackend(handoff, everyone=True)  # what every worker left
    try:
        return flush_safely(backend)
    finally:
        backend.close()
        if handoff != REDIS:
            Path(handoff).unlink(missing_ok=True)


def table_folder() -> Path:
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm
    return Path(settings.VAR_DIR)


def table_prefix() -> str:
    return f"newsdesk-views-{database_identity()}-"


def table_path(owner_pid: int | None = None) -> Path:
    return table_folder() / f"{table_prefix()}{owner_pid or os.getpid()}"


def live_tables() -> list[Path]:
    """The tables of servers of this database that are running now."""
    return [path for path, owner in _tables() if shared_table.process_alive(owner)]


def remove_stale_tables() -> None:
    """Tables of this database left by servers that were killed: their views are lost."""
    for path, owner in _tables():
        if not shared_table.process_alive(owner):
            path.unlink(missing_ok=True)


def _tables() -> list[tuple[Path, int]]:
    prefix = table_prefix()
    found = []
    for path in table_folder().glob(prefix + "*"):
        owner = path.name.removeprefix(prefix).split(".")[0]
        if owner.isdigit():
            found.append((path, int(owner)))
    return found
