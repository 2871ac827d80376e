"""A real Varnish with the shipped VCL (deploy/varnish.vcl) in front of a real `newsdesk
serve`: listings are kept by Varnish and purged by a publish; articles always reach the
origin, so that every view is counted."""

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.testing import free_port, require_redis, running_server, stop_process_group

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
def running_varnish(port: int, backend_port: int, second_port: int | None = None):
    """varnishd in the foreground with the shipped VCL, its backend pointed at the server
    (and its commented-out second node at `second_port`, when given)."""
    varnishd = require_varnish()
    with tempfile.TemporaryDirectory(prefix="h_cdn_varnish") as workdir:
        vcl = Path(workdir) / "varnish.vcl"
        text = VCL.read_text()
        assert '.port = "8000";' in text
        text = text.replace('.port = "8000";', f'.port = "{backend_port}";', 1)
        if second_port is not None:
            second = '# backend node_b {\n#     .host = "127.0.0.1";\n#     .port = "8001";\n# }'
            assert second in text and "# nodes.add_backend(node_b);" in text
            text = text.replace(second, second.replace("# ", "").replace("8001", str(second_port)))
            text = text.replace("# nodes.add_backend(node_b);", "nodes.add_backend(node_b);")
        vcl.write_text(text)
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
            stop_process_group(process, timeout=10)


def get_with_worker(url: str, cookie: str = "") -> tuple[str, str, bytes, str]:
    """(X-Cache, Cache-Control, body, X-Newsdesk-Worker) of a GET through Varnish."""
    headers = {"User-Agent": BROWSER_UA}
    if cookie:
        headers["Cookie"] = cookie
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
        worker = r.headers["X-Newsdesk-Worker"] or ""
        return r.headers["X-Cache"], r.headers["Cache-Control"] or "", r.read(), worker


def get(url: str, cookie: str = "") -> tuple[str, str, bytes]:
    return get_with_worker(url, cookie)[:3]


def counted_total(body: bytes) -> int:
    match = re.search(rb"Visited (\d+) times", body)
    assert match, "no counter line on the article"
    return int(match.group(1))


def cached_by_varnish(url: str) -> bytes:
    """Request `url` until Varnish answers it from its cache (bounded attempts)."""
    for _ in range(20):
        cache, _, body = get(url)
        if cache == "HIT":
            return body
    pytest.fail(f"Varnish never kept {url}")


def purging_into(settings, varnish_url: str) -> None:
    """This process (the node an editor publishes on) purges the Varnish at `varnish_url`."""
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": varnish_url,
        }
    }


@pytest.fixture
def cdn(settings):
    """(Varnish base URL, origin base URL), this process purging Varnish as the origin would."""
    varnish_port = free_port()
    varnish_url = f"http://127.0.0.1:{varnish_port}"
    purging_into(settings, varnish_url)
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
        totals.append(counted_total(body))
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


def shows_everywhere(urls: list[str], text: bytes) -> None:
    """Each URL shows `text` within ATTEMPTS polls (20 ms apart)."""
    for url in urls:
        for _ in range(ATTEMPTS):
            if text in get(url)[2]:
                break
            time.sleep(0.02)
        else:
            pytest.fail(f"{url} still showed the page from before the publish")


def test_two_nodes_behind_varnish_count_exactly_and_follow_a_publish(settings):
    """deploy/README.md's set-up on loopback: Varnish round robin over two `newsdesk serve`
    nodes with their own var folders, one database, one Redis."""
    url = require_redis()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        pytest.skip("two nodes share PostgreSQL (DATABASE_URL=postgres://...)")
    settings.REDIS_URL = url  # this process (the node an editor publishes on) bumps via Redis
    varnish_port = free_port()
    varnish_url = f"http://127.0.0.1:{varnish_port}"
    purging_into(settings, varnish_url)
    section = SectionFactory(title="Harbour")
    story = ArticleFactory(title="Ferry timetable changes", parent=section)
    common = {
        "REDIS_URL": url,
        "FRONTEND_CACHE_URL": varnish_url,
        "NEWSDESK_HOTPATH_WORKER_HEADER": "1",
    }
    with (
        tempfile.TemporaryDirectory(prefix="h_cdn_node_a") as var_a,
        tempfile.TemporaryDirectory(prefix="h_cdn_node_b") as var_b,
        running_server(1, {**common, "NEWSDESK_VAR_DIR": var_a}) as node_a,
        running_server(1, {**common, "NEWSDESK_VAR_DIR": var_b}) as node_b,
        running_varnish(
            varnish_port, int(node_a.rsplit(":", 1)[1]), int(node_b.rsplit(":", 1)[1])
        ) as varnish,
    ):
        # Views through Varnish go to both nodes in turn, and the count is one count.
        totals, workers = [], set()
        for _ in range(20):
            cache, _, body, worker = get_with_worker(varnish + story.url)
            assert cache == "MISS"
            totals.append(counted_total(body))
            workers.add(worker)
        assert len(workers) == 2, "Varnish did not send views to both nodes"
        assert totals == list(range(totals[0], totals[0] + 20))

        urls = [varnish + "/", varnish + section.url, varnish + "/feed/"]
        for page in urls:
            cached_by_varnish(page)
        ArticleFactory(title="Storm closes the harbour", parent=section)
        # Seen in Varnish, and on each node directly.
        shows_everywhere(urls, b"Storm closes the harbour")
        shows_everywhere(
            [node + path for node in (node_a, node_b) for path in ("/", section.url)],
            b"Storm closes the harbour",
        )
