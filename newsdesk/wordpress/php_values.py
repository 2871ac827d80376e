"""Plain values read out of PHP's serialize() format, as WordPress stores some metadata.

WordPress keeps an attachment's metadata (`_wp_attachment_metadata`: sizes, and the
photographer's credit and copyright it read from the file's IPTC data) as one serialized
PHP array. This reads such text into Python dicts, strings, numbers, booleans and None, and
nothing else: objects, references and custom-serialized values are refused (ValueError), so
the text can name no class and run nothing, unlike PHP's own unserialize(). Comment meta is
never read this way: the import keeps it as the export's text (importer/comments.py).
"""

from __future__ import annotations

import re

MAX_DEPTH = 32
_NUMBER = re.compile(rb"-?\d+")
_FLOAT = re.compile(rb"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|-?INF|NAN")


def read_php_value(text: str) -> object:
    """The value serialized in `text`; ValueError if it is not a plain serialized value."""
    data = text.encode("utf-8")
    value, end = _read(data, 0, 0)
    if end != len(data):
        raise ValueError(f"unexpected text after the value at byte {end}")
    return value


def _expect(data: bytes, at: int, token: bytes) -> int:
    if data[at : at + len(token)] != token:
        raise ValueError(f"expected {token.decode()!r} at byte {at}")
    return at + len(token)


def _match(pattern: re.Pattern[bytes], data: bytes, at: int) -> tuple[bytes, int]:
    found = pattern.match(data, at)
    if found is None:
        raise ValueError(f"expected a number at byte {at}")
    return found.group(), found.end()


def _read(data: bytes, at: int, depth: int) -> tuple[object, int]:
    if depth > MAX_DEPTH:
        raise ValueError("nested too deep")
    kind = data[at : at + 2]
    if kind == b"N;":
        return None, at + 2
    if kind == b"b:":
        flag, at = _match(_NUMBER, data, at + 2)
        if flag not in (b"0", b"1"):
            raise ValueError(f"not a boolean at byte {at}")
        return flag == b"1", _expect(data, at, b";")
    if kind == b"i:":
        number, at = _match(_NUMBER, data, at + 2)
        return int(number), _expect(data, at, b";")
    if kind == b"d:":
        number, at = _match(_FLOAT, data, at + 2)
        return float(number.replace(b"INF", b"inf").replace(b"NAN", b"nan")), _expect(
            data, at, b";"
        )
    if kind == b"s:":
        length, at = _match(_NUMBER, data, at + 2)
        start = _expect(data, at, b':"')
        end = start + int(length)
        if int(length) < 0 or end > len(data):
            raise ValueError(f"string length runs past the end at byte {at}")
        at = _expect(data, end, b'";')
        return data[start:end].decode("utf-8", errors="replace"), at
    if kind == b"a:":
        count, at = _match(_NUMBER, data, at + 2)
        at = _expect(data, at, b":{")
        array: dict[object, object] = {}
        for _ in range(int(count)):
            key, at = _read(data, at, depth + 1)
            if not isinstance(key, (int, str)) or isinstance(key, bool):
                raise ValueError(f"an array key must be a number or a string (byte {at})")
            array[key], at = _read(data, at, depth + 1)
        return array, _expect(data, at, b"}")
    raise ValueError(f"not a plain value at byte {at} ({kind.decode(errors='replace')!r})")
