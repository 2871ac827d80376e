"""WordPress dates: `2020-01-31 14:05:00`, GMT or the site's local time; zeros mean none."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from django.utils import timezone


def parse_wp_date(value: str, utc: bool) -> datetime | None:
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    value = value[:19]
    try:
        # fromisoformat is many times faster than strptime, but also takes other shapes.
        if len(value) != 19 or value[10] != " " or value[13] != ":" or value[16] != ":":
            raise ValueError(value)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if utc:
        return parsed.replace(tzinfo=UTC)
    return timezone.make_aware(parsed)


def parse_rss_date(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime((value or "").strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed and parsed.tzinfo else None


def item_date(item) -> datetime | None:
    """GMT fields are the truth; the local date and the RSS pubDate are fallbacks."""
    return (
        parse_wp_date(item.get("wp:post_date_gmt"), utc=True)
        or parse_wp_date(item.get("wp:post_date"), utc=False)
        or parse_rss_date(item.get("pubDate"))
    )
