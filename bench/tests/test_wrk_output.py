import pytest

from bench.wrk import WrkError, parse_output

WRK_STDOUT = """\
Running 10s test @ http://127.0.0.1:41234/world/a/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.10ms    0.90ms  20.00ms   90.00%
  250000 requests in 10.00s, 4.00GB read
Requests/sec:  25000.00
WRK_RESULT {"requests": 250000, "duration_us": 10000000, "bytes": 4000000000, \
"p50_us": 1234, "p99_us": 8500, "statuses": {"200": 249990, "503": 10}, "wrong_body": 2, \
"counted_requests": 240000, "socket_errors": {"connect": 0, "read": 3, "write": 0, \
"timeout": 1}}
"""


def test_reads_the_result_line_of_the_lua_script():
    result = parse_output(WRK_STDOUT)
    assert result.requests == 250_000
    assert result.requests_per_second == 25_000
    assert result.p50_ms == 1.234
    assert result.p99_ms == 8.5
    assert result.statuses == {200: 249_990, 503: 10}
    assert result.wrong_body == 2
    assert result.counted_requests == 240_000
    assert result.socket_errors == 4
    assert result.errors == 14


def test_a_run_with_no_answer_has_no_statuses():
    output = (
        'WRK_RESULT {"requests": 0, "duration_us": 1000000, "bytes": 0, "p50_us": 0, '
        '"p99_us": 0, "statuses": {}, "wrong_body": 0, "counted_requests": 0, '
        '"socket_errors": {"connect": 0, "read": 0, "write": 0, "timeout": 32}}'
    )
    result = parse_output(output)
    assert result.requests == 0 and result.statuses == {}
    assert result.errors == 32


def test_output_without_the_result_line_is_an_error_that_shows_it():
    with pytest.raises(WrkError, match="unable to connect"):
        parse_output("unable to connect to 127.0.0.1:1 Connection refused\n")
