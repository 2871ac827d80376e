"""Which slug an imported post or page gets.

WordPress stores a non-ASCII slug percent-encoded (`caf%c3%a9`). The page keeps WordPress's
own slug, percent-decoded (`café`), whenever Wagtail accepts it as a slug (Unicode letters,
digits, `-` and `_` when `WAGTAIL_ALLOW_UNICODE_SLUGS` is on, as by default; ASCII only when
it is off). Anything else — an emoji, a right-to-left or zero-width mark, a space — cannot be
part of a Wagtail URL, so the slug is `slugify`'d instead. Either way the old URL, in its
percent-encoded form, redirects to the page (see `WordPressImport.add_post_redirects`).
"""

from __future__ import annotations

from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug, validate_unicode_slug
from django.utils.text import slugify

MAX_LENGTH = 255


def unicode_slugs() -> bool:
    return getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)


def wagtail_accepts(slug: str) -> bool:
    validator = validate_unicode_slug if unicode_slugs() else validate_slug
    try:
        validator(slug)
    except ValidationError:
        return False
    return len(slug) <= MAX_LENGTH


def page_slug(post_name: str) -> str:
    """The slug for WordPress's `wp:post_name` (empty if it gives none)."""
    decoded = unquote(post_name.strip())
    if wagtail_accepts(decoded):
        return decoded
    return slugify(decoded, allow_unicode=unicode_slugs())[:MAX_LENGTH].strip("-_")
