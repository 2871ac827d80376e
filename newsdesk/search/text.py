"""Words in text, the way the full-text indexes see them, and highlighting them safely.

Both SQLite's FTS5 (tokenizer unicode61) and PostgreSQL's parser cut text at spaces and
punctuation, so a word here is a run of letters, digits and combining marks (Unicode
categories L, N and M): quotes, operators, brackets, emoji and control characters are never
part of one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Terms at least this long also mark longer words that start with them ("election" marks
# "elections", as PostgreSQL's stemming finds them); shorter ones mark whole words only.
PREFIX_MATCH_MIN_LENGTH = 4
SNIPPET_LENGTH = 240
SNIPPET_LEAD = 70  # characters of context shown before the first hit


def is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each word in the text."""
    start = None
    for i, char in enumerate(text):
        if is_word_char(char):
            if start is None:
                start = i
        elif start is not None:
            yield start, i
            start = None
    if start is not None:
        yield start, len(text)


def words(text: str) -> list[str]:
    return [text[start:end] for start, end in word_spans(text)]


@lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """A word compared without case or accents: "Zürich" and "zurich" fold alike."""
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped.casefold())


# Not letters or digits: what separates the words of a phrase ([^\W_] is exactly Unicode's
# letters and digits, categories L and N).
_SEPARATOR = r"[\W_]+"
_WORD_START = r"(?<![^\W_])"
_WORD_END = r"(?![^\W_])"
# Conjoining Hangul jamo compose with their neighbours when a word is folded (NFC).
_JAMO = ((0x1100, 0x11FF), (0xA960, 0xA97F), (0xD7B0, 0xD7FF))
_FOLDED_CHARS: dict[int, str | None] = {}


def _folded_char(code: int) -> str | None:
    """What the character becomes in fold_in_place(), or None if it cannot stay one
    character there. Characters outside words (spaces, punctuation, "…") stay as they are:
    only words are folded."""
    if code not in _FOLDED_CHARS:
        char = chr(code)
        kind = unicodedata.category(char)[0]
        if kind not in "LNM":
            _FOLDED_CHARS[code] = char
        else:
            folded = fold(char)
            alone = (
                len(folded) == 1
                and kind != "M"
                and unicodedata.category(folded)[0] in "LN"
                and not any(low <= code <= high for low, high in _JAMO)
            )
            _FOLDED_CHARS[code] = folded if alone else None
    return _FOLDED_CHARS[code]


def fold_in_place(text: str) -> str | None:
    """The text folded character by character, with every character where it was, so that
    a match in it is a match at the same place in the text; None if a letter of the text
    folds to none or to several (combining marks, "ß"), where words must be folded whole."""
    table: dict[int, str] = {}
    for code in map(ord, set(text)):
        folded = _folded_char(code)
        if folded is None:
            return None
        table[code] = folded
    return text.translate(table)


