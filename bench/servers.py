"""The servers of a run: `newsdesk serve` (production settings), nginx serving the
article's bytes as a static file, and Varnish in front of newsdesk (the CDN row), all on free
loopback ports, all stopped at the end."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from newsdesk.testing import free_port, wait_until_up

from .tools import nginx_binary, varnishd_binary

VCL = Path(__file__).resolve().parents[1] / "deploy" / "varnish.vcl"

NGINX_CONFIG = """\
worker_processes {workers};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/www;
    }}
}}
"""


def _stop(process: subprocess.Popen, timeout: float = 20) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def newsdesk_server(env: dict[str, str], workers: int, log_path: Path):
    """`newsdesk serve` with the run's environment; yields (base URL, process)."""
    port = free_port()
    command = [sys.executable, "-m", "newsdesk", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers), "--no-scheduler"]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url + "/robots.txt", process, timeout=120)
        yield base_url, process
    finally:
        _stop(process)


@contextlib.contextmanager
def nginx_static(page: bytes, workers: int):
    """nginx serving `page` at /article.html; yields its URL."""
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp:
        # Started as root, nginx's workers run as an unprivileged user: let them read it.
        os.chmod(tmp, 0o755)
        (Path(tmp) / "www").mkdir(mode=0o755)
        (Path(tmp) / "www" / "article.html").write_bytes(page)
        (Path(tmp) / "www" / "article.html").chmod(0o644)
        port = free_port()
        config = Path(tmp) / "nginx.conf"
        config.write_text(NGINX_CONFIG.format(workers=workers, tmp=tmp, port=port))
        command = [nginx_binary(), "-c", str(config), "-p", tmp, "-e", f"{tmp}/error.log"]
        process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}/article.html"
        try:
            wait_until_up(url, process, timeout=20)
            yield url
        finally:
            _stop(process)


@contextlib.contextmanager
def varnish_cdn(port: int, backend_url: str):
    """Varnish with the shipped VCL (deploy/varnish.vcl) on `port`, in front of
    `backend_url`; yields its base URL."""
    backend_port = backend_url.rsplit(":", 1)[1]
    with tempfile.TemporaryDirectory(prefix="bench-varnish-") as tmp:
        vcl = Path(tmp) / "varnish.vcl"
        vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
        command = [varnishd_binary(), "-F", "-j", "none", "-f", str(vcl)]
        command += ["-a", f"127.0.0.1:{port}", "-n", f"{tmp}/n", "-s", "malloc,64m", "-T", "none"]
        process = subprocess.Popen(
            command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url + "/", process, timeout=20)
            yield url
        finally:
            _stop(process)


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (granian's workers), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM) in MB, or None when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def worker_peak_rss(server_pid: int) -> dict[int, float]:
    """Peak RSS of each worker process of the server (its descendants running Python)."""
    result = {}
    for pid in descendants(server_pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        rss = peak_rss_mb(pid)
        # multiprocessing's resource tracker is a helper, not a worker.
        if rss is not None and b"python" in command and b"resource_tracker" not in command:
            result[pid] = rss
    return result
