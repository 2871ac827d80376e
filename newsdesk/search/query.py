"""From what a reader typed to a Wagtail search query.

The reader's text never reaches the full-text engine as syntax: it is cut into words (see
text.words), so FTS5 or tsquery operators, quotes, brackets and stars are only separators,
and each word goes to Wagtail as a PlainText or Phrase query, which the backend quotes.
Words in "double quotes" are searched as a phrase and are not expanded with synonyms; every
other word (or run of words) that is a term of a synonym set is searched as any term of the
set. All the parts must match (AND).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from wagtail.search.query import And, Or, Phrase, PlainText, SearchQuery

from .models import SynonymSet, split_terms
from .text import fold, words

MAX_QUERY_LENGTH = 200
MAX_PARTS = 12
QUOTES = re.compile(r'"([^"]*)"')
QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


def clean_text(raw: str) -> tuple[str, bool]:
    """The query with control characters (NUL included) dropped and space runs collapsed,
    cut to MAX_QUERY_LENGTH; and whether it had to be cut."""
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in raw or "")
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rstrip(), True


@dataclass(frozen=True)
class Part:
    """One thing the results must contain: any of `alternatives`, each a tuple of words."""

    alternatives: tuple[tuple[str, ...], ...]

    def as_query(self) -> SearchQuery:
        queries = [
            PlainText(words[0]) if len(words) == 1 else Phrase(" ".join(words))
            for words in self.alternatives
        ]
        return queries[0] if len(queries) == 1 else Or(queries)

    def as_fts5(self) -> str:
        """The part in SQLite FTS5 query syntax: every word or phrase a quoted string."""
        strings = [fts5_string(" ".join(words)) for words in self.alternatives]
        return strings[0] if len(strings) == 1 else "(" + " OR ".join(strings) + ")"


@dataclass
class ParsedQuery:
    text: str
    truncated: bool = False
    parts: list[Part] = field(default_factory=list)
    dropped_parts: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.parts

    def as_query(self) -> SearchQuery | None:
        queries = [part.as_query() for part in self.parts]
        if not queries:
            return None
        return queries[0] if len(queries) == 1 else And(queries)

    def as_fts5(self, columns: str = "title body") -> str | None:
        """The same query as as_query(), in SQLite FTS5 syntax, limited to the columns."""
        if not self.parts:
            return None
        return f"{{{columns}}} : (" + " AND ".join(part.as_fts5() for part in self.parts) + ")"

    @property
    def terms(self) -> set[tuple[str, ...]]:
        """Every word and phrase searched for, synonyms included: what to highlight."""
        return {alt for part in self.parts for alt in part.alternatives}


class Synonyms:
    """The editors' synonym sets, keyed by their terms' folded words."""

    def __init__(self, term_sets: list[list[str]]):
        self.expansions: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for terms in term_sets:
            variants = [tuple(words(term)) for term in terms]
            variants = [v for v in variants if v]
            for variant in variants:
                expansion = self.expansions.setdefault(key(variant), [])
                for other in variants:
                    if other not in expansion:
                        expansion.append(other)
        self.longest = max((len(k) for k in self.expansions), default=0)

    @classmethod
    def load(cls) -> Synonyms:
        sets = SynonymSet.objects.values_list("terms", flat=True)
        return cls([split_terms(terms) for terms in sets])

    def parts_for(self, run: list[str]) -> list[Part]:
        """Parts for a run of unquoted words, longest synonym terms first."""
        parts, i = [], 0
        while i < len(run):
            for n in range(min(self.longest, len(run) - i), 0, -1):
                expansion = self.expansions.get(key(run[i : i + n]))
                if expansion:
                    parts.append(Part(tuple(expansion)))
                    i += n
                    break
            else:
                parts.append(Part(((run[i],),)))
                i += 1
        return parts


def fts5_string(text: str) -> str:
    """An FTS5 string literal: inside double quotes nothing is an operator ("" is a quote)."""
    return '"' + text.replace('"', '""') + '"'


def key(word_seq: Iterable[str]) -> tuple[str, ...]:
    return tuple(fold(word) for word in word_seq)


def parse(raw: str, synonyms: Synonyms | None = None) -> ParsedQuery:
    text, truncated = clean_text(raw)
    parsed = ParsedQuery(text=text, truncated=truncated)
    synonyms = synonyms or Synonyms([])
    parts: list[Part] = []
    # Balanced "…" are phrases; an unbalanced quote mark is only a separator.
    for i, chunk in enumerate(QUOTES.split(text.translate(QUOTE_MARKS))):
        chunk_words = words(chunk)
        if not chunk_words:
            continue
        if i % 2:  # inside quotes
            parts.append(Part((tuple(chunk_words),)))
        else:
            parts.extend(synonyms.parts_for(chunk_words))
    unique, seen = [], set()
    for part in parts:
        part_key = frozenset(key(alt) for alt in part.alternatives)
        if part_key not in seen:
            seen.add(part_key)
            unique.append(part)
    parsed.parts = unique[:MAX_PARTS]
    parsed.dropped_parts = len(unique) - len(parsed.parts)
    return parsed
