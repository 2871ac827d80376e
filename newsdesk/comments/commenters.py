"""Which comments this browser posted: a signed cookie, the proof of a returning commenter.

Like WordPress, newsdesk approves at once a commenter who had a comment approved under the
same name and email. Names are public and an email is easily guessed, so here the commenter
must also show that they are the one who posted it: the browser that posts a comment gets a
cookie naming it, and a comment is only "known" through a comment named there
(moderation.initial_status).

    ids = posted_ids(request)                  # [] without the cookie, or if altered
    remember_comment(response, request, comment)

The cookie lists the ids of the last MAX_REMEMBERED comments, signed with the site's secret
(Django's signed cookies: an altered one reads as none), HttpOnly, SameSite=Lax and, with
the production settings, Secure (NEWSDESK_COMMENTER_COOKIE_SECURE). It is set only on the
answer to a post; pages never read it, and the hot path (newsdesk.delivery) passes only the
session cookie to Django, so a commenter is still served cached pages.
"""

import json
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from .models import Comment

COOKIE_NAME = "newsdesk_commenter"
MAX_REMEMBERED = 20
MAX_AGE = 365 * 24 * 3600
_SALT = "newsdesk.comments.commenter"


def posted_ids(request: HttpRequest) -> list[int]:
    """The ids of the comments this browser posted, as its valid cookie names them."""
    value = request.get_signed_cookie(COOKIE_NAME, default="", salt=_SALT, max_age=MAX_AGE) or ""
    parts = value.split(".")[-MAX_REMEMBERED:]
    return [int(part) for part in parts if part.isascii() and part.isdigit() and len(part) < 19]


def remember_comment(response: HttpResponseBase, request: HttpRequest, comment: Comment) -> None:
    """Add `comment` to the cookie on `response`, keeping the last MAX_REMEMBERED ids."""
    ids = [pk for pk in posted_ids(request) if pk != comment.pk] + [comment.pk]
    response.set_signed_cookie(
        COOKIE_NAME,
        ".".join(str(pk) for pk in ids[-MAX_REMEMBERED:]),
        salt=_SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.NEWSDESK_COMMENTER_COOKIE_SECURE,
    )


# The name and website a commenter asked to have remembered ("Save my name and website",
# as WordPress's cookie consent checkbox): read by this browser's script only
# (comments/static/comments/remember.js), so it is not HttpOnly; never the email, and never
# read by Django, so no page rendered for everyone carries it.
AUTHOR_COOKIE_NAME = "newsdesk_comment_author"


def remember_commenter(
    response: HttpResponseBase, request: HttpRequest, comment: Comment, consent: bool
) -> None:
    """Keep `comment`'s name and website in the browser when the commenter consented, or
    forget them when they did not (unticking the box clears what an earlier post saved)."""
    if not consent:
        if AUTHOR_COOKIE_NAME in request.COOKIES:
            response.delete_cookie(AUTHOR_COOKIE_NAME, samesite="Lax")
        return
    value = json.dumps({"name": comment.author_name, "url": comment.author_url})
    response.set_cookie(
        AUTHOR_COOKIE_NAME,
        quote(value, safe=""),  # %-escaped: any name fits a cookie, decodeURIComponent reads it
        max_age=MAX_AGE,
        samesite="Lax",
        secure=settings.NEWSDESK_COMMENTER_COOKIE_SECURE,
    )
