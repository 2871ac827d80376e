"""Reader comments, threaded, with a moderation status."""

from collections.abc import Iterable
from typing import Any, Self

from django.conf import settings
from django.contrib.admin import display as admin_display
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from . import links


class CommentQuerySet(models.QuerySet["Comment"]):
    def approved(self) -> Self:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> Self:
        return self.filter(status=Comment.Status.PENDING)

    def approved_counts(self, page_ids: Iterable[int]) -> dict[int, int]:
        """{page id: approved comments} for the given pages, in one query (pages without
        any are left out)."""
        return dict(
            self.approved()
            .filter(page_id__in=list(page_ids))
            .values("page_id")
            .annotate(count=models.Count("pk"))
            .values_list("page_id", "count")
            .order_by()
        )

    def by_email(self, email: str) -> Self:
        """Comments under `email`, any case; uses the lower(author_email) index."""
        return self.alias(email_lower=Lower("author_email")).filter(email_lower=email.lower())

    def public_fields(self) -> Self:
        """Only what a reader may see: never the email, IP or user agent."""
        return self.only(
            "id",
            "page_id",
            "parent_id",
            "depth",
            "author_name",
            "author_url",
            "body",
            "body_html",
            "created_at",
            "status",
            "kind",
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        PINGBACK = "pingback", "Pingback"
        TRACKBACK = "trackback", "Trackback"

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # 1 for a top-level comment, parent's depth + 1 for a reply.
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    author_name = models.CharField("name", max_length=100)
    author_email = models.EmailField("email", max_length=254, help_text="Private, never shown.")
    author_url = models.URLField(
        "website", max_length=links.MAX_LENGTH, blank=True, validators=[links.validate_website]
    )
    body = models.TextField("comment", max_length=10000)
    # Only for comments imported with markup (newsdesk.wordpress): the same comment as HTML
    # cleaned to WordPress's comment allow-list (comments/text.py), shown instead of `body`.
    # `body` stays its plain text for everything else (feeds, API, spam checks, search).
    body_html = models.TextField(blank=True, editable=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Erased after NEWSDESK_COMMENT_IP_RETENTION_DAYS (`newsdesk erase_comment_ips`).
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    # What the spam layers found (newsdesk.comments.spam), shown to moderators.
    spam_score = models.SmallIntegerField(default=0, editable=False)
    spam_reasons = models.JSONField(default=list, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    # Not a field: the status stored before the save under way, which newsdesk.delivery's
    # pre_save handler sets so that its post_save handler sees an approval being undone.
    _status_before_save: str | None

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["page", "status", "created_at"]),
            # "Has this commenter been approved before?" is asked on every post.
            models.Index(Lower("author_email"), "status", name="comment_email_status"),
        ]

    def __str__(self) -> str:
        return f"{self.author_name} on {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.depth = self.parent.depth + 1 if self.parent is not None else 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.page.url}#comment-{self.pk}"

    @property
    def website(self) -> str:
        """The address to link the name to: the stored one only if it is safe (links.py)."""
        return links.safe_url(self.author_url)

    def moderate(self, status: str, user: User | AnonymousUser | None = None) -> None:
        previous = self.status
        self.status = status
        self.moderated_at = timezone.now()
        self.moderated_by = user if user is not None and user.is_authenticated else None
        self.save(update_fields=["status", "moderated_at", "moderated_by"])
        if self.moderated_by is not None and status in SpamDecision.DECISION_OF_STATUS:
            SpamDecision.record(self, previous)

    @admin_display(description="spam check")
    def spam_check(self) -> str:
        """What the spam layers found, for moderators."""
        return " ".join(self.spam_reasons or []) or "Nothing suspicious found."

    def spam_features(self) -> dict[str, object]:
        """What a learning filter may learn from: the text, never the full email or IP."""
        return {
            "author_name": self.author_name,
            "author_url": self.author_url,
            "email_domain": self.author_email.rpartition("@")[2].lower(),
            "body": self.body,
            "user_agent": self.user_agent,
            "is_reply": self.parent_id is not None,
            "spam_score": self.spam_score,
            "spam_reasons": list(self.spam_reasons or []),
        }


class SpamDecision(models.Model):
    """A moderator's verdict on a comment (spam, or ham when approved) with the comment's
    features at that moment: the training data for a future learning filter."""

    class Decision(models.TextChoices):
        SPAM = "spam", "Spam"
        HAM = "ham", "Not spam"

    # Keyed by plain strings too: a status read back from the database is a str.
    DECISION_OF_STATUS: dict[str, str] = {
        Comment.Status.SPAM: Decision.SPAM,
        Comment.Status.APPROVED: Decision.HAM,
    }

    comment = models.ForeignKey(
        Comment, null=True, on_delete=models.SET_NULL, related_name="spam_decisions"
    )
    decision = models.CharField(max_length=4, choices=Decision.choices)
    previous_status = models.CharField(max_length=10, blank=True)
    features = models.JSONField(default=dict)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.decided_at:%Y-%m-%d})"

    @classmethod
    def record(cls, comment: Comment, previous_status: str) -> "SpamDecision":
        return cls.objects.create(
            comment=comment,
            decision=cls.DECISION_OF_STATUS[comment.status],
            previous_status=previous_status,
            features=comment.spam_features(),
            decided_by=comment.moderated_by,
            decided_at=comment.moderated_at,
        )


@register_setting(icon="comment")
class CommentWordLists(BaseGenericSetting):
    """Editor-kept word lists, as WordPress has: a comment containing a moderation word is
    held for a moderator, one containing a disallowed word goes straight to spam. One entry
    per line; matched case-insensitively inside the name, email, website and comment."""

    # Annotated: the Wagtail base class hides the model from django-stubs' plugin.
    moderation_words: "models.TextField[str, str]" = models.TextField(
        blank=True,
        help_text="One word, phrase or IP address per line. Matching comments are held.",
    )
    disallowed_words: "models.TextField[str, str]" = models.TextField(
        blank=True,
        help_text="One word, phrase or IP address per line. Matching comments are marked spam.",
    )

    class Meta:
        verbose_name = "comment word lists"

    @staticmethod
    def entries(text: str) -> list[str]:
        return [line.strip().lower() for line in text.splitlines() if line.strip()]
