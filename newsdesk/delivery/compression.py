"""gzip for the listings the hot path answers from memory (home, sections, tags, authors,
feeds, sitemaps): compressed once per version of a page's bytes, not once per answer.

Articles are not compressed: each answer carries its own counts and form token, so it
would be compressed on every view, which the article row's speed goal cannot pay. Every
listing answer says `Vary: Accept-Encoding` (a CDN in front keeps both forms apart), and
the gzip form has an ETag of its own, as a different representation must.
"""

from __future__ import annotations

import gzip
from typing import NamedTuple
from wsgiref.types import WSGIEnvironment

from .pagecache import Headers

LEVEL = 6  # zlib's default: most of level 9's size for a fraction of its time


class Encodings(NamedTuple):
    source: bytes  # the identity bytes these were made from
    plain_headers: Headers
    gzip_etag: str
    gzip_headers: Headers
    gzip_body: bytes


def accepts_gzip(environ: WSGIEnvironment) -> bool:
    """Whether the request's Accept-Encoding takes gzip (not with q=0)."""
    accept = environ.get("HTTP_ACCEPT_ENCODING", "").lower()
    if "gzip" not in accept:
        return False
    for part in accept.split(","):
        coding, _, params = part.partition(";")
        if coding.strip() != "gzip":
            continue
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    return float(value) > 0
                except ValueError:
                    return False
        return True
    return False


def encodings(etag: str, headers: Headers, body: bytes) -> Encodings:
    plain = _varying(headers)
    gzip_etag = f'{etag[:-1]}-gzip"' if etag.endswith('"') else etag
    gzipped = tuple((n, gzip_etag if n.lower() == "etag" else v) for n, v in plain)
    return Encodings(
        source=body,
        plain_headers=plain,
        gzip_etag=gzip_etag,
        gzip_headers=(*gzipped, ("Content-Encoding", "gzip")),
        gzip_body=gzip.compress(body, compresslevel=LEVEL, mtime=0),
    )


def _varying(headers: Headers) -> Headers:
    """The headers with Accept-Encoding added to their Vary (or a Vary of it)."""
    out, varied = [], False
    for name, value in headers:
        if name.lower() == "vary":
            varied = True
            if "accept-encoding" not in value.lower():
                value = f"{value}, Accept-Encoding"
        out.append((name, value))
    if not varied:
        out.append(("Vary", "Accept-Encoding"))
    return tuple(out)
