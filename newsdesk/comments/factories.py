"""Test data factories for comments (used by every app's tests)."""

import factory

from newsdesk.articles.factories import ArticleFactory

from .models import Comment


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved comment on a new article, or on `parent`'s article when it is a reply.

    Approved by default (unlike the model) because most tests need comments readers see;
    `CommentFactory(pending=True)` (or `spam=True`, `trash=True`) for the others.
    """

    page = factory.Maybe(
        "parent",
        yes_declaration=factory.SelfAttribute("parent.page"),
        no_declaration=factory.SubFactory(ArticleFactory),
    )
    parent = None
    author_name = factory.Sequence(lambda n: f"Commenter {n}")
    author_email = factory.Sequence(lambda n: f"commenter{n}@readers.example")
    body = factory.Sequence(lambda n: f"Comment number {n}.")
    status = Comment.Status.APPROVED

    class Meta:
        model = Comment

    class Params:
        pending = factory.Trait(status=Comment.Status.PENDING)
        spam = factory.Trait(status=Comment.Status.SPAM)
        trash = factory.Trait(status=Comment.Status.TRASH)
