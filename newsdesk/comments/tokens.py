"""The signed comment-form token: CSRF's equivalent on cached pages, and a typing-speed check.

Every rendering of the "Leave a Reply" form carries a fresh token naming the article and the
moment it was issued, signed with the site's secret. A post must bring back a token that is
for the same article, unaltered, old enough that a human could have typed the comment, and
not so old that it is a stale replay. The hot path (newsdesk.delivery) splices a fresh token
into each cached page, so this is built to be cheap: the nonce is a per-process random prefix
and a counter (no system call), and the signature one keyed BLAKE2b (a MAC by design, one
pass, half the cost of an HMAC) with a key derived once. Single use is enforced when the
token is posted (the nonce is spent: comments/spam/gate.py), on every worker alike.
"""

import hashlib
import hmac
import itertools
import os
import time
from functools import lru_cache

from django.conf import settings

FIELD_NAME = "form_token"
_SALT = b"newsdesk.comments.form-token"


@lru_cache(maxsize=4)
def _key(secret: str) -> bytes:
    return hashlib.sha256(_SALT + secret.encode()).digest()


def _signature(payload: str) -> str:
    # One C call: this runs once per cached article served.
    key = _key(settings.SECRET_KEY)
    return hashlib.blake2b(payload.encode(), key=key, digest_size=16).hexdigest()


class _Nonces:
    """Distinct nonces: 12 random hex digits per process (again after a fork), then a
    10-digit counter. Readers cannot choose them (they are signed); they only need to differ."""

    def __init__(self) -> None:
        self._start()
        os.register_at_fork(after_in_child=self._start)

    def _start(self) -> None:
        self._prefix = os.urandom(6).hex()
        self._counter = itertools.count(1)

    def next(self) -> str:
        return f"{self._prefix}{next(self._counter):010x}"  # one length: pages keep theirs


_nonces = _Nonces()


def issue_form_token(page_id: int, now: float | None = None) -> str:
    """A token for one rendering of the form on page `page_id`: `page.issued.nonce.signature`."""
    issued = int(now if now is not None else time.time())
    payload = f"{page_id}.{issued}.{_nonces.next()}"
    return f"{payload}.{_signature(payload)}"


class TokenError(ValueError):
    """Why a token was refused; the message is shown to the commenter."""


def read_form_token(token: str, page_id: int, now: float | None = None) -> tuple[int, str]:
    """Check a posted token; return (issued timestamp, nonce) or raise TokenError."""
    parts = (token or "").split(".")
    if len(parts) != 4 or not all(parts):
        raise TokenError("The form was incomplete. Please reload the page and try again.")
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(parts[3], _signature(payload)):
        raise TokenError("The form was incomplete. Please reload the page and try again.")
    if parts[0] != str(page_id) or not (parts[1].isascii() and parts[1].isdigit()):
        raise TokenError("This form belongs to another article. Please reload the page.")
    issued = int(parts[1])
    age = (now if now is not None else time.time()) - issued
    if age < settings.NEWSDESK_COMMENT_MIN_SECONDS:
        raise TokenError("That was quicker than anyone types. Please wait a moment and send again.")
    if age > settings.NEWSDESK_COMMENT_TOKEN_MAX_AGE:
        raise TokenError("This form has expired. Please reload the page and send it again.")
    return issued, parts[2]
