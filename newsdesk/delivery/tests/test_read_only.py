"""A read-only var directory: `newsdesk serve` starts, says once what cannot work, serves
pages, and (SQLite there) answers a comment post with a message instead of a 500.

Tests run as root, which writes through file permissions, so the server runs in a mount
namespace of its own (unshare) where the var directory is bind-mounted read-only: the
filesystem itself then refuses writes, as a read-only volume does in production, and
nothing outside that one process sees the mount.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.testing import VALID, typed_token
from newsdesk.testing import database_url, free_port, wait_until_up

from .wsgi_client import BROWSER_UA, COUNTER

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def read_only_namespace() -> list[str]:
    """The command prefix that runs a program with NEWSDESK_VAR_DIR mounted read-only."""
    unshare = shutil.which("unshare")
    probe = [unshare, "--mount", "--propagation", "private", "true"] if unshare else None
    if probe is None or subprocess.run(probe, capture_output=True).returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail("unshare --mount is needed for the read-only test on CI")
        pytest.skip("no mount namespaces here (unshare --mount)")
    remount = 'mount --bind "$V" "$V" && mount -o remount,bind,ro "$V" "$V" && exec "$@"'
    return [unshare, "--mount", "--propagation", "private", "sh", "-c", remount, "serve"]


def var_dir_with_database(folder: Path) -> str:
    """The DATABASE_URL the server should use: on SQLite a copy of the test database
    inside the (soon read-only) var directory, as in a default install."""
    if connection.vendor != "sqlite":
        return database_url()
    copy = folder / "newsdesk.sqlite3"
    source, target = sqlite3.connect(connection.settings_dict["NAME"]), sqlite3.connect(copy)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=WAL")  # as the site's own file is
    finally:
        source.close()
        target.close()
    return f"sqlite:///{copy}"


def fetch(url: str, data: dict | None = None) -> tuple[int, bytes]:
    body = urllib.parse.urlencode(data).encode() if data else None
    request = urllib.request.Request(url, data=body, headers={"User-Agent": BROWSER_UA})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_a_read_only_var_directory_still_serves_pages_and_refuses_comments_politely():
    article = ArticleFactory(title="Tide tables for the week")
    prefix = read_only_namespace()
    with tempfile.TemporaryDirectory() as var_dir:
        for folder in ("test-media", "static"):  # the test settings' MEDIA_ROOT is test-media
            (Path(var_dir) / folder).mkdir()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.test",
            "DATABASE_URL": var_dir_with_database(Path(var_dir)),
            "NEWSDESK_VAR_DIR": var_dir,
            "STATIC_ROOT": f"{var_dir}/static",
            "V": var_dir,
        }
        port = free_port()
        command = [*prefix, sys.executable, "-m", "newsdesk", "serve", "--no-scheduler"]
        command += ["--workers", "1", "--host", "127.0.0.1", "--port", str(port)]
        log = Path(tempfile.mkstemp(suffix=".log")[1])
        with log.open("w") as output:
            process = subprocess.Popen(
                command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/", process)
            for _ in range(3):
                status, body = fetch(base + article.url)
                assert status == 200 and b"Tide tables for the week" in body
                assert COUNTER.search(body)
            form = {**VALID, "form_token": typed_token(article)}
            status, body = fetch(f"{base}/comments/post/{article.pk}/", form)
            if connection.vendor == "sqlite":
                # The database is in the read-only folder: the article again, text kept.
                assert status == 503, body[:500]
                assert b"could not be saved just now" in body and VALID["body"].encode() in body
            else:
                # The database is elsewhere and writable: only the var directory is not.
                assert status == 200, body[:500]
                assert Comment.objects.filter(page=article, body=VALID["body"]).exists()
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
            text = log.read_text()
            log.unlink()
    assert "serving on" in text
    said = "is opened read-only" if connection.vendor == "sqlite" else "is read-only: no page cache"
    assert text.count(said) == 1, text  # once, at start
    assert "Traceback" not in text, text
