"""Who is posting: the client's address, and its keyed hash for rate-limit keys."""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind a proxy the last entry of NEWSDESK_CLIENT_IP_HEADER (the one
    the nearest proxy appended; earlier entries are whatever the client chose to send)."""
    header = settings.NEWSDESK_CLIENT_IP_HEADER
    if header:
        forwarded = request.META.get(header, "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if entries:
            return entries[-1][:45]
    return request.META.get("REMOTE_ADDR") or None


def hashed(value: str) -> str:
    """A keyed hash, so that rate-limit keys in a shared cache name no address or email."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()[:24]
