"""Posting a comment: the one service behind the article page's form and the comments API.

    result = post_comment(request, page_id, data)
    if isinstance(result, Refusal):   # .status, .message, .layer, .field, .form, .page
        ...                           # the form shows the article again, the API its error
    else:
        ...                           # the stored Comment

`data` holds the form's fields and `form_token` (the API maps its own names onto them).
The layers run in this order; the first that refuses decides the answer, and nothing is
stored. Each message is the layer's own, so the form and the API say the same thing:

    layer        status  refused when
    size         413     the request is larger than NEWSDESK_COMMENT_MAX_REQUEST_BYTES
    origin       403     another site's page sent it (newsdesk.security.origin)
    rate_ip      429     this client sent too many posts lately (every post counts)
    page         404     no published article has this id
    closed       403     the article takes no comments
    token        400     the form token is missing, forged, too fresh, expired or for
                         another article (field `form_token`; the fields' errors with it)
    form         400     a field is not valid (the form's messages, per field)
    rate_email   429     too many comments with this email lately
    duplicate    400     the commenter said the same on this article before
    replay       400     the form token was used before (field `form_token`)
    store                the comment is scored, moderated (approved at once only for a
                         known commenter: moderation.initial_status) and saved
                 503     the database took no write: the comment, or a layer's marks
                         (UNSAVED; the form keeps what was typed and a usable token)

The first three need only the request (`screen`), so that a flood is turned away before
its body is read. The API screens before it parses its JSON body, then calls
`post_comment(..., screened=True)`. After a comment is stored, both adapters add it to the
browser's cookie of posted comments (commenters.remember_comment).

Each write runs in a savepoint of its own, so that a database error (a full disk, a
read-only replica) leaves the connection usable for showing the article again; the log says
once that storing fails, and once that it works again (newsdesk.outages).
"""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import DatabaseError, transaction
from django.http import HttpRequest
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.outages import outage
from newsdesk.pages.models import StandardPage
from newsdesk.security.clients import client_ip

from .commenters import posted_ids
from .forms import CommentForm
from .models import Comment
from .moderation import initial_status
from .spam import (
    Refusal,
    check_after_form,
    check_client,
    check_request,
    check_token,
    score_comment,
    status_for_score,
)
from .tokens import issue_form_token

# Page ids are 32-bit: a larger number is no article, never a database error.
MAX_PAGE_ID = 2**31 - 1
NOT_FOUND = "There is no published article here to comment on."
CLOSED = "Comments are closed."
NOT_ACCEPTED = "Please correct what is marked and send your comment again."
UNSAVED = (
    "Your comment could not be saved just now. Nothing you typed is lost: "
    "please send it again in a moment."
)
# Logged once when storing starts failing, once when it works again; posts get UNSAVED.
storage_outage = outage("The database (for storing comments)")
T = TypeVar("T")


def screen(request: HttpRequest) -> Refusal | None:
    """The layers that need only the request: size, origin, rate_ip."""
    try:
        check_request(request)
        in_savepoint(check_client, request)
    except Refusal as refusal:
        return refusal
    except DatabaseError as error:
        return unsaved(error)
    return None


def post_comment(
    request: HttpRequest, page_id: int, data: Mapping[str, Any], *, screened: bool = False
) -> Comment | Refusal:
    """Run the layers in order: the stored comment, or the first layer's refusal."""
    post = _Post(request, page_id, data)
    try:
        if not screened and (refusal := screen(request)) is not None:
            raise refusal
        comment = post.run()
    except Refusal as refusal:
        return post.refused(refusal)
    except DatabaseError as error:
        return post.refused(unsaved(error))
    storage_outage.succeeded()
    return comment


def in_savepoint(check: Callable[..., T], *args: object) -> T:
    """Run a layer that writes in a savepoint: a database error then undoes only its own
    writes, while a refusal keeps them (a refused post still counts)."""
    refusal = None
    with transaction.atomic():
        try:
            return check(*args)
        except Refusal as caught:
            refusal = caught
    raise refusal


