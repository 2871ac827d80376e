import json

from bench.rankings import Timing
from bench.report import STATIC_ROW, Report, Row, format_ms, ratio, summary, table, write_json
from bench.wrk import WrkResult


def result(requests, seconds=10.0, p50=1.0, p99=5.0, statuses=None, socket_errors=0):
    return WrkResult(
        requests=requests,
        seconds=seconds,
        p50_ms=p50,
        p99_ms=p99,
        statuses=statuses if statuses is not None else {200: requests},
        socket_errors=socket_errors,
    )


def sample_report():
    return Report(
        rows=[
            Row(STATIC_ROW, "/article.html", result(300_000)),
            Row("article page", "/world/a/", result(250_000, p50=1.234, p99=8.5)),
            Row("search", "/search/?q=x", result(1_000, p50=250.4, p99=1200.0)),
            Row("comment post", "/comments/post/1/", result(0, statuses={})),
        ],
        counter_check="exact",
        worker_rss_mb={11: 120.25, 12: 98.5},
        rankings=[
            Timing("top 7 days", 1.234, 4.5, 20),
            Timing("day change, 30-day window", 80, 95.25, 20),
        ],
        load_average=((1.5, 1.0, 0.5), (2.0, 1.25, 0.75)),
    )


def test_ratio_to_static_row():
    assert ratio(25_000, 30_000) == 0.8333
    assert ratio(10, None) is None


def test_milliseconds_keep_two_decimals_until_they_are_large():
    assert format_ms(1.234) == "1.23 ms"
    assert format_ms(1200.4) == "1200 ms"
    assert format_ms(0, answered=False) == "-"


def test_table_has_a_line_per_row_with_rate_latency_errors_and_ratio():
    lines = table(sample_report()).splitlines()
    assert lines[0].split() == ["row", "req/s", "p50", "p99", "errors", "vs", "static"]
    assert len(lines) == 2 + 4
    static, article, search, post = lines[2:]
    assert static.startswith(STATIC_ROW) and static.endswith("100.0%")
    assert "25,000.0" in article and "1.23 ms" in article and article.endswith("83.3%")
    assert "250 ms" in search and "1200 ms" in search
    assert post.split()[-4:] == ["-", "-", "0", "0.0%"]
    # Every line is as wide as the header: the columns line up.
    assert len({len(line) for line in lines}) == 1


def test_errors_count_bad_statuses_and_socket_errors():
    row = result(100, statuses={200: 90, 302: 5, 404: 3, 500: 2}, socket_errors=4)
    assert row.ok == 95
    assert row.errors == 9


def test_summary_names_the_counter_check_and_worker_memory():
    text = summary(sample_report())
    assert "counter check: exact" in text
    assert "peak RSS per worker (MB): 98.5, 120.2" in text


def test_json_has_every_row_with_its_ratio(tmp_path):
    path = tmp_path / "last.json"
    write_json(sample_report(), path)
    data = json.loads(path.read_text())
    assert [row["row"] for row in data["rows"]] == [
        STATIC_ROW,
        "article page",
        "search",
        "comment post",
    ]
    assert data["rows"][1]["ratio_to_static"] == 0.8333
    assert data["rows"][1]["requests_per_second"] == 25_000.0
    assert data["counter_check"] == "exact"
    assert data["peak_rss_mb_per_worker"] == {"11": 120.2, "12": 98.5}


def test_summary_and_json_have_the_rankings_and_the_load():
    text = summary(sample_report())
    assert "top 7 days                   1.23 ms    4.50 ms" in text
    assert "load average (1, 5, 15 min): 1.50 1.00 0.50 at the start" in text
    data = sample_report().to_dict()
    assert data["rankings_ms"]["day change, 30-day window"] == {
        "median_ms": 80,
        "max_ms": 95.25,
        "repetitions": 20,
    }
    assert data["load_average"] == ((1.5, 1.0, 0.5), (2.0, 1.25, 0.75))


def test_a_rankings_only_run_prints_no_empty_table():
    lines = summary(Report(rankings=[Timing("top today", 0.5, 0.75, 20)])).splitlines()
    assert [line.split() for line in lines[::2]] == [
        ["rankings", "median", "max"],
        ["top", "today", "0.50", "ms", "0.75", "ms"],
    ]
    assert len(lines) == 3
