"""The signed comment-form token: CSRF's equivalent on cached pages, and a typing-speed check.

Every rendering of the "Leave a Reply" form carries a fresh token naming the article and the
moment it was issued, signed with the site's secret. A post must bring back a token that is
for the same article, unaltered, old enough that a human could have typed the comment, and
not so old that it is a stale replay. The hot path (newsdesk.delivery) splices a fresh token
into each cached page, so this is built to be cheap: one HMAC with a key derived once.
"""

import hashlib
import hmac
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
    # hmac.digest is the one-shot C path: this runs once per cached article served.
    return hmac.digest(_key(settings.SECRET_KEY), payload.encode(), "sha256")[:16].hex()


def issue_form_token(page_id: int, now: float | None = None) -> str:
    """A token for one rendering of the form on page `page_id`: `page.issued.nonce.signature`."""
    issued = int(now if now is not None else time.time())
    payload = f"{page_id}.{issued}.{os.urandom(6).hex()}"
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
