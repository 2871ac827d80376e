"""One benchmark run: build or reuse the database, start the servers, check, then measure.

.venv/bin/python -m bench                      # 100,000 articles, 1,000,000 comments
.venv/bin/python -m bench --articles 1000 --comments 10000 --duration 5
.venv/bin/python -m bench --quick              # a tiny database and 1 s rows (tests)
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import urllib.request
from pathlib import Path

from .environment import BENCH_DIR, RunEnvironment, setup_django
from .report import CDN_ROW, STATIC_ROW, Report, Row, summary, write_json

QUICK_SIZE = (200, 1000)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, help="articles to build (default 100,000)")
    parser.add_argument("--comments", type=int, help="comments to build (default 1,000,000)")
    parser.add_argument("--duration", type=float, help="seconds per main row (default 10)")
    parser.add_argument(
        "--listing-duration", type=float, help="seconds per listing/sitemap row (default 5)"
    )
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--build-only", action="store_true", help="build, then stop")
    parser.add_argument(
        "--rankings-only", action="store_true", help="build if needed, time the rankings, stop"
    )
    parser.add_argument("--database-url", help="e.g. postgres://postgres@127.0.0.1/bench")
    parser.add_argument("--redis-url", default="", help="run the server with REDIS_URL")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--var-dir", type=Path, default=BENCH_DIR)
    parser.add_argument("--output", type=Path, help="JSON results (default var/bench/last.json)")
    parser.add_argument(
        "--quick", action="store_true", help="200 articles, 1,000 comments, 1 s per row"
    )
    parser.add_argument(
        "--related-only",
        action="store_true",
        help="only the related-articles section (comments default to 0)",
    )
    args = parser.parse_args(argv)
    if args.duration is None:
        args.duration = 1 if args.quick else 10
    if args.listing_duration is None:
        args.listing_duration = 1 if args.quick else 5
    default_size = QUICK_SIZE if args.quick else (100_000, 1_000_000)
    args.articles = args.articles if args.articles is not None else default_size[0]
    if args.related_only and args.comments is None:
        args.comments = 0
    args.comments = args.comments if args.comments is not None else default_size[1]
    if args.articles < 2 or args.comments < 0:
        parser.error("--articles must be at least 2 and --comments at least 0")
    if args.duration < 1 or args.listing_duration < 1:
        parser.error("durations are whole seconds, at least 1")
    args.output = args.output or args.var_dir / "last.json"
    return args


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def check_reachable(base_url: str, paths: list[tuple[str, str]]) -> None:
    """Every row's URL answers 200 before anything is measured, or the run stops saying
    which one does not."""
    for name, path in paths:
        status, _ = fetch(base_url + path)
        if status != 200:
            raise SystemExit(f"The {name} row's URL {path} answered {status}, not 200.")


def wait_until_idle(base_url: str, limit: float = 600) -> None:
    """Wait for the answers wrk left behind to drain: wrk stops a row with up to 32 slow
    requests (search, sitemaps) still queued in the server, which would otherwise be
    measured as the next row's latency."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            fetch(base_url + "/robots.txt")
        except OSError:  # still queued behind the backlog past the timeout
            continue
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.2)


def stable_count(page_id: int, settle: float = 1.5) -> int:
    """The article's count once no buffered view is still on its way to storage."""
    from .counter import all_time_views

    previous = all_time_views(page_id)
    for _ in range(20):
        time.sleep(settle)
        current = all_time_views(page_id)
        if current == previous:
            return current
        previous = current
    raise SystemExit("The article's view count kept moving with no load: cannot check it.")


def article_seconds(seconds: float) -> int:
    """The article rows run at least 3 s: 2 s of counted views and the quiet last second."""
    return max(3, round(seconds))


def count_window(seconds: int) -> int:
    """Counted requests stop 1-2 s before the end (wrk's clock for Lua is whole seconds), far
    longer than any answer takes, so every counted request has its answer back."""
    return seconds - 1


def measure_article(report: Report, base_url: str, targets, seconds: int) -> None:
    """The article row, with the counter check around it."""
    from .counter import verdict, wait_for_count
    from .wrk import UNCOUNTED_HEADERS, run_wrk

    url = base_url + targets.article_path
    # Every worker renders and caches it, with requests that are not counted: a counted
    # warm-up leaves up to 32 views in flight when wrk stops, counted after it has gone, and
    # reading the start count then raced them (the "off by +15" of one 100k run).
    run_wrk(url, 1, expected=targets.headline_html, headers=UNCOUNTED_HEADERS)
    before = stable_count(targets.article_id)
    result = run_wrk(
        url, seconds, expected=targets.headline_html, count_window=count_window(seconds)
    )
    answered = result.statuses.get(200, 0)
    after = wait_for_count(targets.article_id, before + result.counted_requests)
    report.rows.append(Row("article page", targets.article_path, result))
    report.counter_check = verdict(after - before, result.counted_requests)
    report.article_checks = {
        "article answers other than 200": result.requests - answered + result.socket_errors,
        "article 200 answers without its headline": result.wrong_body,
    }


