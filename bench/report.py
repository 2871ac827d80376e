"""The printed table and the JSON file of a run."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .rankings import Timing
from .rankings import table as rankings_table
from .wrk import WrkResult

STATIC_ROW = "nginx static article"
CDN_ROW = "CDN (Varnish) home"
COLUMNS = ("row", "req/s", "p50", "p99", "errors", "vs static")


@dataclass
class Row:
    name: str
    path: str
    result: WrkResult


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    database: str = ""
    build_seconds: float | None = None
    counter_check: str = ""
    article_checks: dict = field(default_factory=dict)
    worker_rss_mb: dict[int, float] = field(default_factory=dict)
    rankings: list[Timing] = field(default_factory=list)
    # os.getloadavg() before and after the run: the machine may be shared.
    load_average: tuple[tuple[float, ...], tuple[float, ...]] | None = None

    def static_rate(self) -> float | None:
        for row in self.rows:
            if row.name == STATIC_ROW:
                return row.result.requests_per_second
        return None

    def to_dict(self) -> dict:
        static = self.static_rate()
        return {
            "database": self.database,
            "build_seconds": self.build_seconds,
            "rows": [
                {
                    "row": row.name,
                    "path": row.path,
                    **row.result.to_dict(),
                    "ratio_to_static": ratio(row.result.requests_per_second, static),
                }
                for row in self.rows
            ],
            "counter_check": self.counter_check,
            "article_checks": self.article_checks,
            "peak_rss_mb_per_worker": {str(k): round(v, 1) for k, v in self.worker_rss_mb.items()},
            "rankings_ms": {t.name: t.to_dict() for t in self.rankings},
            "load_average": self.load_average,
        }


def ratio(rate: float, static: float | None) -> float | None:
    return round(rate / static, 4) if static else None


def format_ms(value: float, answered: bool = True) -> str:
    if not answered:
        return "-"  # nothing came back within the row's time: no latency to show
    return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"


def format_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def table(report: Report) -> str:
    """One aligned text table: a line per row, numbers right-aligned."""
    static = report.static_rate()
    lines = [
        (
            row.name,
            f"{row.result.requests_per_second:,.1f}",
            format_ms(row.result.p50_ms, row.result.requests > 0),
            format_ms(row.result.p99_ms, row.result.requests > 0),
            f"{row.result.errors:,}",
            format_ratio(ratio(row.result.requests_per_second, static)),
        )
        for row in report.rows
    ]
    widths = [max(len(str(cells[i])) for cells in [COLUMNS, *lines]) for i in range(6)]

    def render(cells) -> str:
        first = cells[0].ljust(widths[0])
        rest = [str(cell).rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest])

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(COLUMNS), rule, *(render(cells) for cells in lines)])


def summary(report: Report) -> str:
    lines = [table(report), ""] if report.rows else []
    if report.counter_check:
        lines.append(f"counter check: {report.counter_check}")
    for name, value in report.article_checks.items():
        lines.append(f"{name}: {value}")
    if report.worker_rss_mb:
        peaks = ", ".join(f"{mb:.1f}" for mb in sorted(report.worker_rss_mb.values()))
        lines.append(f"peak RSS per worker (MB): {peaks}")
    if report.rankings:
        lines += [""] if lines else []
        lines.append(rankings_table(report.rankings))
    if report.load_average:
        before, after = (" ".join(f"{x:.2f}" for x in load) for load in report.load_average)
        lines.append(f"\nload average (1, 5, 15 min): {before} at the start, {after} at the end")
    return "\n".join(lines)


def write_json(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.to_dict(), indent=2) + "\n")
