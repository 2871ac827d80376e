"""`make bench`: the benchmark harness (see docs/benchmark.md and bench/run.py)."""
