"""wrk and nginx, the Debian packages the benchmark needs, installed when missing."""

from __future__ import annotations

import os
import shutil
import subprocess

PACKAGES = {"wrk": "wrk", "nginx": "nginx-light", "varnishd": "varnish"}


class ToolMissing(RuntimeError):
    pass


def find(name: str) -> str | None:
    """The tool's path; nginx lives in /usr/sbin, often outside a user's PATH."""
    if path := shutil.which(name):
        return path
    for folder in ("/usr/sbin", "/usr/bin", "/usr/local/bin"):
        candidate = os.path.join(folder, name)
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def _apt_prefix() -> list[str] | None:
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo"):
        return ["sudo", "-n"]
    return None


def ensure(name: str) -> str:
    """The path of `name`, installing its Debian package with apt-get if it is missing."""
    if path := find(name):
        return path
    prefix = _apt_prefix()
    if prefix is None or not shutil.which("apt-get"):
        raise ToolMissing(f"{name} is not installed; install the Debian package {PACKAGES[name]}.")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "text": True}
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*prefix, "apt-get", "update", "-qq"], env=env, **quiet)
    done = subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-qq", PACKAGES[name]], env=env, **quiet
    )
    if path := find(name):
        return path
    raise ToolMissing(f"Could not install {PACKAGES[name]} for {name}: {done.stderr.strip()}")


def nginx_binary() -> str:
    return ensure("nginx")


def wrk_binary() -> str:
    return ensure("wrk")


def varnishd_binary() -> str:
    return ensure("varnishd")
