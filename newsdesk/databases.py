"""Which database this process serves, as a short name for keys and file names.

Counters in Redis, the page-cache generation file, the shared view table and the rate-limit
marks are all named after the database, so that two sites (or a test run beside a dev
server) never share them.
"""

import hashlib
from pathlib import Path

from django.db import connection


def database_identity() -> str:
    """16 hex digits naming the engine, host, port and database (an SQLite file by its
    resolved path)."""
    db = connection.settings_dict
    name = str(Path(db["NAME"]).resolve()) if db["ENGINE"].endswith("sqlite3") else db["NAME"]
    raw = f"{db['ENGINE']}|{db.get('HOST') or ''}|{db.get('PORT') or ''}|{name}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]
