"""Keep tags and bylines in the search index of articles.

ArticlePage.search_fields include the tags and the authors' names, but Wagtail indexes a
page in its post_save signal, which Django sends from inside Page.save() *before*
modelcluster writes the page's child relations (tags) and parental many-to-many fields
(authors). A publish would therefore index the tags and authors the article had before it.
The handlers here index the article again once those rows are written, and when an author
or a tag is renamed or an author deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag
from wagtail.search.backends import get_search_backends

from newsdesk.articles.models import ArticlePage, ArticlePageTag, Author


def reindex_articles(pks: Iterable[int | None]) -> None:
    """Index these articles again, as they are in the database now."""
    pks = {pk for pk in pks if pk is not None}
    if not pks:
        return
    articles = list(ArticlePage.get_indexed_objects().filter(pk__in=pks))
    if not articles:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ArticlePage, articles)


def tag_saved(
    sender: type[ArticlePageTag],
    instance: ArticlePageTag,
    created: bool,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    # modelcluster saves every tagging again on each page save; only a new one changes anything.
    if created and not raw:
        reindex_articles([instance.content_object_id])


def tag_removed(sender: type[ArticlePageTag], instance: ArticlePageTag, **kwargs: Any) -> None:
    reindex_articles([instance.content_object_id])


def authors_changed(
    sender: type[Model],
    instance: ArticlePage | Author,
    action: str,
    reverse: bool,
    pk_set: set[int] | None,
    **kwargs: Any,
) -> None:
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:  # article.authors changed
        if action != "pre_clear":
            reindex_articles([instance.pk])
    elif action == "pre_clear":  # author.articles.clear(): remember whose bylines go
        instance._search_cleared_articles = list(instance.articles.values_list("pk", flat=True))
    elif action == "post_clear":
        reindex_articles(getattr(instance, "_search_cleared_articles", []))
    else:
        reindex_articles(pk_set or [])


def remember_old_name(
    sender: type[Author | Tag], instance: Author | Tag, raw: bool = False, **kwargs: Any
) -> None:
    if raw or instance.pk is None:
        instance._search_renamed = False
        return
    old = sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    instance._search_renamed = old is not None and old != instance.name


def author_saved(sender: type[Author], instance: Author, **kwargs: Any) -> None:
    if getattr(instance, "_search_renamed", False):
        reindex_articles(instance.articles.values_list("pk", flat=True))


def tag_renamed(sender: type[Tag], instance: Tag, **kwargs: Any) -> None:
    if getattr(instance, "_search_renamed", False):
        reindex_articles(
            ArticlePageTag.objects.filter(tag=instance).values_list("content_object_id", flat=True)
        )


def author_deleting(sender: type[Author], instance: Author, **kwargs: Any) -> None:
    instance._search_bylined = list(instance.articles.values_list("pk", flat=True))


def author_deleted(sender: type[Author], instance: Author, **kwargs: Any) -> None:
    reindex_articles(getattr(instance, "_search_bylined", []))


def connect_signals() -> None:
    uid = "newsdesk_search"
    post_save.connect(tag_saved, sender=ArticlePageTag, dispatch_uid=f"{uid}.tag_saved")
    post_delete.connect(tag_removed, sender=ArticlePageTag, dispatch_uid=f"{uid}.tag_removed")
    m2m_changed.connect(
        authors_changed, sender=ArticlePage.authors.through, dispatch_uid=f"{uid}.authors"
    )
    for model in (Author, Tag):
        pre_save.connect(remember_old_name, sender=model, dispatch_uid=f"{uid}.old_name")
    post_save.connect(author_saved, sender=Author, dispatch_uid=f"{uid}.author_saved")
    post_save.connect(tag_renamed, sender=Tag, dispatch_uid=f"{uid}.tag_renamed")
    pre_delete.connect(author_deleting, sender=Author, dispatch_uid=f"{uid}.author_deleting")
    post_delete.connect(author_deleted, sender=Author, dispatch_uid=f"{uid}.author_deleted")
