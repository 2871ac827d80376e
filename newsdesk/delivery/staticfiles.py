"""The WSGI layer that serves STATIC_URL from STATIC_ROOT with WhiteNoise.

    application = StaticFiles(MediaFiles(HotPath(django)))   # newsdesk/wsgi.py

The files `collectstatic` wrote are read once per worker at start (restart after
collecting again). Hashed names (ManifestStaticFilesStorage and WhiteNoise's compressed
variant, which also writes `.gz` and `.br` files sent to clients that accept them) never
change content, so they are cached for a year and marked `immutable`; other names for a
minute. Every answer carries the security headers of Django's pages (headers.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from whitenoise.base import WhiteNoise
from whitenoise.string_utils import decode_path_info

from .headers import SecurityHeaders, with_headers

# Cache lifetime (seconds) of names without a content hash, e.g. favicon.svg.
UNHASHED_MAX_AGE = 60


def hashed_names() -> frozenset[str]:
    """The content-hashed names the manifest lists (none for a storage without one)."""
    return frozenset(getattr(staticfiles_storage, "hashed_files", {}).values())


class StaticFiles(WhiteNoise):
    def __init__(self, application: WSGIApplication) -> None:
        super().__init__(application, max_age=UNHASHED_MAX_AGE)
        self.headers = SecurityHeaders()
        self.prefix = settings.STATIC_URL
        self._hashed = hashed_names()
        self.add_files(settings.STATIC_ROOT, prefix=self.prefix)

    def immutable_file_test(self, path: str, url: str) -> bool:
        return url.removeprefix(self.prefix) in self._hashed

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith(self.prefix):
            return self.application(environ, start_response)
        static_file = self.files.get(decode_path_info(path))
        if static_file is None:
            return self.application(environ, start_response)
        start_response = with_headers(start_response, self.headers.for_environ(environ))
        return self.serve(static_file, environ, start_response)
