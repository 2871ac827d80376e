from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .forms import CommentForm
from .models import Comment
from .moderation import initial_status, pending_preview_token


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def store_comment(request, form: CommentForm) -> Comment:
    """Save a valid form's comment with the request's address and agent, moderated.
    (The HTML form and the comments API both post through here.)"""
    comment = form.save(commit=False)
    comment.ip_address = client_ip(request)
    comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:255]
    comment.status = initial_status(comment)
    comment.save()
    return comment


@require_POST
def post_comment(request, page_id: int):
    """Store a comment, or show the article again with the errors and what was typed."""
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    if not getattr(page, "comments_open", False):
        return render(request, "comments/closed.html", {"page": page}, status=403)
    form = CommentForm(request.POST, page=page)
    if not form.is_valid():
        response = page.serve(request, comment_form=form)
        response.status_code = 400
        return response
    comment = store_comment(request, form)
    if comment.status == Comment.Status.APPROVED:
        return HttpResponseRedirect(f"{page.url}#comment-{comment.pk}", status=303)
    token = pending_preview_token(comment)
    return HttpResponseRedirect(
        f"{page.url}?unapproved={comment.pk}&moderation-hash={token}#comment-{comment.pk}",
        status=303,
    )
