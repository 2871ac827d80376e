"""The article page's "Leave a Reply" form: an adapter over newsdesk.comments.posting."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import posting
from .commenters import remember_comment, remember_commenter
from .forms import CommentForm
from .models import Comment
from .moderation import pending_preview_token
from .spam import Refusal

# Layers that refuse before anything typed is worth showing back: a body too large to
# read, or one that another site's page sent.
_NOT_SHOWN_BACK = {"size", "origin"}


# No CSRF cookie: the article page may come from a shared cache. The origin check and the
# signed single-use form token (spam.gate, tokens.py) stand in for it.
@csrf_exempt
@require_POST
def post_comment(request: HttpRequest, page_id: int) -> HttpResponse:
    """Store a comment, or show the article again with the message and what was typed."""
    result = posting.post_comment(request, page_id, request.POST)
    if isinstance(result, Refusal):
        return _refused(request, result)
    response = HttpResponseRedirect(_where_to_see(result), status=303)
    remember_comment(response, request, result)
    remember_commenter(response, request, result, consent=_consented(request))
    return response


def _consented(request: HttpRequest) -> bool:
    # The form's own reading of its checkbox ("remember" in CommentForm).
    return bool(CommentForm.base_fields["remember"].clean(request.POST.get("remember")))


def _refused(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    form = refusal.form
    if form is None:
        # Refused before the form was read: a short page with the message.
        typed = "" if refusal.layer in _NOT_SHOWN_BACK else request.POST.get("body", "")
        context = {"message": refusal.message, "page": refusal.page, "typed": typed}
        return render(request, "comments/refused.html", context, status=refusal.status)
    form.refusal = refusal.message
    response = form.page.serve(request, comment_form=form)
    response.status_code = refusal.status
    return response


def _where_to_see(comment: Comment) -> str:
    anchor = f"#comment-{comment.pk}"
    if comment.status == Comment.Status.APPROVED:
        return comment.page.url + anchor
    # Pending (or spam, which is not announced): shown to its author only.
    preview = f"?unapproved={comment.pk}&moderation-hash={pending_preview_token(comment)}"
    return comment.page.url + preview + anchor
