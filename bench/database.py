"""Preparing the benchmark database: reuse the one built for this size, or build it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlsplit

from .environment import sqlite_path


def database_url(var_dir: Path, articles: int, comments: int, given: str | None) -> str:
    if given:
        return given
    return f"sqlite:///{sqlite_path(var_dir, articles, comments)}"


def marker_path(var_dir: Path, url: str, articles: int, comments: int) -> Path:
    """The file that says a build of this size into this database finished."""
    parts = urlsplit(url)
    name = Path(parts.path).name or "db"
    return var_dir / f"{parts.scheme}-{name}-{articles}-{comments}.built.json"


def discard(url: str, marker: Path) -> None:
    """Remove a database (and its marker) so that it is built again from scratch."""
    marker.unlink(missing_ok=True)
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(parts.path + suffix).unlink(missing_ok=True)
    else:
        _recreate_postgres(url)


def _recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    # libpq reads postgres:// URLs; connect to the maintenance database to drop this one.
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')


def prepare(url: str, var_dir: Path, articles: int, comments: int, rebuild: bool, log=print):
    """Migrate and build when needed; return the build time in seconds (None: reused)."""
    from django.core.management import call_command

    from .builder import build

    marker = marker_path(var_dir, url, articles, comments)
    if marker.exists() and not rebuild:
        log(f"Reusing the benchmark database {url}")
        call_command("migrate", interactive=False, verbosity=0)  # e.g. a new index
        return None
    discard(url, marker)
    log(f"Building the benchmark database: {articles:,} articles, {comments:,} comments")
    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    result = build(articles, comments, log=log)
    seconds = time.monotonic() - started
    log(f"Built in {seconds:.1f} s (rows and index {result.seconds:.1f} s, migrations the rest)")
    marker.write_text(json.dumps({"seconds": round(seconds, 1), "article_id": result.article_id}))
    return seconds
