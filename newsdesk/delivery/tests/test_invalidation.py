"""Which changes bump the page-cache generation (and which, on purpose, do not). Real
commits (transactional tests): the bump happens only once a change is committed."""

import pytest
from django.db import transaction
from wagtail_factories import ImageFactory

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.articles.image_credits import ImageCredit
from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.models import Comment
from newsdesk.delivery.generation import LocalGeneration, generation_file

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

APPROVED = Comment.Status.APPROVED


def generation() -> bytes:
    return LocalGeneration(generation_file()).read()


def publish_edit(article):
    article.title = "Corrected headline"
    article.save_revision().publish()


def move(article):
    article.move(SectionFactory(), pos="last-child")


def approve(article):
    CommentFactory(page=article, pending=True).moderate(APPROVED)


def unapprove(article):
    CommentFactory(page=article).moderate(Comment.Status.TRASH)


def delete_approved_comment(article):
    CommentFactory(page=article).delete()


def edit_byline(article):
    author = AuthorFactory()
    article.authors.set([author])
    author.name = "A. N. Other"
    author.save()


CHANGES = {
    "publish or edit": publish_edit,
    "publish another article (related boxes, listings)": lambda article: ArticleFactory(),
    "unpublish": lambda article: article.unpublish(),
    "move": move,
    "delete": lambda article: article.delete(),
    "approve a comment": approve,
    "unapprove or trash a comment": unapprove,
    "delete an approved comment": delete_approved_comment,
    "a new comment approved at once": lambda article: CommentFactory(page=article),
    "rename an author": edit_byline,
}


def test_crediting_an_image_invalidates_cached_pages():
    """The credit is shown under the image, and saved apart from it (image_credits.py)."""
    image = ImageFactory()
    before = generation()
    ImageCredit.objects.create(image=image, credit="Photo: Ana Ruiz")
    assert generation() != before


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_changes_readers_would_see_invalidate_cached_pages(change):
    article = ArticleFactory()
    before = generation()
    change(article)
    assert generation() != before


def test_the_generation_moves_only_once_the_change_is_committed():
    article = ArticleFactory()
    before = generation()
    with transaction.atomic():
        publish_edit(article)
        CommentFactory(page=article)
        assert generation() == before  # another worker could still render the old page
    assert generation() != before


def test_comments_readers_cannot_see_do_not_invalidate():
    """A flood of pending or spam comments must not empty every worker's cache."""
    article = ArticleFactory()
    before = generation()
    pending = CommentFactory(page=article, pending=True)
    pending.moderate(Comment.Status.SPAM)
    pending.delete()
    assert generation() == before


def test_saving_a_draft_does_not_invalidate():
    article = ArticleFactory()
    before = generation()
    article.title = "Work in progress"
    article.save_revision()
    assert generation() == before
