"""Writing WXR text by hand: CDATA sections, escaping, and characters XML cannot hold."""

import re

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def valid(text) -> str:
    return _INVALID_XML.sub("", "" if text is None else str(text))


def cdata(text) -> str:
    """A CDATA section; a "]]>" inside is split across two sections, as WordPress does."""
    return "<![CDATA[" + valid(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def escape(text) -> str:
    return (
        valid(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def element(name: str, text, raw: bool = False) -> str:
    return f"<{name}>{text if raw else cdata(text)}</{name}>"