def unsaved(error: DatabaseError) -> Refusal:
    # The first line of the message only: a database's detail lines may quote the values.
    first_line = (str(error).splitlines() or [""])[0]
    storage_outage.failed(type(error)(first_line))
    return Refusal(503, UNSAVED, "store")


class _Post:
    """One post on its way through the layers after `screen`."""

    def __init__(self, request: HttpRequest, page_id: int, data: Mapping[str, Any]) -> None:
        self.request, self.page_id, self.data = request, page_id, data
        self.page: ArticlePage | StandardPage | None = None
        self.form: CommentForm | None = None
        self.issued: int | None = None  # when the form token was issued, once checked
        self.spent = False  # whether its nonce is spent

    def run(self) -> Comment:
        self.page = published_article(self.page_id)
        if not self.page.comments_open:
            raise Refusal(403, CLOSED, "closed")
        form = self.form = CommentForm(self.data, page=self.page)
        try:
            self.issued, nonce = check_token(self.page, form.posted_token())
        except Refusal:
            form.is_valid()  # the fields' errors are said at once, with the token's
            raise
        form.form_token = form.posted_token()  # still unspent: typing time keeps counting
        if not form.is_valid():
            raise Refusal(400, NOT_ACCEPTED, "form")
        comment = form.save(commit=False)
        try:
            in_savepoint(check_after_form, comment, nonce)
        except Refusal as refusal:
            if refusal.layer == "replay":
                form.form_token = None  # spent: the form again gets a fresh one
            raise
        self.spent = True
        with transaction.atomic():
            return store(self.request, comment, form.honeypot_value())

    def refused(self, refusal: Refusal) -> Refusal:
        if refusal.status == 503:
            self._keep_for_sending_again()
        refusal.page, refusal.form = self.page, self.form
        return refusal

    def _keep_for_sending_again(self) -> None:
        """After a database error: the form with what was typed, and a token that works."""
        if self.form is None:
            try:
                self.page = published_article(self.page_id)
            except (Refusal, DatabaseError):
                return  # no article to show again: the adapter says so on its own
            if self.page.comments_open:
                self.form = CommentForm(self.data, page=self.page)
        if self.form is None:
            return
        if self.spent:
            # A new nonce, issued when the spent one was: the typing time still counts.
            self.form.form_token = issue_form_token(self.form.page.pk, now=self.issued)
        else:
            self.form.form_token = self.form.posted_token()


def published_article(page_id: int) -> ArticlePage | StandardPage:
    """The published article or plain page (WordPress pages have comments too) of the id."""
    article = None
    if 1 <= page_id <= MAX_PAGE_ID:
        article = ArticlePage.objects.published().filter(pk=page_id).first()
        if article is None:
            article = StandardPage.objects.published().filter(pk=page_id).first()
    if article is None:
        raise Refusal(404, NOT_FOUND, "page")
    return article


def store(request: HttpRequest, comment: Comment, honeypot: str = "") -> Comment:
    """Save a checked comment with the request's address and agent, scored and moderated."""
    comment.ip_address = client_ip(request)
    comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:255]
    comment.spam_score, comment.spam_reasons = score_comment(comment, honeypot)
    usual = initial_status(comment, posted_ids(request))
    comment.status = status_for_score(comment.spam_score, usual)
    comment.save()
    return comment


def post_moderator_reply(parent: Comment, user: User, body: str) -> Comment:
    """A moderator's reply from the admin, published at once under the moderator's name. The
    reader's layers (token, typing time, limits, spam score) are for anonymous posts: the
    moderator is signed in and may change any comment anyway. Replying to a pending comment
    approves it (WordPress's "Approve and Reply"): a reply under a hidden comment would hang
    in the air."""
    with transaction.atomic():
        if parent.status == Comment.Status.PENDING:
            parent.moderate(Comment.Status.APPROVED, user)
        reply = Comment(
            page=parent.page,
            parent=parent,
            author_name=(user.get_full_name() or user.get_username())[:100],
            author_email=user.email,
            body=body,
            status=Comment.Status.APPROVED,
            moderated_at=timezone.now(),
            moderated_by=user,
        )
        reply.save()
    return reply
