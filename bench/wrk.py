"""Driving wrk and reading what its Lua script reports."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .tools import wrk_binary

SCRIPT = Path(__file__).resolve().parent / "lua" / "measure.lua"
SEARCH_DISTINCT_SCRIPT = SCRIPT.with_name("search_distinct.lua")
RESULT_PREFIX = "WRK_RESULT "
CONNECTIONS = 32
# What measure.lua's quiet tail sends: a crawler's prefetch, which the site does not count.
# Warm-up runs send only this, so that no counted view is outside a measured window: wrk
# stops with up to CONNECTIONS requests in flight, which the server still answers and
# counts after wrk has gone.
UNCOUNTED_HEADERS = {"User-Agent": "newsdesk-bench-bot", "Sec-Purpose": "prefetch"}


class WrkError(RuntimeError):
    pass


@dataclass
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    statuses: dict[int, int] = field(default_factory=dict)
    wrong_body: int = 0
    socket_errors: int = 0
    counted_requests: int = 0  # sent as a reader within the count window

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def ok(self) -> int:
        """Answers with a 2xx or 3xx status."""
        return sum(count for status, count in self.statuses.items() if 200 <= status < 400)

    @property
    def errors(self) -> int:
        """Answers that were not 2xx/3xx, plus connections that failed or timed out."""
        bad = sum(count for status, count in self.statuses.items() if not 200 <= status < 400)
        return bad + self.socket_errors

    def to_dict(self) -> dict:
        return {
            "requests": self.requests,
            "requests_per_second": round(self.requests_per_second, 1),
            "p50_ms": self.p50_ms,
            "p99_ms": self.p99_ms,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "wrong_body": self.wrong_body,
            "counted_requests": self.counted_requests,
            "errors": self.errors,
        }


def parse_output(output: str) -> WrkResult:
    """The result line printed by measure.lua's done()."""
    for line in output.splitlines():
        if line.startswith(RESULT_PREFIX):
            data = json.loads(line[len(RESULT_PREFIX) :])
            break
    else:
        raise WrkError(f"wrk printed no result line; its output was:\n{output.strip()}")
    return WrkResult(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        statuses={int(status): count for status, count in data["statuses"].items()},
        wrong_body=data["wrong_body"],
        counted_requests=data.get("counted_requests", 0),
        socket_errors=sum(data["socket_errors"].values()),
    )


def threads() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def run_wrk(
    url: str,
    seconds: float,
    expected: str = "",
    bodies_file: Path | None = None,
    headers: dict[str, str] | None = None,
    connections: int = CONNECTIONS,
    count_window: int | None = None,
    search_words: list[str] | None = None,
) -> WrkResult:
    """Load `url` for `seconds` with `connections` connections; POST the lines of
    `bodies_file` in turn when given; with `count_window`, send the requests after that many
    seconds as an uncounted crawler (see measure.lua); with `search_words`, ask `url` (the
    search page) a never-repeated two-word query per request (search_distinct.lua)."""
    count = threads()
    command = [wrk_binary(), f"-t{count}", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    script = SEARCH_DISTINCT_SCRIPT if search_words else SCRIPT
    command += ["--latency", "--timeout", "10s", "-s", str(script)]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command += [url, "--", expected]
    env = {**os.environ, "WRK_THREADS": str(count)}
    env.pop("WRK_BODIES_FILE", None)
    env.pop("WRK_COUNT_WINDOW", None)
    if count_window is not None:
        env["WRK_COUNT_WINDOW"] = str(count_window)
    if bodies_file is not None:
        env["WRK_BODIES_FILE"] = str(bodies_file)
    if search_words:
        env["WRK_MEASURE_LUA"] = str(SCRIPT)
        env["WRK_SEARCH_WORDS"] = " ".join(search_words)
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, env=env
    )
    if completed.returncode != 0:
        raise WrkError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    return parse_output(completed.stdout)
