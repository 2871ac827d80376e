"""A moderator replies to a comment from the admin (the listing's "Reply" button): a form
with the comment quoted; the reply is published at once through comments.posting."""

from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets.button import ListingButton

from newsdesk.comments.forms import comment_text
from newsdesk.comments.models import Comment
from newsdesk.comments.posting import post_moderator_reply

from .moderation import listing_url, url_name
from .permissions import can_moderate, forbidden

REPLIABLE = (Comment.Status.APPROVED, Comment.Status.PENDING)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Published at once under your name; your email address is never shown."),
    )

    def clean_body(self) -> str:
        return comment_text(self.cleaned_data["body"])


def reply_url(comment: Comment) -> str:
    return reverse(url_name("reply"), args=[comment.pk])


def may_reply_to(comment: Comment) -> bool:
    return comment.status in REPLIABLE and comment.depth < settings.NEWSDESK_COMMENT_MAX_DEPTH


def reply(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_moderate(request.user):
        return forbidden(request)
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=pk)
    back = get_valid_next_url_from_request(request) or listing_url()
    if not may_reply_to(comment):
        messages.error(
            request,
            _("Only an approved or pending comment that is not nested too deeply takes a reply."),
        )
        return redirect(back)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        moderator = cast(User, request.user)  # signed in: can_moderate() said so
        answer = post_moderator_reply(comment, moderator, form.cleaned_data["body"])
        messages.success(
            request,
            _("Reply to '%(name)s' published.") % {"name": comment.author_name},
            buttons=[messages.button(answer.get_absolute_url(), _("View on the site"))],
        )
        return redirect(back)
    return TemplateResponse(
        request,
        "comments/admin/reply.html",
        {"comment": comment, "form": form, "next": back, "approves": comment.status == "pending"},
    )


def reply_buttons(comment: Comment, user: User | AnonymousUser) -> list[ListingButton]:
    """The listing's "Reply" link (a page with a form, so a plain link, not a POST)."""
    if not (can_moderate(user) and may_reply_to(comment)):
        return []
    return [
        ListingButton(
            _("Reply"),
            url=reply_url(comment),
            icon_name="comment",
            priority=9,
            attrs={"aria-label": f"{_('Reply')}: {comment}"},
        )
    ]
