"""What tests need to post comments: a valid form's fields, a token typed long enough ago,
and the cookie of a browser that posted a comment."""

import time

from django.http import HttpResponse
from django.test import RequestFactory

from .commenters import remember_comment
from .tokens import issue_form_token

VALID = {
    "author_name": "Ada Reader",
    "author_email": "ada@reader.example",
    "author_url": "https://ada.example",
    "body": "A thoughtful remark about the story.",
}


def typed_token(article, seconds_ago=60) -> str:
    """The token of a form rendered `seconds_ago` (a person took that long to type)."""
    return issue_form_token(article.pk, now=time.time() - seconds_ago)


def remember_in(client, comment) -> None:
    """Give `client` the cookie a browser gets when it posts `comment` (commenters.py)."""
    request = RequestFactory().get("/")
    request.COOKIES.update({name: morsel.value for name, morsel in client.cookies.items()})
    response = HttpResponse()
    remember_comment(response, request, comment)
    client.cookies.update(response.cookies)
