"""The WSGI layer that serves MEDIA_URL: public image files from disk, nothing else.

    application = MediaFiles(HotPath(django))          # newsdesk/wsgi.py

Which file may go to whom is media_policy.py's rule. Each worker remembers its decisions
(and the file's size, date and type) until the page-cache generation changes, which every
change to an image, a collection or a collection's restriction causes
(signal_handlers.py); while the generation cannot be known (Redis away) it asks the
database each time. A public file is sent by WhiteNoise's responder: ETag and
Last-Modified with 304s, ranges, HEAD, `wsgi.file_wrapper` when the server offers one. A
private file goes to Django (views.media_file, which checks the restrictions with the
visitor's session) when the request carries a session cookie; otherwise, like a file that
is not an image's, it is answered 404 here.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from typing import Literal, TypeAlias
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from django.conf import settings
from django.db import DatabaseError, close_old_connections
from whitenoise.base import WhiteNoise
from whitenoise.responders import NotARegularFileError, StaticFile
from whitenoise.string_utils import decode_path_info

from newsdesk.outages import outage

from .generation import Generation
from .headers import SecurityHeaders, with_headers
from .media_policy import find_media_file

logger = logging.getLogger(__name__)

# Public media may be kept by browsers and CDNs this long (seconds): an image made private
# may still be shown from their copies for that long.
MEDIA_MAX_AGE = 3600
# Decisions kept per worker; past this many the memory starts over.
MAX_REMEMBERED = 20_000
PRIVATE = "private"  # remembered for a file that anonymous readers may not have
# What may be done with a name: send this file, refuse it as PRIVATE, or None (not here).
Decision: TypeAlias = "StaticFile | str | None"


class MediaFiles(WhiteNoise):
    def __init__(self, application: WSGIApplication) -> None:
        super().__init__(application, max_age=MEDIA_MAX_AGE, allow_all_origins=False)
        self.prefix = settings.MEDIA_URL
        self.root = os.path.join(os.path.abspath(settings.MEDIA_ROOT), "")
        self.headers = SecurityHeaders()
        self._session_cookie = settings.SESSION_COOKIE_NAME + "="
        self._decisions: dict[str, Decision] = {}
        self._stamp: bytes | None = None
        self._generation: Generation | Literal[False] | None = None  # False: none can be had
        self._lock = threading.Lock()
        self._database = outage("the database (media files)")
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        self._generation, self._stamp, self._decisions = None, None, {}

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith(self.prefix):
            return self.application(environ, start_response)
        name = decode_path_info(path)[len(self.prefix) :]
        decision: Decision | DatabaseError
        try:
            decision = self._decide(name)
        except DatabaseError as error:
            decision = error
        if decision is PRIVATE and self._session_cookie in (environ.get("HTTP_COOKIE") or ""):
            return self.application(environ, start_response)  # an editor, maybe: Django checks
        # Answered here: with the headers Django would have added.
        start_response = with_headers(start_response, self.headers.for_environ(environ))
        if isinstance(decision, DatabaseError):
            self._database.failed(decision)
            return _plain(environ, start_response, "503 Service Unavailable", "Try again shortly.")
        if decision is None or decision is PRIVATE:
            return _plain(environ, start_response, "404 Not Found", "Not Found")
        return self.serve(decision, environ, start_response)

    # -- decisions ------------------------------------------------------------------------

    def _decide(self, name: str) -> Decision:
        """A StaticFile to send, PRIVATE, or None (never served here)."""
        remembered = self._memory()
        if remembered is not None and name in remembered:
            return remembered[name]
        decision = self._look_up(name)
        if remembered is not None and decision is not None:
            with self._lock:
                if len(remembered) >= MAX_REMEMBERED:
                    remembered.clear()
                remembered[name] = decision
        return decision

    def _look_up(self, name: str) -> Decision:
        close_old_connections()  # outside Django's request cycle: honour CONN_MAX_AGE here
        found = find_media_file(name)
        self._database.succeeded()
        if found is None:
            return None
        if found.is_private:
            return PRIVATE
        path = os.path.join(self.root, found.name)
        try:
            return self.get_static_file(path, self.prefix + found.name)
        except NotARegularFileError:
            return None  # known to the database, missing on disk

    def _memory(self) -> dict[str, Decision] | None:
        """This generation's decisions, or None while the generation cannot be known."""
        if self._generation is None:
            try:
                self._generation = Generation()
            except OSError as error:
                logger.warning("Media files: deciding on every request, no generation (%s)", error)
                self._generation = False
        if self._generation is False:
            return None
        stamp = self._generation.stamp()
        if stamp is None:
            return None
        if stamp != self._stamp:
            with self._lock:
                self._decisions, self._stamp = {}, stamp
        return self._decisions

    @staticmethod
    def serve(
        static_file: StaticFile, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        try:
            return WhiteNoise.serve(static_file, environ, start_response)
        except FileNotFoundError:  # removed since it was looked up
            return _plain(environ, start_response, "404 Not Found", "Not Found")


def _plain(
    environ: WSGIEnvironment, start_response: StartResponse, status: str, text: str
) -> list[bytes]:
    body = text.encode()
    headers = [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-cache"),
    ]
    start_response(status, headers)
    return [body] if environ.get("REQUEST_METHOD") != "HEAD" else []
