"""Who made an image and on what terms it is used: credit, copyright and licence.

Wagtail's image model has no such fields (and Wagtail declined them in core), so they live
in a row of their own beside each image, edited on the image's own admin form
(image_forms.py). Readers see the credit and licence under the image (the lead image and
images in the body, templates/articles/includes/figcaption.html); search engines read
them in the article's JSON-LD (Google's image licence metadata: creditText,
copyrightNotice, license, acquireLicensePage); feed readers in Media RSS elements.
"""

from __future__ import annotations

from django.db import models
from wagtail.images import get_image_model_string


class ImageCredit(models.Model):
    image = models.OneToOneField(
        get_image_model_string(),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="credit",
    )
    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Shown under the image, as written: “Photo: Ana Ruiz / Harbour Times”.",
    )
    credit_url = models.URLField(
        "credit link", blank=True, help_text="The photographer's or agency's page (optional)."
    )
    copyright_notice = models.CharField(
        max_length=255, blank=True, help_text="For example “© 2026 Ana Ruiz”."
    )
    licence = models.CharField(
        max_length=100,
        blank=True,
        help_text="The licence's name as readers see it, for example “CC BY 4.0”.",
    )
    licence_url = models.URLField(
        "licence link", blank=True, help_text="The licence's text (its URL, for search engines)."
    )
    acquire_licence_url = models.URLField(
        "where to license it",
        blank=True,
        help_text="A page where others can ask to use the image (optional).",
    )

    FIELDS = (
        "credit",
        "credit_url",
        "copyright_notice",
        "licence",
        "licence_url",
        "acquire_licence_url",
    )

    class Meta:
        verbose_name = "image credit"

    def __str__(self) -> str:
        return self.credit or self.copyright_notice or self.licence or "no credit"

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in self.FIELDS)


def credit_of(image) -> ImageCredit | None:
    """The image's credit, or None when it has none (or no image is given)."""
    if image is None:
        return None
    try:
        credit = image.credit
    except ImageCredit.DoesNotExist:
        return None
    return None if credit.is_empty() else credit
