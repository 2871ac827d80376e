"""Which newsdesk object each imported WordPress object became, so re-runs update in place."""

from django.db import models


class WordPressObject(models.Model):
    """One WordPress object of one site and what it was imported as.

    `key` is WordPress's own identifier: the id of a post, page, attachment or comment, the
    nicename of a category or tag, the login of an author (posts refer to terms and authors
    by those). `object_id` is the primary key of the newsdesk object (page, image, comment,
    author, tag); empty for an image left at its remote URL.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author"
        CATEGORY = "category"
        TAG = "tag"
        POST = "post"
        PAGE = "page"
        ATTACHMENT = "attachment"
        COMMENT = "comment"

    site = models.CharField(max_length=255, help_text="The WordPress site's base URL.")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.CharField(max_length=255)
    object_id = models.BigIntegerField(null=True, blank=True)
    guid = models.CharField(max_length=500, blank=True)
    # A category's parent nicename or a comment's parent id: kept for the export.
    parent_key = models.CharField(max_length=255, blank=True)
    url = models.CharField(max_length=500, blank=True, help_text="The original URL.")
    # A comment's `wp:commentmeta` as WordPress wrote it: {key: value}, every value the text
    # of the export (PHP-serialized values included: kept as text, never unserialized).
    meta = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "key"], name="wordpress_one_per_key")
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]
        verbose_name = "WordPress object"

    def __str__(self):
        return f"{self.kind} {self.key} of {self.site}"
