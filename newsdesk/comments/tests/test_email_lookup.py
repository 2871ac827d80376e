"""Whether a commenter was approved before is asked on every post: it must use an index, not
read every comment (a full scan took about a second per post at a million comments)."""

import pytest
from django.db import connection, transaction

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.models import Comment
from newsdesk.comments.moderation import initial_status

pytestmark = pytest.mark.django_db


def comment(article, email, status=Comment.Status.APPROVED):
    return Comment.objects.create(
        page=article, author_name="Reader", author_email=email, body="Hello.", status=status
    )


def test_a_known_commenter_is_recognised_in_any_case():
    article = ArticleFactory()
    # Both posted from this browser (the ids its cookie names, commenters.py).
    posted = [
        comment(article, "Ada@Reader.example").pk,
        comment(article, "bob@reader.example", status=Comment.Status.SPAM).pk,
    ]
    newcomer = Comment(
        page=article, author_name="Reader", author_email="ADA@reader.EXAMPLE", body="Again."
    )
    spammer = Comment(
        page=article, author_name="Reader", author_email="bob@reader.example", body="Again."
    )
    assert initial_status(newcomer, posted) == Comment.Status.APPROVED
    assert initial_status(spammer, posted) == Comment.Status.PENDING


def test_the_lookup_uses_the_email_index():
    article = ArticleFactory()
    for n in range(30):
        comment(article, f"reader{n}@example.org")
    query = Comment.objects.approved().by_email("Reader7@example.org")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # With a few rows the planner rightly prefers a scan; ask whether it *can* use it.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert "comment_email_status" in plan
    assert query.count() == 1