class Highlighter:
    """Marks the words of a text that match the search terms, escaping everything else.

    A term is a word or a phrase (a sequence of words). A phrase is marked only where its
    words follow one another, as one mark: a synonym "the Oll" marks "the Oll", not every
    "the".
    """

    def __init__(self, terms: Iterable[str | Sequence[str]]):
        sequences = {
            tuple(fold(word) for word in ((term,) if isinstance(term, str) else term))
            for term in terms
        }
        sequences = {seq for seq in sequences if seq and all(seq)}
        # Longest phrases first, so that "New York City" wins over "New York".
        self.phrases = sorted((s for s in sequences if len(s) > 1), key=len, reverse=True)
        words = {seq[0] for seq in sequences if len(seq) == 1}
        self.prefixes = tuple(w for w in words if len(w) >= PREFIX_MATCH_MIN_LENGTH)
        self.exact = frozenset(w for w in words if len(w) < PREFIX_MATCH_MIN_LENGTH)
        self.pattern = self.folded_pattern()

    def folded_pattern(self) -> re.Pattern[str] | None:
        """The terms as one regular expression over folded text, tried in the order hits()
        tries them at each word: phrases (longest first), then words. None without terms."""
        choices = [_SEPARATOR.join(map(re.escape, phrase)) + _WORD_END for phrase in self.phrases]
        choices += [re.escape(word) + _WORD_END for word in sorted(self.exact)]
        choices += [re.escape(word) + r"[^\W_]*" for word in sorted(self.prefixes)]
        if not choices:
            return None
        return re.compile(_WORD_START + "(?:" + "|".join(choices) + ")")

    @staticmethod
    def phrase_at(folded: list[str], i: int, phrase: tuple[str, ...]) -> bool:
        """Whether the words from i on are the phrase, word for word."""
        return tuple(folded[i : i + len(phrase)]) == phrase

    def hits(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each hit in the text, left to right."""
        if self.pattern is None:
            return iter(())
        folded = fold_in_place(text)
        if folded is not None:  # most text: one regular expression, no Python per word
            return (match.span() for match in self.pattern.finditer(folded))
        return self.word_by_word_hits(text)

    def word_by_word_hits(self, text: str) -> Iterator[tuple[int, int]]:
        # Words are cut and folded only as far as the hits are read: a snippet needs the
        # first hit of a whole article body, usually within its first sentences.
        reader = word_spans(text)
        spans: list[tuple[int, int]] = []
        folded: list[str] = []

        def read_up_to(count: int) -> None:
            for span in reader:
                spans.append(span)
                folded.append(fold(text[span[0] : span[1]]))
                if len(spans) >= count:
                    return

        longest = len(self.phrases[0]) if self.phrases else 1
        i = 0
        while True:
            if len(spans) < i + longest:
                read_up_to(i + longest)
            if i >= len(spans):
                return
            length = next(
                (len(phrase) for phrase in self.phrases if self.phrase_at(folded, i, phrase)), 0
            )
            if length:
                yield spans[i][0], spans[i + length - 1][1]
                i += length
                continue
            if folded[i] in self.exact or folded[i].startswith(self.prefixes):
                yield spans[i]
            i += 1

    def first_hit(self, text: str) -> int | None:
        return next((start for start, _end in self.hits(text)), None)

    def highlight(self, text: str) -> SafeString:
        """The text, HTML-escaped, with each matching word in <mark>.

        Each piece of the original text is escaped on its own and the marks go between the
        pieces, so a term can never match inside an escaped entity such as "&amp;".
        """
        parts: list[str] = []
        position = 0
        for start, end in self.hits(text):
            parts.append(escape(text[position:start]))
            parts.append(f"<mark>{escape(text[start:end])}</mark>")
            position = end
        parts.append(escape(text[position:]))
        return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above

    def snippet(self, texts: Iterable[str], length: int = SNIPPET_LENGTH) -> SafeString:
        """A highlighted extract of the first text with a hit, around its first hit.

        Without a hit anywhere (the article matched on its headline, a tag or a byline), the
        start of the first non-empty text. The texts are read only as far as the first hit,
        so a generator can leave a body unread when the excerpt has the hit.
        """
        first = None
        for raw in texts:
            text = " ".join(raw.split())
            if not text:
                continue
            first = text if first is None else first
            hit = self.first_hit(text)
            if hit is not None:
                return self.highlight(excerpt_around(text, hit, length))
        if first is None:
            return mark_safe("")
        return self.highlight(excerpt_around(first, 0, length))


def excerpt_around(text: str, position: int, length: int = SNIPPET_LENGTH) -> str:
    """About `length` characters of the text around `position`, cut between words."""
    if len(text) <= length:
        return text
    lead = min(SNIPPET_LEAD, length // 3)
    start = max(0, min(position - lead, len(text) - length))
    end = start + length
    if start > 0:
        # Move forward to the start of a word, so no word is shown cut.
        match = re.compile(r"\s+").search(text, start, position + 1)
        start = match.end() if match and match.end() <= position else position
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > position else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{text[start:end].strip()}{suffix}"
