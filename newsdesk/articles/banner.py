"""The breaking-news banner: one line with a link, shown on every public page until it
expires (docs/reader-pages.md).

It is part of the cached pages: saving the setting invalidates them as a publish does
(delivery/signal_handlers.py), and the scheduler invalidates them again when it expires
(`BreakingNews.expire_due`, called from delivery/scheduler.py every second), so no cached
page shows it after its expiry.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def validate_link(value: str) -> None:
    """A path on this site ("/news/...") or an http(s) URL."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)


@register_setting(icon="warning")
class BreakingNews(BaseSiteSetting):
    """Off unless an editor turns it on, with a text, a link and an expiry time."""

    enabled = models.BooleanField("show the banner", default=False)
    text = models.CharField(max_length=200, blank=True, help_text="One line, plain text.")
    link = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text="Where the banner leads: a path on this site (/news/...) or an http(s) URL.",
    )
    expires_at = models.DateTimeField(
        "expires at", null=True, blank=True, help_text="The banner disappears at this time."
    )

    panels = ["enabled", "text", "link", "expires_at"]

    class Meta:
        verbose_name = "breaking-news banner"

    def clean(self) -> None:
        super().clean()
        if not self.enabled:
            return
        errors = {}
        if not self.text.strip():
            errors["text"] = "A banner that is shown needs a text."
        if not self.link:
            errors["link"] = "A banner that is shown needs a link."
        if self.expires_at is None:
            errors["expires_at"] = "A banner that is shown needs an expiry time."
        elif self.expires_at <= timezone.now():
            errors["expires_at"] = "The expiry time is in the past."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def shown_on(cls, site) -> BreakingNews | None:
        """The site's banner if it is on and has not expired (one query; never creates a row,
        unlike `for_site`, so a reader's GET writes nothing)."""
        if site is None:
            return None
        return cls.objects.filter(site=site, enabled=True, expires_at__gt=timezone.now()).first()

    @classmethod
    def expire_due(cls) -> int:
        """Turn off the banners whose time has come; how many (0 almost always: one query).
        The caller invalidates the cached pages when it is not 0."""
        return cls.objects.filter(enabled=True, expires_at__lte=timezone.now()).update(
            enabled=False
        )
