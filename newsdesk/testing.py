"""Test support: run the real production server against the test database."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import quote

from django.db import connection


def database_url() -> str:
    """A DATABASE_URL naming the database the tests are using right now."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early with code {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answers, even if not with a 200
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"the server did not answer on {url} within {timeout} s")


@contextlib.contextmanager
def running_server(workers: int = 2, env: dict | None = None, scheduler: bool = False):
    """`newsdesk serve` in a subprocess on a free loopback port; yields its base URL and
    stops it with SIGTERM (a graceful stop) on exit."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "newsdesk",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    if not scheduler:
        command.append("--no-scheduler")
    process_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.test",
        "DATABASE_URL": database_url(),
        **(env or {}),
    }
    process = subprocess.Popen(command, env=process_env, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url + "/", process)
        yield base_url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
