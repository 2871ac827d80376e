"""What tests need to post comments: a valid form's fields and a token typed long enough ago."""

import time

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
