from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from newsdesk.comments.retention import erase_old_ip_addresses


class Command(BaseCommand):
    help = "Erase the IP addresses of comments older than NEWSDESK_COMMENT_IP_RETENTION_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        erased = erase_old_ip_addresses()
        days = settings.NEWSDESK_COMMENT_IP_RETENTION_DAYS
        self.stdout.write(f"Erased the IP address of {erased} comment(s) older than {days} days.")
