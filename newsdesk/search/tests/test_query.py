"""Parsing a query, expanding synonyms, highlighting and cutting snippets (no database)."""

import pytest
from wagtail.search.query import And, Or, Phrase, PlainText

from newsdesk.search.models import split_terms
from newsdesk.search.query import MAX_PARTS, MAX_QUERY_LENGTH, Synonyms, clean_text, parse
from newsdesk.search.text import Highlighter, excerpt_around, fold, words

SYNONYMS = Synonyms(
    [["Kyiv", "Kiev", "Київ"], ["New York City", "NYC"], ["Kiev", "Kyjiw"], ["Zürich", "Zurich"]]
)


def describe(query):
    """A query object as plain data, for comparing."""
    if isinstance(query, PlainText):
        return query.query_string
    if isinstance(query, Phrase):
        return ("phrase", query.query_string)
    if isinstance(query, Or):
        return ("or", *[describe(q) for q in query.subqueries])
    if isinstance(query, And):
        return ("and", *[describe(q) for q in query.subqueries])
    raise AssertionError(query)


def test_words_are_letters_digits_and_marks():
    assert words('NEAR("a" OR b*) {title}: c-d e_f 3.5 l\'été') == [
        "NEAR", "a", "OR", "b", "title", "c", "d", "e", "f", "3", "5", "l", "été",
    ]  # fmt: skip
    assert words("हिन्दी 🎉 Київ שלום") == ["हिन्दी", "Київ", "שלום"]
    assert words("\x00\u202e\ufeff") == []


def test_clean_text_drops_control_characters_and_cuts():
    assert clean_text("  a\x00b\n\tc  ") == ("a b c", False)
    text, cut = clean_text("x" * 500)
    assert (len(text), cut) == (MAX_QUERY_LENGTH, True)


def test_parse_builds_an_and_of_words_and_phrases():
    assert describe(parse("harbour ferry").as_query()) == ("and", "harbour", "ferry")
    assert describe(parse('"city council" votes').as_query()) == (
        "and",
        ("phrase", "city council"),
        "votes",
    )
    # An unbalanced quote is only a separator; repeated words count once.
    assert describe(parse('"harbour ferry HARBOUR').as_query()) == ("and", "harbour", "ferry")
    assert describe(parse('"single"').as_query()) == "single"
    assert parse("*** !!").as_query() is None
    parsed = parse(" ".join(f"w{i}" for i in range(MAX_PARTS + 3)))
    assert (len(parsed.parts), parsed.dropped_parts) == (MAX_PARTS, 3)


def test_synonyms_expand_to_every_term_of_their_sets():
    assert describe(parse("kiev bridge", SYNONYMS).as_query()) == (
        "and",
        ("or", "Kyiv", "Kiev", "Київ", "Kyjiw"),
        "bridge",
    )
    assert describe(parse("КИЇВ", SYNONYMS).as_query()) == ("or", "Kyiv", "Kiev", "Київ")
    assert describe(parse("new york city marathon", SYNONYMS).as_query()) == (
        "and",
        ("or", ("phrase", "New York City"), "NYC"),
        "marathon",
    )
    assert describe(parse("new york", SYNONYMS).as_query()) == ("and", "new", "york")
    assert describe(parse("zurich", SYNONYMS).as_query()) == ("or", "Zürich", "Zurich")
    assert describe(parse('"kiev"', SYNONYMS).as_query()) == "kiev"
    assert parse("kiev", SYNONYMS).terms == {("Kyiv",), ("Kiev",), ("Київ",), ("Kyjiw",)}


def test_split_terms():
    assert split_terms("Kyiv\nKiev, Київ;kiev\n\n , New  York ") == [
        "Kyiv",
        "Kiev",
        "Київ",
        "New York",
    ]


