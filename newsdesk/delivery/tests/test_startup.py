"""`newsdesk serve` refuses to start, with the reason, when it could not serve properly:
another server on its port or var directory, no database, missing migrations, or (with
production settings) static files never collected."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.request

import pytest

from newsdesk.testing import database_url, free_port, running_server

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Seconds after which a server still running is taken to have started (a refusal comes
# after Django's set-up, a few seconds); only a bound, never what the test measures.
STARTED_AFTER = float(os.environ.get("NEWSDESK_TEST_STARTED_AFTER", 90))


def serve(port: int, env: dict, settings: str = "newsdesk.settings.test"):
    """Run `newsdesk serve` expecting it to stop by itself; its exit code and output."""
    command = [sys.executable, "-m", "newsdesk", "serve", "--no-scheduler", "--workers", "1"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    process_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": database_url(),
        **env,
    }
    process = subprocess.Popen(
        command,
        env=process_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=STARTED_AFTER)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        pytest.fail(f"newsdesk serve started instead of refusing:\n{output}")
    return process.returncode, output


def server_pid(base: str) -> int:
    """The main process of the server that answered (the parent of its worker)."""
    request = urllib.request.Request(base + "/")
    try:
        response = urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    worker = response.headers["X-Newsdesk-Worker"]
    with open(f"/proc/{worker}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def test_a_second_server_on_the_same_port_or_var_directory_refuses_to_start():
    with (
        tempfile.TemporaryDirectory() as first_var,
        tempfile.TemporaryDirectory() as other_var,
        running_server(
            1, {"NEWSDESK_VAR_DIR": first_var, "NEWSDESK_HOTPATH_WORKER_HEADER": "1"}
        ) as base,
    ):
        port, pid = int(base.rsplit(":", 1)[1]), server_pid(base)

        code, output = serve(port, {"NEWSDESK_VAR_DIR": other_var})
        assert code != 0
        assert f"127.0.0.1:{port}" in output and f"pid {pid}" in output, output

        code, output = serve(free_port(), {"NEWSDESK_VAR_DIR": first_var})
        assert code != 0
        assert os.path.realpath(first_var) in output and f"pid {pid}" in output, output

        assert server_pid(base) == pid  # the first one still serves, alone


def test_a_port_taken_by_another_program_is_refused():
    with tempfile.TemporaryDirectory() as var_dir, socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        code, output = serve(port, {"NEWSDESK_VAR_DIR": var_dir})
    assert code != 0 and f"Port {port} on 127.0.0.1 is in use" in output, output


def test_an_unreachable_database_is_refused_with_its_address():
    with tempfile.TemporaryDirectory() as var_dir:
        closed = free_port()  # nothing listens there
        code, output = serve(
            free_port(),
            {
                "NEWSDESK_VAR_DIR": var_dir,
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed}/news",
            },
        )
    assert code != 0 and f"Cannot reach the database news on 127.0.0.1:{closed}" in output
    assert "serving on" not in output


def test_missing_migrations_are_refused_with_the_command_to_run():
    with tempfile.TemporaryDirectory() as var_dir:
        empty = f"sqlite:///{var_dir}/empty.sqlite3"
        code, output = serve(free_port(), {"NEWSDESK_VAR_DIR": var_dir, "DATABASE_URL": empty})
    assert code != 0 and "run `newsdesk migrate`" in output, output
    assert "serving on" not in output


PRODUCTION = {
    "SECRET_KEY": "test-only-not-secret",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_COOKIES": "false",
}


def test_production_without_collected_static_files_is_refused():
    with tempfile.TemporaryDirectory() as var_dir:
        env = {**PRODUCTION, "NEWSDESK_VAR_DIR": var_dir, "STATIC_ROOT": f"{var_dir}/static"}
        code, output = serve(free_port(), env, settings="newsdesk.settings.production")
    assert code != 0 and "newsdesk collectstatic --noinput" in output, output
    assert "serving on" not in output
