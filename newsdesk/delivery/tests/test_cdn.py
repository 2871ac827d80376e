"""A real Varnish with the shipped VCL (deploy/varnish.vcl) in front of a real `newsdesk
serve`: listings are kept by Varnish and purged by a publish; articles always reach the
origin, so that every view is counted."""

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.testing import free_port, running_server

from .wsgi_client import BROWSER_UA

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VCL = Path(__file__).resolve().parents[3] / "deploy" / "varnish.vcl"
VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None
)
ATTEMPTS = 50  # polls after a publish, 20 ms apart: about a second


def require_varnish() -> str:
    if VARNISHD is None:
        if os.environ.get("CI") == "true":
            raise RuntimeError("varnishd is not installed (make varnish)")
        pytest.skip("varnishd is not installed (make varnish)")
    return VARNISHD


@contextlib.contextmanager
def running_varnish(port: int, backend_port: int):
    """varnishd in the foreground with the shipped VCL, its backend pointed at the server."""
    varnishd = require_varnish()
    with tempfile.TemporaryDirectory(prefix="h_cdn_varnish") as workdir:
        vcl = Path(workdir) / "varnish.vcl"
        text = VCL.read_text()
        assert '.port = "8000";' in text
        vcl.write_text(text.replace('.port = "8000";', f'.port = "{backend_port}";', 1))
        process = subprocess.Popen(
            [varnishd, "-F", "-j", "none", "-f", str(vcl), "-a", f"127.0.0.1:{port}"]
            + ["-n", str(Path(workdir) / "n"), "-s", "malloc,32m", "-T", "none"],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                if process.poll() is not None:
                    raise RuntimeError(f"varnishd exited with code {process.returncode}")
                try:
                    urllib.request.urlopen(base + "/", timeout=5).close()
                    break
                except urllib.error.HTTPError:
                    break
                except OSError:
                    time.sleep(0.05)
            else:
                pytest.fail("varnishd did not answer")
            yield base
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


def get(url: str, cookie: str = "") -> tuple[str, str, bytes]:
    """(X-Cache, Cache-Control, body) of a GET through Varnish."""
    headers = {"User-Agent": BROWSER_UA}
    if cookie:
        headers["Cookie"] = cookie
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
        return r.headers["X-Cache"], r.headers["Cache-Control"] or "", r.read()


def cached_by_varnish(url: str) -> bytes:
    """Request `url` until Varnish answers it from its cache (bounded attempts)."""
    for _ in range(20):
        cache, _, body = get(url)
        if cache == "HIT":
            return body
    pytest.fail(f"Varnish never kept {url}")


@pytest.fixture
def cdn(settings):
    """(Varnish base URL, origin base URL), this process purging Varnish as the origin would."""
    varnish_port = free_port()
    varnish_url = f"http://127.0.0.1:{varnish_port}"
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": varnish_url,
        }
    }
    env = {"FRONTEND_CACHE_URL": varnish_url, "NEWSDESK_FRONTEND_CACHE_MAX_AGE": "300"}
    with contextlib.ExitStack() as stack:
        origin = stack.enter_context(running_server(workers=2, env=env))
        origin_port = int(origin.rsplit(":", 1)[1])
        yield stack.enter_context(running_varnish(varnish_port, origin_port)), origin


def test_a_publish_purges_home_section_and_feed_from_varnish(cdn):
    varnish, _ = cdn
    section = SectionFactory(title="Harbour")
    ArticleFactory(title="Ferry timetable changes", parent=section)
    urls = [varnish + "/", varnish + section.url, varnish + "/feed/"]
    for url in urls:
        body = cached_by_varnish(url)
        assert b"Ferry timetable changes" in body
        assert b"Storm closes the harbour" not in body
        assert "s-maxage=300" in get(url)[1]

    ArticleFactory(title="Storm closes the harbour", parent=section)  # published, committed

    for url in urls:
        for _ in range(ATTEMPTS):
            if b"Storm closes the harbour" in get(url)[2]:
                break
            time.sleep(0.02)
        else:
            pytest.fail(f"{url} still showed the page from before the publish")


def test_article_views_through_varnish_all_reach_the_origin(cdn):
    varnish, _ = cdn
    story = ArticleFactory(title="Council passes the budget")
    totals = []
    for _ in range(20):
        cache, cache_control, body = get(varnish + story.url)
        assert cache == "MISS" and cache_control == "no-cache"
        totals.append(int(re.search(rb'<p class="view-counter">Visited (\d+)', body).group(1)))
    # Every view reached the origin and was counted: the counter goes up by one each time.
    assert totals == list(range(totals[0], totals[0] + 20))


def test_editors_pass_varnish_and_purge_needs_the_acl_address(cdn):
    varnish, _ = cdn
    ArticleFactory(title="Tide record")
    cached_by_varnish(varnish + "/")
    # A session cookie (an editor) is never answered from Varnish's cache.
    assert get(varnish + "/", cookie="sessionid=abc")[0] == "MISS"
    # PURGE from the loopback address (in the ACL) is accepted.
    request = urllib.request.Request(varnish + "/*", method="PURGE")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    assert get(varnish + "/")[0] == "MISS"
