"""Whether a commenter was approved before is asked on every post: it must use an index, not
read every comment (a full scan took about a second per post at a million comments)."""

import pytest
from django.db import connection, transaction

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.moderation import initial_status

pytestmark = pytest.mark.django_db


def test_a_known_commenter_is_recognised_in_any_case():
    article = ArticleFactory()
    # Both posted from this browser (the ids its cookie names, commenters.py).
    same = {"page": article, "author_name": "Reader"}
    posted = [
        CommentFactory(**same, author_email="Ada@Reader.example").pk,
        CommentFactory(**same, author_email="bob@reader.example", spam=True).pk,
    ]
    newcomer = CommentFactory.build(**same, author_email="ADA@reader.EXAMPLE")
    spammer = CommentFactory.build(**same, author_email="bob@reader.example")
    assert initial_status(newcomer, posted) == Comment.Status.APPROVED
    assert initial_status(spammer, posted) == Comment.Status.PENDING


def test_the_lookup_uses_the_email_index():
    article = ArticleFactory()
    for n in range(30):
        CommentFactory(page=article, author_email=f"reader{n}@example.org")
    query = Comment.objects.approved().by_email("Reader7@example.org")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # With a few rows the planner rightly prefers a scan; ask whether it *can* use it.
            # Without statistics it weighs the indexes by their files' size, which is what
            # earlier tests' rolled-back rows left behind: give it statistics of these rows.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Comment._meta.db_table}")
                cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert "comment_email_status" in plan
    assert query.count() == 1
