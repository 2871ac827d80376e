import re
from typing import Any

from django import forms
from django.conf import settings

from newsdesk.articles.models import ArticlePage
from newsdesk.ui import ui_string

from . import links
from .models import Comment
from .tokens import FIELD_NAME as TOKEN_FIELD

HONEYPOT_FIELD = "homepage"
# Control characters: a name is one line; a comment keeps its line breaks and tabs only.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def comment_text(text: str) -> str:
    """A comment's text as stored: control characters out, trimmed; never empty."""
    body = _CONTROL_IN_TEXT.sub("", text).strip()
    if not body:
        raise forms.ValidationError("Please type your comment.")
    return body


class CommentForm(forms.ModelForm):
    """The "Leave a Reply" form. Replies name their parent in a hidden field."""

    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    author_url = forms.URLField(
        label="Website",
        required=False,
        max_length=links.MAX_LENGTH,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
        error_messages={"invalid": links.INVALID},
    )

    # WordPress's cookie consent: keep the name and website (never the email) in a cookie
    # that only this browser reads back (commenters.remember_commenter, comments/remember.js).
    remember = forms.BooleanField(required=False)

    class Meta:
        model = Comment
        fields = ["author_name", "author_email", "author_url", "body"]
        labels = {
            "author_name": "Name",
            "author_email": "Email",
            "author_url": "Website",
            "body": "Comment",
        }
        help_texts = {"author_email": ""}
        error_messages = {
            "author_name": {"required": "Please enter your name."},
            "author_email": {
                "required": "Please enter your email address.",
                "invalid": "Please enter a valid email address.",
            },
            "body": {"required": "Please type your comment."},
        }
        widgets = {
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 8, "cols": 45}),
        }

    def __init__(self, *args: Any, page: ArticlePage, **kwargs: Any) -> None:
        self.page = page
        # The token to render in the form; None: a fresh one (see context.py).
        self.form_token: str | None = None
        # Why a spam layer refused the post (spam.gate), shown above the fields.
        self.refusal: str | None = None
        super().__init__(*args, **kwargs)
        self.fields["remember"].label = ui_string("remember_commenter")

    def focus_first_error(self) -> bool:
        """Give the first field with an error `autofocus` (the page shown again after a refusal
        then opens with the cursor in it, no script needed). False when no field has one."""
        for name in self.Meta.fields:
            if name in self.errors:
                self.fields[name].widget.attrs["autofocus"] = True
                return True
        return False

    def posted_token(self) -> str:
        return str(self.data.get(TOKEN_FIELD, "")) if self.is_bound else ""

    def honeypot_value(self) -> str:
        return str(self.data.get(HONEYPOT_FIELD, "")) if self.is_bound else ""

    def clean_author_name(self) -> str:
        name = self.cleaned_data["author_name"].strip()
        if not name:
            raise forms.ValidationError("Please enter your name.")
        if _CONTROL.search(name):
            # A line break here could end up in a mail header or a log line.
            raise forms.ValidationError("Please enter your name on one line.")
        return name

    def clean_author_url(self) -> str:
        # After the field's own checks, so that their messages (length, NUL) come first.
        url = self.cleaned_data["author_url"]
        if url:
            links.validate_website(url)
        return url

    def clean_body(self) -> str:
        return comment_text(self.cleaned_data["body"])

    def clean_parent(self) -> Comment | None:
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = Comment.objects.approved().filter(page_id=self.page.pk, pk=parent_id).first()
        if parent is None:
            raise forms.ValidationError("The comment you are replying to is not available.")
        if parent.depth >= settings.NEWSDESK_COMMENT_MAX_DEPTH:
            raise forms.ValidationError("This conversation is nested too deeply for a reply.")
        return parent

    def save(self, commit: bool = True) -> Comment:
        comment = super().save(commit=False)
        comment.page = self.page
        comment.parent = self.cleaned_data.get("parent")
        if commit:
            comment.save()
        return comment
