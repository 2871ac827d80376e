"""Real `newsdesk serve` processes for the counting tests, stopped the way a test asks."""

import contextlib
import os
import re
import signal
import subprocess
import sys
import urllib.request

from newsdesk.testing import database_url, free_port, wait_until_up

COUNTER = re.compile(rb"Visited (\d+) times, (\d+) visit\(s\) today")
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def fetch_counts(url: str) -> tuple[int, int]:
    """GET the article as a reader; the (total, today) its counter line shows."""
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER_UA})
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
        assert response.status == 200
    match = COUNTER.search(body)
    assert match, "the counter line is missing"
    return int(match[1]), int(match[2])


class Server:
    def __init__(self, process: subprocess.Popen, url: str):
        self.process, self.url = process, url

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Signal the whole process group (as a supervisor does) and wait for the end."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            raise


@contextlib.contextmanager
def serving(workers: int = 2, env: dict | None = None):
    """`newsdesk serve` against the test database; killed at the end if still running."""
    port = free_port()
    command = [sys.executable, "-m", "newsdesk", "serve", "--no-scheduler"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    process_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.test",
        "DATABASE_URL": database_url(),
        **(env or {}),
    }
    process = subprocess.Popen(command, env=process_env, start_new_session=True)
    server = Server(process, f"http://127.0.0.1:{port}")
    try:
        wait_until_up(server.url + "/", process)
        yield server
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
