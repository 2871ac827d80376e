"""Calling the WSGI application (the hot path in front of Django) directly, inside a test's
transaction, the way a server would."""

import contextlib
import io
import re
import sys
from dataclasses import dataclass

from django.core import signals
from django.db import close_old_connections

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
COUNTER = re.compile(rb"Visited (\d+) times, (\d+) visit\(s\) today")
TOKEN = re.compile(rb'name="form_token" value="([^"]*)"')


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def cache(self) -> str | None:
        return self.headers.get("X-Newsdesk-Cache")

    @property
    def counts(self) -> tuple[int, int]:
        match = COUNTER.search(self.body)
        assert match, "no counter line on the page"
        return int(match[1]), int(match[2])

    def without_live_parts(self) -> bytes:
        return TOKEN.sub(b"TOKEN", COUNTER.sub(b"COUNTER", self.body))


@contextlib.contextmanager
def _keeping_the_test_connection():
    # As Django's test client does: a request must not close the test's open transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def call(application, path: str, method: str = "GET", query: str = "", **headers) -> Answer:
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "localhost",
        "HTTP_USER_AGENT": BROWSER_UA,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        **headers,
    }
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"] = int(status.split()[0])
        started["headers"] = dict(response_headers)

    with _keeping_the_test_connection():
        result = application(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    return Answer(started["status"], started["headers"], body)
