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

The first three need only the request (`screen`), so that a flood is turned away before
its body is read. The API screens before it parses its JSON body, then calls
`post_comment(..., screened=True)`. After a comment is stored, both adapters add it to the
browser's cookie of posted comments (commenters.remember_comment).
"""

from collections.abc import Mapping

from newsdesk.articles.models import ArticlePage
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

# Page ids are 32-bit: a larger number is no article, never a database error.
MAX_PAGE_ID = 2**31 - 1
NOT_FOUND = "There is no published article here to comment on."
CLOSED = "Comments are closed."
NOT_ACCEPTED = "Please correct what is marked and send your comment again."


def screen(request) -> Refusal | None:
    """The layers that need only the request: size, origin, rate_ip."""
    try:
        check_request(request)
        check_client(request)
    except Refusal as refusal:
        return refusal
    return None


def post_comment(
    request, page_id: int, data: Mapping, *, screened: bool = False
) -> Comment | Refusal:
    """Run the layers in order: the stored comment, or the first layer's refusal."""
    post = _Post(request, page_id, data)
    try:
        if not screened and (refusal := screen(request)) is not None:
            raise refusal
        return post.run()
    except Refusal as refusal:
        refusal.page, refusal.form = post.page, post.form
        return refusal


class _Post:
    """One post on its way through the layers after `screen`."""

    def __init__(self, request, page_id: int, data: Mapping):
        self.request, self.page_id, self.data = request, page_id, data
        self.page: ArticlePage | None = None
        self.form: CommentForm | None = None

    def run(self) -> Comment:
        self.page = published_article(self.page_id)
        if not self.page.comments_open:
            raise Refusal(403, CLOSED, "closed")
        form = self.form = CommentForm(self.data, page=self.page)
        try:
            _issued, nonce = check_token(self.page, form.posted_token())
        except Refusal:
            form.is_valid()  # the fields' errors are said at once, with the token's
            raise
        form.form_token = form.posted_token()  # still unspent: typing time keeps counting
        if not form.is_valid():
            raise Refusal(400, NOT_ACCEPTED, "form")
        comment = form.save(commit=False)
        try:
            check_after_form(comment, nonce)
        except Refusal as refusal:
            if refusal.layer == "replay":
                form.form_token = None  # spent: the form again gets a fresh one
            raise
        return store(self.request, comment, form.honeypot_value())


def published_article(page_id: int) -> ArticlePage:
    article = None
    if 1 <= page_id <= MAX_PAGE_ID:
        article = ArticlePage.objects.published().filter(pk=page_id).first()
    if article is None:
        raise Refusal(404, NOT_FOUND, "page")
    return article


def store(request, comment: Comment, honeypot: str = "") -> Comment:
    """Save a checked comment with the request's address and agent, scored and moderated."""
    comment.ip_address = client_ip(request)
    comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:255]
    comment.spam_score, comment.spam_reasons = score_comment(comment, honeypot)
    usual = initial_status(comment, posted_ids(request))
    comment.status = status_for_score(comment.spam_score, usual)
    comment.save()
    return comment
