"""The progress line of a long import: items done of the total, the rate, the time left.

One line rewritten in place (a carriage return, as Django's own commands do for their
counters) at most every INTERVAL seconds; the last steps of a run (search index, related
stories) have no item count, so they are named as they start.
"""

from __future__ import annotations

import time

INTERVAL = 0.5  # seconds between updates


def duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def per_second(rate: float) -> str:
    return f"{rate:,.1f} items/s" if rate < 10 else f"{rate:,.0f} items/s"


class Progress:
    def __init__(self, stream, total: int, clock=time.monotonic):
        self.stream, self.total, self.clock = stream, total, clock
        self.done = 0
        self.started = clock()
        self._shown = float("-inf")

    def step(self) -> None:
        self.done += 1
        if self.stream is None:
            return
        now = self.clock()
        if now - self._shown >= INTERVAL or self.done == self.total:
            self._shown = now
            self._write(self.line(now))

    def line(self, now: float) -> str:
        elapsed = now - self.started
        text = f"importing: {self.done:,}/{self.total:,} items"
        if elapsed <= 0 or not self.done:
            return text
        rate = self.done / elapsed
        left = max(self.total - self.done, 0) / rate
        return f"{text}, {per_second(rate)}, {duration(left)} left"

    def phase(self, name: str) -> None:
        """A last step with no count of its own (the line ends with what runs now)."""
        if self.stream is not None:
            elapsed = duration(self.clock() - self.started)
            self._write(f"imported {self.done:,} items in {elapsed}; {name}…")
            self._shown = self.clock()

    def finish(self) -> None:
        if self.stream is not None:
            elapsed = self.clock() - self.started
            rate = f" ({per_second(self.done / elapsed)})" if elapsed > 0 else ""
            self._write(f"imported {self.done:,} items in {duration(elapsed)}{rate}", end="\n")

    def interrupt(self) -> None:
        if self.stream is not None and self._shown > float("-inf"):
            self.stream.write("\n")

    def _write(self, text: str, end: str = "") -> None:
        # Clear what a longer earlier line left on screen.
        self.stream.write(f"\r{text}\033[K{end}")
        self.stream.flush()
