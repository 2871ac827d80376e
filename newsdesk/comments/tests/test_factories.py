import pytest

from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.models import Comment

pytestmark = pytest.mark.django_db


def test_a_reply_is_on_its_parents_article_one_level_down():
    top = CommentFactory()
    reply = CommentFactory(parent=top, pending=True)
    assert top.status == Comment.Status.APPROVED and top.depth == 1
    assert reply.page_id == top.page_id and reply.depth == 2
    assert reply.status == Comment.Status.PENDING
    assert top.author_email != reply.author_email
