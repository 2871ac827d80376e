"""Keep the stored lists current as articles are published and unpublished (updates.py).

Deleting an article needs no handler: its terms and every list row naming it go with it
(the foreign keys' CASCADE). A failure here never stops a publish: the lists are then one
article behind until the next publish of it or the next rebuild, and the log says so.
"""

from __future__ import annotations

import logging
from typing import Any

from wagtail.signals import page_published, page_unpublished

from newsdesk.articles.models import ArticlePage

from . import updates

logger = logging.getLogger(__name__)


def article_changed(sender: type[ArticlePage], instance: ArticlePage, **kwargs: Any) -> None:
    try:
        updates.refresh(instance.pk)
    except Exception:
        logger.exception("Related articles of article %s not updated", instance.pk)


def connect_signals() -> None:
    for signal, name in ((page_published, "published"), (page_unpublished, "unpublished")):
        signal.connect(article_changed, sender=ArticlePage, dispatch_uid=f"newsdesk_related.{name}")
