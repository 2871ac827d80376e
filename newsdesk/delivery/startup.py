"""What `newsdesk serve` checks before granian starts (docs/serving.md).

Each check either passes, raises CommandError with the reason and what to do (the server
then refuses to start), or, for what the site can do without, returns the warnings to log
once at start.
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections
from django.db.migrations.executor import MigrationExecutor

from . import locks

COLLECT = "run `newsdesk collectstatic --noinput`"


# -- one server per port and per var directory --------------------------------------------


def claim_var_dir() -> int:
    """Lock settings.VAR_DIR for this server (granian's workers share its files: the page
    generation, the SQLite database). Returns the descriptor to keep open."""
    var_dir = Path(settings.VAR_DIR).resolve()
    try:
        return locks.hold(var_dir)
    except locks.Held as held:
        raise CommandError(
            f"Another newsdesk serve{_pid(held)} is running with the var directory "
            f"{var_dir}: stop it first, or give this one its own NEWSDESK_VAR_DIR."
        ) from None


def claim_port(host: str, port: int) -> int:
    """Refuse a port in use: granian binds with SO_REUSEPORT, so a second server on it
    would start silently and take half of the connections. The lock file (named for the
    address; kept, since removing a lock file races with its next user) closes the gap
    between two servers starting at once."""
    folder = Path(tempfile.gettempdir()) / "newsdesk-serve"
    folder.mkdir(exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o1777)  # shared by every user's servers, like /tmp itself
    try:
        fd = locks.hold(folder / f"{host.replace('/', '_')}-{port}.lock")
    except locks.Held as held:
        raise CommandError(
            f"Another newsdesk serve{_pid(held)} is serving on {host}:{port}: "
            "stop it first, or choose another PORT."
        ) from None
    if _address_in_use(host, port):
        os.close(fd)
        raise CommandError(f"Port {port} on {host} is in use by another program: choose another.")
    return fd


def _pid(held: locks.Held) -> str:
    return f" (pid {held.pid})" if held.pid else ""


def _address_in_use(host: str, port: int) -> bool:
    """Can a socket without SO_REUSEPORT bind there? Not while anyone listens on it."""
    for family, kind, proto, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is fine
            try:
                probe.bind(address)
            except OSError:
                return True
    return False


# -- the database -------------------------------------------------------------------------


def describe_database() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite database {db['NAME']}"
    return f"database {db['NAME']} on {db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"


def check_database() -> None:
    """Refuse to start when the database cannot be reached or lacks migrations."""
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        raise CommandError(f"Cannot reach the {describe_database()}: {error}") from None
    finally:
        connections.close_all()  # the workers are forked from this process
    if plan:
        migration = plan[0][0]
        raise CommandError(
            f"The {describe_database()} lacks {len(plan)} migration(s) "
            f"(first: {migration.app_label}.{migration.name}): run `newsdesk migrate`."
        )


# -- static files ---------------------------------------------------------------------------


def check_static_files() -> None:
    """With a manifest storage, every page needs the manifest `collectstatic` writes, and
    it must list every static file the code has (else "Missing staticfiles manifest
    entry" and a 500 on each page)."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return
    if staticfiles_storage.read_manifest() is None:
        raise CommandError(
            f"No static files manifest in {settings.STATIC_ROOT} (collectstatic never ran "
            f"there): {COLLECT}, then start the server again."
        )
    missing = sorted(set(_static_names()) - set(staticfiles_storage.load_manifest()[0]))
    if missing:
        raise CommandError(
            f"{len(missing)} static file(s) are not in the manifest in {settings.STATIC_ROOT} "
            f"(e.g. {missing[0]}), collected before this version: {COLLECT}."
        )


def _static_names() -> Iterator[str]:
    config = apps.get_app_config("staticfiles")
    assert isinstance(config, StaticFilesConfig)  # or a project's subclass, as Django allows
    ignore = config.ignore_patterns
    for finder in finders.get_finders():
        for path, storage in finder.list(ignore):
            prefix = getattr(storage, "prefix", None)
            yield f"{prefix}/{path}" if prefix else path


# -- the var directory ----------------------------------------------------------------------


def prepare_folders() -> list[str]:
    """Create STATIC_ROOT and MEDIA_ROOT where missing; returns what cannot work, to log
    once. The site still serves: pages only read."""
    problems = []
    for folder in (settings.STATIC_ROOT, settings.MEDIA_ROOT):
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as error:
            problems.append(f"{folder} cannot be created ({error.strerror}).")
    if "immutable=1" in str(connection.settings_dict["NAME"]):
        problems.append(
            f"The SQLite database's folder is read-only, so it is opened read-only "
            f"({connection.settings_dict['NAME']}): counted views are kept in memory and "
            "lost at stop, and comments cannot be posted."
        )
    if not _writable(Path(settings.VAR_DIR) / "hotpath"):
        problems.append(f"{settings.VAR_DIR} is read-only: no page cache (every page rendered).")
    if not _writable(Path(settings.MEDIA_ROOT)):
        problems.append(f"{settings.MEDIA_ROOT} is read-only: no image or document uploads.")
    return problems


def _writable(folder: Path) -> bool:
    """Is `folder` (or, while it does not exist, the nearest folder above it) writable?"""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK)
