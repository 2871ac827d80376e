"""What tests need to post comments: a valid form's fields, a token typed long enough ago,
the cookie of a browser that posted a comment, and a database that takes no more writes."""

import contextlib
import time
from collections.abc import Iterator

from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from wagtail.models import Page

from .commenters import remember_comment
from .models import Comment
from .tokens import issue_form_token

VALID = {
    "author_name": "Ada Reader",
    "author_email": "ada@reader.example",
    "author_url": "https://ada.example",
    "body": "A thoughtful remark about the story.",
}


def typed_token(article: Page, seconds_ago: float = 60) -> str:
    """The token of a form rendered `seconds_ago` (a person took that long to type)."""
    return issue_form_token(article.pk, now=time.time() - seconds_ago)


def remember_in(client: Client, comment: Comment) -> None:
    """Give `client` the cookie a browser gets when it posts `comment` (commenters.py)."""
    request = RequestFactory().get("/")
    request.COOKIES.update({name: morsel.value for name, morsel in client.cookies.items()})
    response = HttpResponse()
    remember_comment(response, request, comment)
    client.cookies.update(response.cookies)


@contextlib.contextmanager
def database_full() -> Iterator[None]:
    """A database that refuses to grow, for real: on SQLite, `max_page_count` set to the
    current size ("database or disk is full" once an insert needs a new page); on
    PostgreSQL, the transaction made read-only (inside a savepoint, so that leaving the
    block undoes it)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA max_page_count")
            (limit,) = cursor.fetchone()
            cursor.execute("PRAGMA page_count")
            cursor.execute(f"PRAGMA max_page_count = {cursor.fetchone()[0]}")
            try:
                yield
            finally:
                cursor.execute(f"PRAGMA max_page_count = {limit}")
            return
        with transaction.atomic():
            cursor.execute("SET transaction_read_only = on")
            yield
            transaction.set_rollback(True)
