"""The import benchmark: a generated export into a fresh database, timed.

    python -m newsdesk.wordpress.bench [--posts 20000] [--comments 100000] [--keep DIR]

Uses a new SQLite database in a temporary folder unless DATABASE_URL is set (then that
database must be empty and migrated). Checks that every post and comment arrived, then
prints posts per second and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--comments", type=int, default=100000)
    parser.add_argument("--keep", help="folder for the export and database (kept)")
    args = parser.parse_args(argv)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="newsdesk-wp-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")

    from .testdata import write_export

    export = folder / "export.xml"
    started = time.perf_counter()
    write_export(export, args.posts, args.comments)
    generated = time.perf_counter() - started

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    from .importer import WordPressImport

    started, cpu_started = time.perf_counter(), time.process_time()
    report = WordPressImport([export], progress=sys.stderr).run()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    _check(report, args.posts)
    rows = [
        ("export", f"{export.stat().st_size / 1e6:.1f} MB written in {generated:.1f} s"),
        ("posts", f"{report.imported['post']}"),
        ("comments", f"{report.imported['comment']}"),
        ("import time", f"{elapsed:.1f} s"),
        ("posts per second", f"{args.posts / elapsed:.1f}"),
        # On a shared machine the wall clock also counts other processes' turns.
        ("CPU time", f"{cpu:.1f} s ({args.posts / cpu:.1f} posts per CPU second)"),
        ("peak memory (RSS)", f"{peak / 1024:.0f} MiB (before import: {rss_before / 1024:.0f})"),
    ]
    for name, value in rows:
        print(f"{name:<20} {value}")


def _check(report, posts: int) -> None:
    from newsdesk.articles.models import ArticlePage

    if report.imported["post"] != posts or ArticlePage.objects.count() != posts:
        raise SystemExit(f"expected {posts} posts, imported {report.imported['post']}")


if __name__ == "__main__":
    main()
