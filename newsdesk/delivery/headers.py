"""The security headers Django's middleware puts on pages, for answers that never reach it.

Static and media files are answered by WSGI layers in front of Django (staticfiles.py,
mediafiles.py), so SecurityMiddleware, XFrameOptionsMiddleware and django-csp never see
them. `SecurityHeaders` builds the same set from the same settings, once per process:

    headers = SecurityHeaders()
    start_response(status, [*file_headers, *headers.for_environ(environ)])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from wsgiref.types import StartResponse, WSGIEnvironment

from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

if TYPE_CHECKING:
    from _typeshed import OptExcInfo


def _hsts_value() -> str | None:
    """Strict-Transport-Security as SecurityMiddleware writes it, or None when off."""
    if not settings.SECURE_HSTS_SECONDS:
        return None
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value


def base_headers() -> list[tuple[str, str]]:
    """The headers every answer gets, whatever its scheme."""
    headers: list[tuple[str, str]] = []
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        policy = settings.SECURE_REFERRER_POLICY
        if not isinstance(policy, str):
            policy = ",".join(policy)
        headers.append(("Referrer-Policy", policy))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    if getattr(settings, "X_FRAME_OPTIONS", None):
        headers.append(("X-Frame-Options", settings.X_FRAME_OPTIONS))
    csp = build_policy()  # CONTENT_SECURITY_POLICY's directives, as django-csp sends them
    if csp:
        headers.append(("Content-Security-Policy", csp))
    return headers


def is_secure(environ: WSGIEnvironment) -> bool:
    """HttpRequest.is_secure() on a WSGI environ: SECURE_PROXY_SSL_HEADER, else the scheme."""
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy_header:
        name, secure_value = proxy_header
        value = environ.get(name)
        if value is not None:
            return value.split(",", 1)[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


class SecurityHeaders:
    """The header set, built once; HSTS only over HTTPS, as Django sends it."""

    def __init__(self) -> None:
        self.plain = tuple(base_headers())
        hsts = _hsts_value()
        self.secure = self.plain + ((("Strict-Transport-Security", hsts),) if hsts else ())

    def for_environ(self, environ: WSGIEnvironment) -> tuple[tuple[str, str], ...]:
        return self.secure if is_secure(environ) else self.plain


def with_headers(start_response: StartResponse, extra: Sequence[tuple[str, str]]) -> StartResponse:
    """`start_response` that adds `extra` to the headers of the answer."""

    def start_response_with_headers(
        status: str, headers: list[tuple[str, str]], exc_info: OptExcInfo | None = None
    ) -> Callable[[bytes], object]:
        return start_response(status, [*headers, *extra], exc_info)

    return start_response_with_headers


class PreviewFramingMiddleware:
    """Lets the admin frame its own previews, and nothing else frame anything.

    Public pages are never framed (X_FRAME_OPTIONS "DENY", CSP `frame-ancestors 'none'`).
    Wagtail's preview panel shows the draft in a same-origin iframe: its preview view renders
    the page through the whole middleware stack again, for the page's public URL, with
    `request.is_preview` set. For that answer only this middleware says SAMEORIGIN and
    `frame-ancestors 'self'` (django-csp's per-response override). It sits after
    XFrameOptionsMiddleware and CSPMiddleware in MIDDLEWARE, so its answer reaches them first
    and they keep what it set.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response["X-Frame-Options"] = "SAMEORIGIN"
            replace = dict(getattr(response, "_csp_replace", None) or {})
            replace["frame-ancestors"] = ["'self'"]
            response._csp_replace = replace  # type: ignore[attr-defined]
        return response
