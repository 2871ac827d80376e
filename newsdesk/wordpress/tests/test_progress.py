"""The progress line: items of the total, the rate and the time left, from a given clock."""

from io import StringIO

from newsdesk.wordpress.importer.progress import Progress, duration


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_rate_and_time_left_from_the_items_done():
    clock, out = Clock(), StringIO()
    progress = Progress(out, total=10_000, clock=clock)
    clock.now += 10
    for _ in range(2_000):
        progress.step()
    assert progress.line(clock.now) == "importing: 2,000/10,000 items, 200 items/s, 40 s left"
    clock.now += 190
    assert progress.line(clock.now) == (
        "importing: 2,000/10,000 items, 10 items/s, 13 min 20 s left"
    )


def test_updates_at_most_twice_a_second_and_always_at_the_last_item():
    clock, out = Clock(), StringIO()
    progress = Progress(out, total=3, clock=clock)
    progress.step()  # shown: the first
    progress.step()  # not shown: no time passed
    progress.step()  # shown: the last
    lines = out.getvalue().replace("\x1b[K", "").split("\r")[1:]
    assert [line.split(",")[0] for line in lines] == [
        "importing: 1/3 items",
        "importing: 3/3 items",
    ]


def test_last_steps_named_then_a_summary_line():
    clock, out = Clock(), StringIO()
    progress = Progress(out, total=1, clock=clock)
    clock.now += 2
    progress.step()
    progress.phase("indexing for search")
    clock.now += 2
    progress.finish()
    text = out.getvalue()
    assert "imported 1 items in 2 s; indexing for search…" in text
    assert text.endswith("imported 1 items in 4 s (0.2 items/s)\x1b[K\n")


def test_silent_without_a_stream():
    progress = Progress(None, total=2)
    progress.step()
    progress.phase("indexing for search")
    progress.finish()
    assert progress.done == 1


def test_durations_read_as_a_person_would_say_them():
    assert [duration(s) for s in (0.4, 59, 61, 3_599, 3_600, 90_000)] == [
        "0 s", "59 s", "1 min 01 s", "59 min 59 s", "1 h 00 min", "25 h 00 min",
    ]  # fmt: skip
