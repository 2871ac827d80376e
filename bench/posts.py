"""The comment-post row: a pool of valid, distinct, form-encoded comments for wrk to send.

Each body carries its own signed form token (newsdesk.comments.tokens), issued with the run's
secret key far enough in the past to pass the typing-speed check, a distinct email and text
(so neither the duplicate check nor a per-email limit refuses it). Tokens are single-use, so
the pool holds more bodies than the row can send.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings

from newsdesk.comments.tokens import FIELD_NAME, issue_form_token

BASE_SETTINGS = Path(__file__).resolve().parent.parent / "newsdesk" / "settings" / "base.py"
# Per-client and per-email comment rate limits: 0 switches one off (see base.py). All the
# row's posts come from one address, so a limit would turn the row into a 429 test.
RATE_LIMIT_KNOB = re.compile(r'env_int\("(NEWSDESK_COMMENTS?_RATE_PER_\w+)"')


def rate_limit_knobs(source: Path = BASE_SETTINGS) -> dict[str, str]:
    """The rate-limit variables the settings read today, each set to 0 (off)."""
    return {name: "0" for name in RATE_LIMIT_KNOB.findall(source.read_text())}


def post_bodies(page_id: int, count: int, now: float | None = None) -> list[str]:
    issued = (now or time.time()) - settings.NEWSDESK_COMMENT_MIN_SECONDS - 5
    run = secrets.token_hex(4)  # earlier runs' comments are in the database too
    bodies = []
    for number in range(count):
        fields = {
            "author_name": f"Bench reader {number}",
            "author_email": f"reader{number}.{run}@bench.example",
            "author_url": "",
            "body": f"Comment {number} of run {run}: the bridge plan is long overdue.",
            FIELD_NAME: issue_form_token(page_id, now=issued),
        }
        bodies.append(urlencode(fields))
    return bodies


def write_pool(path: Path, page_id: int, count: int) -> Path:
    path.write_text("\n".join(post_bodies(page_id, count)) + "\n")
    return path


def pool_size(seconds: float) -> int:
    """Enough single-use bodies for a comment row far faster than Django can store them."""
    return int(max(seconds, 1) * 3000)
