"""Synonym sets that editors keep, so that one spelling of a name finds the others."""

from __future__ import annotations

import re

from django.contrib.admin import display
from django.core.exceptions import ValidationError
from django.db import models

from .text import words

TERM_SEPARATORS = re.compile(r"[\n\r,;]+")


def split_terms(text: str) -> list[str]:
    """The terms of a set as written, one per line or separated by commas; repeats dropped."""
    terms, seen = [], set()
    for term in TERM_SEPARATORS.split(text or ""):
        term = " ".join(term.split())
        key = " ".join(words(term)).casefold()
        if key and key not in seen:
            seen.add(key)
            terms.append(term)
    return terms


class SynonymSet(models.Model):
    """Terms that mean the same thing to a reader: searching for any of them finds all."""

    name = models.CharField(
        max_length=255, help_text="What the set is about, for editors: e.g. “Kyiv”."
    )
    terms = models.TextField(
        help_text=(
            "One term per line, or separated by commas: e.g. “Kyiv, Kiev, Київ”. A search for"
            " any of them also finds articles that use the others. A term may be several words"
            " (“New York City”)."
        )
    )

    panels = ["name", "terms"]

    class Meta:
        ordering = ["name"]
        verbose_name = "synonym set"

    def __str__(self) -> str:
        return self.name

    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self) -> None:
        if len(self.term_list()) < 2:
            raise ValidationError(
                {"terms": "Give at least two terms, one per line or separated by commas."}
            )

    @display(description="Terms")
    def terms_display(self) -> str:
        return ", ".join(self.term_list())
