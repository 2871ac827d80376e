"""What WordPress's post status becomes, and back again.

A scheduled post (`future`) is imported unpublished with a revision approved to go live at its
date, exactly as an editor schedules one in Wagtail. If that date has already passed — what
WordPress calls a "missed schedule" (its cron did not run) — the post stays scheduled, not
turned into a plain draft: WordPress itself keeps such a post `future` until its next cron
run publishes it, and here newsdesk's scheduler (`publish_scheduled`) publishes it on its next
run. The export writes `future` for any unpublished page with a scheduled revision, so
export -> import -> export keeps the status.
"""

from __future__ import annotations

from wagtail.models import Page

SCHEDULED = "future"


def is_scheduled(status: str) -> bool:
    return status == SCHEDULED


def schedule(page: Page) -> None:
    """Approve the page's latest content to go live at its `go_live_at`, past or not."""
    if page.go_live_at:
        page.save_revision(approved_go_live_at=page.go_live_at, clean=False)


def is_scheduled_page(page: Page) -> bool:
    """Unpublished, with a revision waiting for the scheduler (its date may have passed)."""
    return not page.live and page.scheduled_revision is not None
