"""What invalidates cached pages: every change that can alter what a page shows.

The generation is global, not per page: publishing one article can change other articles'
automatic related boxes, every listing, the section navigation and comment counts, so a
publish drops every cached page (each is rendered again on its next request, once per
worker). Bumps happen after the transaction commits, so that no worker can render the old
content again under the new generation.
"""

from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from newsdesk.articles.banner import BreakingNews
from newsdesk.articles.image_credits import ImageCredit
from newsdesk.articles.models import Author
from newsdesk.articles.signals import pages_written_in_bulk
from newsdesk.comments.models import Comment

from . import frontend_cache
from .generation import bump_generation

APPROVED = Comment.Status.APPROVED


def content_changed() -> None:
    """Drop every cached page: each worker's (the generation), then the CDN's."""
    bump_generation()
    frontend_cache.purge_everything()


def invalidate_pages_on_commit(**kwargs: Any) -> None:
    connection = transaction.get_connection()
    pending = getattr(connection, "run_on_commit", [])
    if any(callback[1] is content_changed for callback in pending):
        return  # one bump per transaction, however many pages or comments it touched
    transaction.on_commit(content_changed, robust=True)


# What saving a draft (or locking a page) writes: nothing a reader sees changes.
DRAFT_ONLY_FIELDS = {
    "comments",
    "wagtail_admin_comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_by",
    "locked_at",
}


def page_saved(
    sender: type[Page],
    instance: Page,
    created: bool,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    """Publishing sends its own signal; this catches live pages saved directly (importers,
    scripts, a page created live) but not draft saves."""
    if not instance.live:
        return
    if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    invalidate_pages_on_commit()


def remember_comment_status(sender: type[Comment], instance: Comment, **kwargs: Any) -> None:
    instance._status_before_save = (
        Comment.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        if instance.pk
        else None
    )


def comment_saved(sender: type[Comment], instance: Comment, **kwargs: Any) -> None:
    """Readers see approved comments only: a pending or spam comment changes no page, so a
    flood of them does not empty the caches."""
    if APPROVED in (instance.status, getattr(instance, "_status_before_save", None)):
        invalidate_pages_on_commit()


def comment_deleted(sender: type[Comment], instance: Comment, **kwargs: Any) -> None:
    if instance.status == APPROVED:
        invalidate_pages_on_commit()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_pages_on_commit, dispatch_uid=f"hotpath-{signal!r}")
    # Deleting a page of any type deletes its Page row too, which sends this.
    post_delete.connect(invalidate_pages_on_commit, sender=Page, dispatch_uid="hotpath-page")
    for model in apps.get_models():
        if issubclass(model, Page):
            post_save.connect(page_saved, sender=model, dispatch_uid="hotpath-page")
    # Shown on pages, or deciding who may see them (pages, and image files: mediafiles.py).
    # The breaking-news banner is on every page: saving it is like a publish.
    # An image's credit is shown under it, on every page the image is on.
    watched = (Author, Tag, Site, PageViewRestriction, get_image_model(), ImageCredit, BreakingNews)
    for model in (*watched, Collection, CollectionViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate_pages_on_commit, sender=model, dispatch_uid=f"hotpath-{model.__name__}"
            )
    pages_written_in_bulk.connect(invalidate_pages_on_commit, dispatch_uid="hotpath-bulk")
    pre_save.connect(remember_comment_status, sender=Comment, dispatch_uid="hotpath-comment")
    post_save.connect(comment_saved, sender=Comment, dispatch_uid="hotpath-comment")
    post_delete.connect(comment_deleted, sender=Comment, dispatch_uid="hotpath-comment")