def test_highlight_escapes_then_marks_whole_words_and_longer_forms():
    highlighter = Highlighter(["harbour", "to"])
    assert highlighter.highlight("<b>Harbours</b> & harbour-side, toast to Toronto") == (
        "&lt;b&gt;<mark>Harbours</mark>&lt;/b&gt; &amp; <mark>harbour</mark>-side,"
        " toast <mark>to</mark> Toronto"
    )
    # Terms are matched in the text before it is escaped, never inside an entity.
    assert Highlighter(["amp", "lt"]).highlight("a & <b>") == "a &amp; &lt;b&gt;"
    assert Highlighter(["zurich"]).highlight("In Zürich.") == "In <mark>Zürich</mark>."
    assert fold("ZÜRICH") == fold("zurich")


def test_phrases_are_marked_where_their_words_follow_one_another():
    highlighter = Highlighter([("the", "Oll"), ("New", "York", "City"), ("new", "york"), "bay"])
    assert highlighter.highlight("The Oll and the bay; the new York: new york city-hall.") == (
        "<mark>The Oll</mark> and the <mark>bay</mark>; the <mark>new York</mark>:"
        " <mark>new york city</mark>-hall."
    )
    assert highlighter.highlight("New Yorkshire, the Ollery") == "New Yorkshire, the Ollery"


def test_snippet_prefers_the_first_text_with_a_hit():
    highlighter = Highlighter(["gull"])
    assert highlighter.snippet(["An excerpt.", "The gull flew."]) == "The <mark>gull</mark> flew."
    assert highlighter.snippet(["", "No birds here."]) == "No birds here."
    assert highlighter.snippet(["", "  "]) == ""


def test_the_first_hit_reads_no_further_than_it(monkeypatch):
    from newsdesk.search import text as text_module

    folded = []
    monkeypatch.setattr(text_module, "fold", lambda word: folded.append(word) or word.lower())
    highlighter = text_module.Highlighter([("new", "york"), "gull"])
    folded.clear()
    body = "A gull over New York. " + "Many more words follow here. " * 2_000
    # Text that must be folded word by word ("ß" folds to two letters) is read lazily.
    assert next(highlighter.word_by_word_hits(body + " ß")) == (2, 6)
    # The phrase looks one word ahead; the thousands of words after it are never folded.
    assert folded == ["A", "gull", "over"]
    assert list(highlighter.hits("A gull over New York")) == [(2, 6), (12, 20)]


@pytest.mark.parametrize(
    "text",
    [
        "… the Harbourmaster’s “bridge plan” — ZÜRICH, Zurich and zürich…",
        "Straße and strasse; ﬁsh and fish; e\u0301te and été; Київ, KИЇВ",
        "New York City, new_york, New-York, NEW  YORK; the Oll, the Ollery",
        "harbour's harbours HARBOUR ab abc a_b 3.5 ½ Ⅻ",
    ],
)
def test_whole_text_matching_finds_what_word_by_word_matching_finds(text):
    highlighter = Highlighter(
        ["harbour", "zurich", ("new", "york"), ("new", "york", "city"), ("the", "oll")]
        + ["ab", "strasse", "fish", "ete", "київ", "3", "bridge"]
    )
    expected = list(highlighter.word_by_word_hits(text))
    assert expected  # each text has hits
    assert list(highlighter.hits(text)) == expected


def test_excerpt_around_cuts_between_words():
    text = " ".join(f"w{i}" for i in range(200))
    position = text.index("w100 ")
    excerpt = excerpt_around(text, position, 100)
    assert excerpt.startswith("… w") and excerpt.endswith(" …")
    assert "w100" in excerpt and len(excerpt) <= 104
    inner = excerpt[2:-2]
    assert text.index(inner) >= 0 and inner.split()[0] in text.split()
    assert excerpt_around("short text", 6, 100) == "short text"
    assert excerpt_around(text, 0, 50).startswith("w0 ")
    assert excerpt_around(text, len(text) - 4, 50).endswith("w199")


def test_fts5_syntax_quotes_every_word():
    parsed = parse('kiev "city council" NEAR', SYNONYMS)
    assert parsed.as_fts5() == (
        '{title body} : (("Kyiv" OR "Kiev" OR "Київ" OR "Kyjiw") AND "city council" AND "NEAR")'
    )
    assert parsed.as_fts5("title").startswith("{title} : (")
    assert parse("!!").as_fts5() is None
