"""The rankings part of a run times every case on the built database and leaves it as built
(the day change is rolled back)."""

import pytest

from bench import rankings
from bench.builder import build
from newsdesk.pageviews.models import RollingViews, RollingWindow


@pytest.fixture
def built(db):
    return build(200, 0, log=lambda message: None)


def rolling_state():
    return (
        sorted(RollingWindow.objects.values_list("days", "last_day")),
        sorted(RollingViews.objects.values_list("days", "page_id", "views")),
    )


def test_every_case_is_timed_and_the_database_stays_as_built(built):
    before = rolling_state()
    timings = rankings.measure(repetitions=3)
    assert [t.name for t in timings] == [
        "top 7 days",
        "top 30 days",
        "top today",
        "top all time",
        "top 7 days, World",
        'most_read.prepare("site"), due',
        "day change, 7-day window",
        "day change, 30-day window",
    ]
    assert all(0 < t.median_ms <= t.max_ms and t.repetitions == 3 for t in timings)
    assert rolling_state() == before
    lines = rankings.table(timings).splitlines()
    assert len(lines) == 2 + len(timings) and "day change, 30-day window" in lines[-1]


def test_an_empty_list_is_not_timed_as_a_refresh(db):
    build(2, 0, log=lambda message: None)
    RollingViews.objects.all().delete()
    with pytest.raises(RuntimeError, match="came out empty"):
        rankings._refresh(1)
