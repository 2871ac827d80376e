import functools

from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from newsdesk.outages import outage
from newsdesk.security.clients import client_ip

from .forms import CommentForm
from .models import Comment
from .moderation import initial_status, pending_preview_token
from .spam import (
    Refusal,
    check_after_form,
    check_client,
    check_request,
    check_token,
    score_comment,
    status_for_score,
)


def store_comment(request, form: CommentForm, honeypot: str = "") -> Comment:
    """Save a valid form's comment with the request's address and agent, scored and
    moderated. (The HTML form and the comments API both post through here.)"""
    comment = form.save(commit=False)
    comment.ip_address = client_ip(request)
    comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:255]
    comment.spam_score, comment.spam_reasons = score_comment(comment, honeypot)
    comment.status = status_for_score(comment.spam_score, initial_status(comment))
    comment.save()
    return comment


def _form_again(request, page, form: CommentForm, status: int, message: str | None = None):
    """The article again, with the errors and everything that was typed."""
    form.refusal = message
    response = page.serve(request, comment_form=form)
    response.status_code = status
    return response


UNAVAILABLE = "Your comment cannot be saved at the moment. Please try again later."


def kept_when_the_database_refuses(view):
    """A database that cannot write (read-only, gone) answers the article again with what
    was typed and a message, never a bare 500; the log says it once (newsdesk.outages)."""

    @functools.wraps(view)
    def posting(request, page_id: int):
        try:
            return view(request, page_id)
        except DatabaseError as error:
            outage("the database (comments)").failed(error)
        page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
        form = CommentForm(request.POST, page=page)
        form.is_valid()
        return _form_again(request, page, form, 503, UNAVAILABLE)

    return posting


# No CSRF cookie: the article page may come from a shared cache. The origin check and the
# signed single-use form token (spam.gate, tokens.py) stand in for it.
@csrf_exempt
@require_POST
@kept_when_the_database_refuses
def post_comment(request, page_id: int):
    """Store a comment, or show the article again with the errors and what was typed."""
    try:
        # First what is cheap to judge, so that a flood is turned away cheaply.
        check_request(request)
        check_client(request)
    except Refusal as refusal:
        context = {"message": refusal.message, "page": None}
        return render(request, "comments/refused.html", context, status=refusal.status)
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    if not getattr(page, "comments_open", False):
        return render(request, "comments/closed.html", {"page": page}, status=403)
    form = CommentForm(request.POST, page=page)
    try:
        nonce = check_token(page, form.posted_token())
    except Refusal as refusal:
        form.is_valid()  # the field errors too, with the token's message
        return _form_again(request, page, form, refusal.status, refusal.message)
    form.form_token = form.posted_token()  # still unspent: typing time keeps counting
    if not form.is_valid():
        return _form_again(request, page, form, 400)
    try:
        check_after_form(form.save(commit=False), nonce)
    except Refusal as refusal:
        if refusal.layer == "replay":
            form.form_token = None
        return _form_again(request, page, form, refusal.status, refusal.message)
    comment = store_comment(request, form, form.honeypot_value())
    if comment.status == Comment.Status.APPROVED:
        return HttpResponseRedirect(f"{page.url}#comment-{comment.pk}", status=303)
    token = pending_preview_token(comment)
    return HttpResponseRedirect(
        f"{page.url}?unapproved={comment.pk}&moderation-hash={token}#comment-{comment.pk}",
        status=303,
    )
