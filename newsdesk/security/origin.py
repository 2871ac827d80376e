"""Cross-site request protection for the API's anonymous POSTs.

Posting a comment needs no login, so there is no session to forge and a CSRF token would only
make every API client fetch a cookie first. What must be stopped is another web site making
its visitors' browsers post comments here. Two rules do that:

* The body must be `application/json`. A page on another site cannot send that type without
  a CORS preflight, which this site never grants (it sends no CORS headers); an HTML form can
  only send urlencoded, multipart or text/plain bodies.
* A request that says where it comes from must come from here. Browsers send `Origin` with
  every cross-origin POST (and `Referer` unless told not to); the origin must be this
  request's own scheme and host (a host Django accepts, i.e. in ALLOWED_HOSTS) or one of
  CSRF_TRUSTED_ORIGINS (wildcards like `https://*.example.com` allowed) — Django's own CSRF
  origin rule. `Origin: null` (sandboxed frames, privacy redirects) is refused, and so is
  `Sec-Fetch-Site: cross-site`/`same-site` without an Origin.

A request with neither header (curl, an app, a server) is not a browser acting for someone
else and is accepted.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.utils.http import is_same_domain

JSON_CONTENT_TYPE = "application/json"


def is_json(request: HttpRequest) -> bool:
    return (request.content_type or "").lower() == JSON_CONTENT_TYPE


def _origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def is_trusted_origin(origin: str, request: HttpRequest) -> bool:
    try:
        own = f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"
    except DisallowedHost:
        own = None
    if own is not None and origin.lower() == own.lower():
        return True
    trusted = list(getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    if origin in trusted:
        return True
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    for entry in trusted:
        entry_parts = urlsplit(entry)
        if (
            "*" in entry_parts.netloc
            and entry_parts.scheme == parts.scheme
            and is_same_domain(parts.netloc, entry_parts.netloc.lstrip("*"))
        ):
            return True
    return False


def is_same_origin_request(request: HttpRequest) -> bool:
    """False when the request shows it was sent by a page of another site."""
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin != "null" and is_trusted_origin(origin, request)
    referer = request.headers.get("Referer")
    if referer:
        referer_origin = _origin_of(referer)
        return referer_origin is not None and is_trusted_origin(referer_origin, request)
    return request.headers.get("Sec-Fetch-Site", "") not in {"cross-site", "same-site"}
