"""Exclusive locks a running server holds for its lifetime (flock), and who holds them.

An flock belongs to the open file: it goes away with the last process that has the file
open (the server and its forked workers), however they end, so a crash leaves no stale
lock behind. The holder's pid is read back from /proc/locks (Linux), where known.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class Held(Exception):
    """Another process holds the lock; `pid` is that process where it could be found."""

    def __init__(self, path: Path, pid: int | None):
        super().__init__(f"{path} is locked by pid {pid}")
        self.path, self.pid = path, pid


def hold(path: Path) -> int:
    """Lock `path` (a file, created if missing, or a directory) for as long as the returned
    descriptor stays open; raises Held when another process has it."""
    if path.is_dir():
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    else:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except PermissionError:
            fd = os.open(path, os.O_RDONLY)  # another user's lock file: locking still works
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise Held(path, holder(path)) from None
    return fd


def holder(path: Path) -> int | None:
    """The pid that holds an flock on `path`, from /proc/locks, or None if not found."""
    try:
        info = os.stat(path)
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return None
    wanted = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    for line in lines:
        # "1: FLOCK  ADVISORY  WRITE 4242 08:01:1234567 0 EOF"
        fields = line.split()
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == wanted:
            return int(fields[4]) if fields[4].isdigit() else None
    return None