def measure_search(report: Report, base_url: str, targets, seconds: float) -> None:
    """Two search rows (issue 15): never-repeated two-word queries, which no cache can
    answer, and one query asked again and again, answered from memory until a publish."""
    from .targets import search_words
    from .wrk import run_wrk

    search_page = targets.search.partition("?")[0]
    wait_until_idle(base_url)
    result = run_wrk(base_url + search_page, seconds, search_words=search_words())
    report.rows.append(Row("search distinct", f"{search_page}?q=<word>+<word>", result))
    wait_until_idle(base_url)
    result = run_wrk(base_url + targets.search_repeated, seconds)
    report.rows.append(Row("search repeated", targets.search_repeated, result))


def measure(args, env: RunEnvironment, targets) -> Report:
    from newsdesk.testing import free_port

    from .posts import pool_size, write_pool
    from .servers import newsdesk_server, nginx_static, varnish_cdn, worker_peak_rss
    from .wrk import UNCOUNTED_HEADERS, run_wrk

    report = Report()
    log_path = args.var_dir / "server.log"
    # The CDN row: Varnish in front, which the server lets keep listings (s-maxage).
    cdn_port = free_port()
    variables = {**env.variables(), "FRONTEND_CACHE_URL": f"http://127.0.0.1:{cdn_port}"}
    with newsdesk_server(variables, args.workers, log_path) as (base_url, process):
        rows = targets.main_rows() + targets.listing_rows()
        check_reachable(base_url, [("article", targets.article_path), *rows])
        _, page = fetch(base_url + targets.article_path)
        seconds = article_seconds(args.duration)
        with nginx_static(page, args.workers) as static_url:
            # Measured exactly as the article row is, Lua request() and quiet tail included.
            run_wrk(static_url, 1, expected=targets.headline_html, headers=UNCOUNTED_HEADERS)
            result = run_wrk(
                static_url,
                seconds,
                expected=targets.headline_html,
                count_window=count_window(seconds),
            )
            report.rows.append(Row(STATIC_ROW, "/article.html", result))
        with varnish_cdn(cdn_port, base_url) as cdn_url:
            run_wrk(cdn_url + "/", 1)
            report.rows.append(Row(CDN_ROW, "/", run_wrk(cdn_url + "/", args.duration)))
        measure_article(report, base_url, targets, seconds)
        for name, path in targets.main_rows():
            wait_until_idle(base_url)
            report.rows.append(Row(name, path, run_wrk(base_url + path, args.duration)))
        measure_search(report, base_url, targets, args.duration)
        for name, path in targets.listing_rows():
            wait_until_idle(base_url)
            result = run_wrk(base_url + path, args.listing_duration)
            report.rows.append(Row(name, path, result))
        wait_until_idle(base_url)
        with tempfile.TemporaryDirectory(prefix="bench-posts-") as tmp:
            bodies = write_pool(
                Path(tmp) / "bodies.txt", targets.article_id, pool_size(args.duration)
            )
            result = run_wrk(
                base_url + targets.comment_post,
                args.duration,
                bodies_file=bodies,
                headers={"Origin": base_url},
            )
            report.rows.append(Row("comment post", targets.comment_post, result))
        report.worker_rss_mb = worker_peak_rss(process.pid)
    return report


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.var_dir.mkdir(parents=True, exist_ok=True)
    from .database import database_url, prepare
    from .posts import rate_limit_knobs
    from .tools import nginx_binary, varnishd_binary, wrk_binary

    if not args.related_only:
        (
            wrk_binary(),
            nginx_binary(),
            varnishd_binary(),
        )  # install them first: a build is wasted without them
    url = database_url(args.var_dir, args.articles, args.comments, args.database_url)
    env = RunEnvironment(url, args.var_dir, redis_url=args.redis_url)
    env.extra.update(rate_limit_knobs())
    env.apply()
    setup_django()
    from django.core.management import call_command

    from . import rankings
    from . import targets as targets_module

    build_seconds = prepare(url, args.var_dir, args.articles, args.comments, args.rebuild)
    if args.build_only:
        return 0
    if args.related_only:
        from . import related

        results = related.run(args.articles)
        related.print_table(results)
        return 0
    load_before = os.getloadavg()
    print("Timing the rankings in process (median and max of 20)", flush=True)
    timings = rankings.measure()
    if args.rankings_only:
        report = Report()
    else:
        call_command("collectstatic", interactive=False, verbosity=0)
        targets = targets_module.load(args.articles)
        print(
            f"Measuring {args.workers} worker(s), 32 connections, {args.duration:g} s per row "
            f"({args.listing_duration:g} s for listings far back and sitemaps)",
            flush=True,
        )
        report = measure(args, env, targets)
    report.rankings = timings
    report.load_average = (load_before, os.getloadavg())
    report.database = f"{args.articles:,} articles, {args.comments:,} comments ({url})"
    report.build_seconds = build_seconds
    print()
    print(report.database)
    print(summary(report))
    write_json(report, args.output)
    print(f"\nResults written to {args.output}")
    return 0
