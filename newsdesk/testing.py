"""Test support: the real production server against the test database, and real Redis
servers (the shared one, or a private one a test may stop and start)."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest
import redis
from django.db import connection

# The shared Redis the tests use (db 1), skipped where absent except on CI.
TEST_REDIS_URL = os.environ.get("NEWSDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


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
def running_server(workers: int = 2, env: dict | None = None, scheduler: bool = False, output=None):
    """`newsdesk serve` in a subprocess on a free loopback port; yields its base URL and
    stops it with SIGTERM (a graceful stop) on exit. `output`: a file for what the server
    prints (its log), else the test's own output."""
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
    process = subprocess.Popen(
        command, env=process_env, start_new_session=True, stdout=output, stderr=output
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url + "/", process)
        yield base_url
    finally:
        stop_process_group(process, timeout=20)


def stop_process_group(process: subprocess.Popen, timeout: float) -> None:
    """Stop a process started with `start_new_session=True` and its children: SIGTERM (a
    graceful stop), then SIGKILL if it has not ended within `timeout` seconds."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def require_redis() -> str:
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {TEST_REDIS_URL} is required on CI: {error}")
        pytest.skip(f"no Redis at {TEST_REDIS_URL}")
    return TEST_REDIS_URL


def delete_keys(url: str, pattern: str) -> None:
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=pattern, count=1000))
    if keys:
        client.delete(*keys)


class PrivateRedis:
    """A redis-server of the test's own on a free loopback port, which the test may stop and
    start again (same port, empty: it keeps nothing on disk), to play an outage."""

    def __init__(self):
        binary = shutil.which("redis-server")
        if binary is None:
            if os.environ.get("CI") == "true":
                pytest.fail("redis-server is required on CI")
            pytest.skip("redis-server is not installed")
        self.binary, self.port = binary, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                return
            except redis.RedisError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # as a crash or a lost node: nothing is saved
            self.process.wait(timeout=10)
        self.process = None

    def freeze(self) -> None:
        """Stop the server without closing anything (SIGSTOP): calls time out, as with a
        hung server or a network partition; `thaw()` resumes it with its data."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()
