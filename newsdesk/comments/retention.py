"""Commenters' IP addresses are kept only as long as NEWSDESK_COMMENT_IP_RETENTION_DAYS says:
long enough to trace a flood or a legal complaint, then erased. `newsdesk serve`'s scheduler
process runs this on every tick; `newsdesk erase_comment_ips` runs it by hand or from cron."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import Comment


def erase_old_ip_addresses(now: datetime | None = None) -> int:
    """Blank the IP address of every comment older than the retention period; how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.NEWSDESK_COMMENT_IP_RETENTION_DAYS)
    return Comment.objects.filter(created_at__lt=cutoff, ip_address__isnull=False).update(
        ip_address=None
    )
