"""The index follows tags and bylines as editors change them."""

import pytest
from taggit.models import Tag

from newsdesk.articles.factories import ArticleFactory, AuthorFactory
from newsdesk.articles.models import ArticlePage

from .utils import found

pytestmark = pytest.mark.django_db


def publish(article):
    """As the admin's Publish button does: through a revision."""
    article.save_revision().publish()


def test_article_search_fields_include_tags_and_authors():
    fields = {(type(f).__name__, f.field_name) for f in ArticlePage.get_search_fields()}
    assert ("RelatedFields", "tags") in fields and ("RelatedFields", "authors") in fields


def test_tags_and_authors_changed_in_a_publish_are_indexed(client):
    pia, ole = AuthorFactory(name="Pia Lund"), AuthorFactory(name="Ole Berg")
    article = ArticleFactory(title="Harbour news", tags=["ferries"], authors=[pia])
    article = ArticlePage.objects.get(pk=article.pk)
    article.tags.set(["gulls"], clear=True)
    article.authors = [ole]
    publish(article)
    assert found(client, "gulls") == ["Harbour news"]
    assert found(client, "Berg") == ["Harbour news"]
    assert found(client, "ferries") == []
    assert found(client, "Lund") == []


def test_tags_added_and_removed_directly_are_indexed(client):
    article = ArticleFactory(title="Harbour news")
    article.tags.add("lighthouse")
    article.save()
    assert found(client, "lighthouse") == ["Harbour news"]
    article.tags.remove("lighthouse")
    article.save()
    assert found(client, "lighthouse") == []


def test_renamed_and_deleted_authors_and_tags_are_indexed(client):
    author = AuthorFactory(name="Pia Lund")
    ArticleFactory(title="Harbour news", authors=[author], tags=["ferries"])
    author.name = "Pia Lund-Berg"
    author.save()
    assert found(client, "Berg") == ["Harbour news"]
    tag = Tag.objects.get(name="ferries")
    tag.name = "boats"
    tag.save()
    assert found(client, "boats") == ["Harbour news"]
    assert found(client, "ferries") == []
    author.articles.clear()
    assert found(client, "Berg") == []
    author.articles.add(ArticlePage.objects.get())
    assert found(client, "Berg") == ["Harbour news"]
    author.delete()
    assert found(client, "Berg") == []
    tag.delete()
    assert found(client, "boats") == []
