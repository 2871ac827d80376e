"""Marks and counters that every server process must share: spent form tokens and
rate-limit windows (see marks.py). Kept in the database when Redis is not configured, or
while it is away."""

from django.db import models


class Mark(models.Model):
    # A keyed hash names the client or email (clients.hashed): no address is stored here.
    name = models.CharField(max_length=150, primary_key=True)
    hits = models.PositiveIntegerField(default=1)
    # Seconds since the epoch; an expired row counts as absent and is purged by the scheduler.
    expires_at = models.FloatField(db_index=True)

    class Meta:
        verbose_name = "security mark"

    def __str__(self) -> str:
        return self.name
