"""The one rule for a commenter's website, wherever it comes from.

A website is safe when it is an `http` or `https` address that Django's URLValidator finds
well formed, with no control, format or space character anywhere (a browser drops a tab or
a line break typed into `javascript:` and runs what is left; a zero-width or bidi character
disguises where the link goes) and at most MAX_LENGTH characters.

The comment form (and so the API), the `Comment.author_url` field (and so the admin's edit
form) and the WordPress importer refuse or drop anything else; pages, the admin and the API
link only through `safe_url`, so an address stored before this rule existed is never a link.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

MAX_LENGTH = 200
INVALID = "Please enter a valid web address, e.g. https://example.org"
_web_address = URLValidator(schemes=["http", "https"])


def is_safe_url(value: str) -> bool:
    if not value or len(value) > MAX_LENGTH or any(map(_invisible, value)):
        return False
    try:
        _web_address(value)
    except ValidationError:
        return False
    return True


def _invisible(character: str) -> bool:
    # Unicode categories C* (control, format, unassigned...) and Z* (spaces, separators).
    return unicodedata.category(character)[0] in "CZ"


def validate_website(value: str) -> None:
    """The rule as a Django validator (empty values are left to `blank`)."""
    if not is_safe_url(value):
        raise ValidationError(INVALID, code="unsafe_website")


def safe_url(value: str) -> str:
    """`value` if it is safe to link to, else an empty string."""
    return value if is_safe_url(value) else ""
