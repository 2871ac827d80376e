"""One whole run of `python -m bench` on a tiny database: every row measured, and the
article's view count rose by exactly the number of counted views answered."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.report import CDN_ROW, STATIC_ROW
from bench.tools import ToolMissing, ensure

ROWS = [
    STATIC_ROW,
    CDN_ROW,
    "article page",
    "home",
    "section",
    "tag",
    "search",
    "feed",
    "search distinct",
    "search repeated",
    "home page 500",
    "section page 500",
    "tag page 500",
    "author page 1",
    "author page 500",
    "sitemap index",
    "sitemap urlset",
    "comment post",
]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tools():
    try:
        ensure("wrk"), ensure("nginx"), ensure("varnishd")
    except ToolMissing as missing:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(str(missing))


def test_a_quick_run_prints_every_row_and_an_exact_count(tools, tmp_path):
    command = [sys.executable, "-m", "bench", "--quick", "--duration", "3"]
    command += ["--var-dir", str(tmp_path)]
    run = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    table = run.stdout.split("row ", 1)[1]
    for name in ROWS:
        assert f"\n{name} " in table, name
    assert "counter check: exact" in run.stdout
    assert "article answers other than 200: 0" in run.stdout
    assert "article 200 answers without its headline: 0" in run.stdout

    results = json.loads((tmp_path / "last.json").read_text())
    rows = {row["row"]: row for row in results["rows"]}
    assert list(rows) == ROWS
    assert rows["article page"]["statuses"].keys() == {"200"}
    assert rows["article page"]["requests"] > 0
    assert rows[STATIC_ROW]["ratio_to_static"] == 1.0
    assert results["counter_check"] == "exact"
    assert results["peak_rss_mb_per_worker"]
    # The comment posts were accepted (303 to the article), not refused.
    assert set(rows["comment post"]["statuses"]) <= {"303"}
    assert rows["comment post"]["requests"] > 0
    for row in ("search distinct", "search repeated"):
        assert rows[row]["requests"] > 0 and set(rows[row]["statuses"]) == {"200"}
