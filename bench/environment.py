"""The environment of one benchmark run: where its database lives and the server's settings.

The harness process and the server it starts share these variables, so that the comment
tokens the harness signs are valid for the server and both read the same database. The
secret key is random per run and never written to disk.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO / "var" / "bench"
# Variables of the caller's shell that must not leak into the run (a test database, a shared
# Redis cache, the test settings).
ISOLATED = ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS")


@dataclass
class RunEnvironment:
    database_url: str
    var_dir: Path
    redis_url: str = ""
    secret_key: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # e.g. rate limits switched off

    def __post_init__(self):
        self.secret_key = self.secret_key or secrets.token_urlsafe(48)

    def variables(self) -> dict[str, str]:
        """The variables the harness and the server run with (production settings)."""
        env = {key: value for key, value in os.environ.items() if key not in ISOLATED}
        env.update(
            DJANGO_SETTINGS_MODULE="newsdesk.settings.production",
            DATABASE_URL=self.database_url,
            SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            STATIC_ROOT=str(self.var_dir / "static"),
            MEDIA_ROOT=str(self.var_dir / "media"),
            NEWSDESK_VAR_DIR=str(self.var_dir),
            SECURE_COOKIES="false",
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        env.update(self.extra)
        return env

    def apply(self) -> None:
        """Make this process run with the variables (before Django is set up)."""
        for key in ISOLATED:
            os.environ.pop(key, None)
        os.environ.update(self.variables())


def sqlite_path(var_dir: Path, articles: int, comments: int) -> Path:
    """The reusable SQLite file of a database size."""
    return var_dir / f"bench-{articles}-articles-{comments}-comments.sqlite3"


def setup_django() -> None:
    import django

    django.setup()
