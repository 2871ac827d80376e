"""The flush at a process's end waits for the periodic flush still writing (flushing.py)."""

import threading
import time

from newsdesk.pageviews.flushing import Flusher


class SlowBuffer:
    """A buffer whose first flush takes the views out, then writes them slowly."""

    def __init__(self) -> None:
        self.pending = 15
        self.written = 0
        self.writing = threading.Event()
        self.release = threading.Event()

    def flush(self) -> int:
        taken, self.pending = self.pending, 0
        if taken and not self.writing.is_set():
            self.writing.set()
            self.release.wait(timeout=5)
        self.written += taken
        return taken


def test_the_flush_at_exit_waits_for_the_periodic_flush_in_progress():
    buffer = SlowBuffer()
    flusher = Flusher(buffer)
    threading.Thread(target=flusher.every, args=(0.01,), daemon=True).start()
    assert buffer.writing.wait(timeout=5)  # the periodic flush has taken all 15 views
    buffer.pending = 3  # counted meanwhile
    done = []
    ending = threading.Thread(target=lambda: done.append(flusher.at_exit()))
    ending.start()
    time.sleep(0.2)
    assert done == [], "the exit flush returned while the periodic one still held views"
    buffer.release.set()
    ending.join(timeout=5)
    assert done == [3] and buffer.written == 18


def test_no_periodic_flush_starts_after_the_flush_at_exit():
    buffer = SlowBuffer()
    buffer.writing.set()  # no slow write
    flusher = Flusher(buffer)
    flusher.at_exit()
    buffer.pending = 4
    thread = threading.Thread(target=flusher.every, args=(0.01,), daemon=True)
    thread.start()
    thread.join(timeout=5)
    assert not thread.is_alive() and buffer.pending == 4
