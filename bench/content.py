"""Invented, deterministic newsroom text for the benchmark database.

Every value comes from a `random.Random` seeded by the article's number, so a database of a
given size is the same on every build and the harness can name the benchmarked article's
headline without reading it back.
"""

from __future__ import annotations

import random

SECTIONS = ["World", "Politics", "Business", "Sport", "Culture", "Science", "Opinion"]

SUBJECTS = [
    "City council",
    "Harbour authority",
    "Regional hospital",
    "Rail operator",
    "Water board",
    "University",
    "Fishing fleet",
    "Chamber of commerce",
    "School district",
    "Theatre company",
    "Football club",
    "Weather service",
    "Planning office",
    "Energy cooperative",
    "Museum",
]
VERBS = [
    "approves",
    "delays",
    "rejects",
    "announces",
    "reviews",
    "expands",
    "postpones",
    "defends",
    "questions",
    "celebrates",
    "funds",
    "closes",
    "reopens",
    "revises",
]
OBJECTS = [
    "new bridge plan",
    "budget for next year",
    "night train service",
    "flood defences",
    "summer festival",
    "housing project",
    "tram extension",
    "clinic opening hours",
    "river clean-up",
    "school meals scheme",
    "harbour dredging",
    "library renovation",
    "wind farm proposal",
    "market square redesign",
    "cycle lanes",
]
PROSE = (
    "the council said on monday that residents would be consulted before any decision was "
    "taken about the future of the old station while engineers continued to inspect the "
    "foundations and the mayor promised a public meeting next week where officials will "
    "answer questions from shop owners commuters and parents who have written to the "
    "newspaper about traffic noise rents parking and the long delays on the northern line "
    "a spokesperson for the regional authority declined to comment on the figures but "
    "confirmed that the report would be published before the end of the month"
)
WORDS = PROSE.split(" ")
TAG_WORDS = [
    "transport",
    "housing",
    "health",
    "education",
    "climate",
    "budget",
    "elections",
    "courts",
    "culture",
    "football",
    "harbour",
    "energy",
    "weather",
    "tourism",
    "farming",
    "technology",
    "police",
    "water",
    "libraries",
    "festivals",
]
FIRST_NAMES = ["Ana", "Ben", "Clara", "Dev", "Elif", "Finn", "Grace", "Hugo", "Ines", "Jon"]
LAST_NAMES = ["Moreau", "Okafor", "Lindqvist", "Tanaka", "Silva", "Novak", "Byrne", "Haddad"]

# Every fifth article carries the common tag, so the tag listing has a page 500 at 100,000.
COMMON_TAG_EVERY = 5
# Every eighth article is by the staff desk, so the author listing has a page 500 too.
STAFF_AUTHOR_EVERY = 8


def rng_for(number: int) -> random.Random:
    return random.Random(number * 7919 + 17)


def headline(number: int) -> str:
    rng = rng_for(number)
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} (No. {number})"


def sentence(rng: random.Random, low: int = 12, high: int = 24) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


# Bodies draw their paragraphs from a fixed pool: writing 100,000 bodies word by word would
# cost more than inserting them.
PARAGRAPHS = [paragraph(random.Random(n)) for n in range(997)]


def tag_names(count: int) -> list[str]:
    """`count` distinct tag names; the first is the common one."""
    names = list(TAG_WORDS)
    suffix = 2
    while len(names) < count:
        names.extend(f"{word} {suffix}" for word in TAG_WORDS)
        suffix += 1
    return names[:count]


def author_names(count: int) -> list[str]:
    """`count` distinct bylines; the first is the staff desk."""
    names = ["Staff reporter"]
    for index in range(count - 1):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index // len(FIRST_NAMES)) % len(LAST_NAMES)]
        names.append(f"{first} {last}" + (f" {index}" if index >= 80 else ""))
    return names


def article_tags(number: int, tag_count: int) -> list[int]:
    """Indexes of the article's tags (two or three, the common one on every fifth)."""
    rng = rng_for(number)
    picked = set(rng.sample(range(1, tag_count), k=min(2, tag_count - 1)))
    if number % COMMON_TAG_EVERY == 0:
        picked.add(0)
    return sorted(picked)


def article_author(number: int, author_count: int) -> int:
    if number % STAFF_AUTHOR_EVERY == 0 or author_count == 1:
        return 0
    return 1 + number % (author_count - 1)


def body_blocks(number: int, related_to: int | None) -> list[dict]:
    """A body of six to nine paragraphs with a subheading and a quote; `related_to` (a page
    id) adds an editor-placed "Other Topics of Interest" box after the second paragraph."""
    rng = rng_for(number)
    paragraphs = [f"<p>{text}</p>" for text in rng.choices(PARAGRAPHS, k=rng.randint(6, 9))]
    blocks: list[tuple[str, object]] = [("paragraph", text) for text in paragraphs]
    blocks.insert(4, ("subheading", sentence(rng, 4, 7).rstrip(".")))
    quote = {"text": sentence(rng), "attribution": rng.choice(FIRST_NAMES) + ", resident"}
    blocks.insert(3, ("quote", quote))
    if related_to is not None:
        blocks.insert(2, ("related", {"article": related_to}))
    return [
        {"type": kind, "value": value, "id": f"{number:x}-{index}"}
        for index, (kind, value) in enumerate(blocks)
    ]


def body_text(blocks: list[dict]) -> str:
    """The searchable words of a body, as the search index holds them."""
    parts = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "paragraph":
            parts.append(value.removeprefix("<p>").removesuffix("</p>"))
        elif block["type"] == "subheading":
            parts.append(value)
        elif block["type"] == "quote":
            parts.append(f"{value['text']} {value['attribution']}")
    return " ".join(parts)


def excerpt(number: int) -> str:
    return sentence(rng_for(number + 1_000_003), 14, 20)


def comment_text(rng: random.Random) -> str:
    return " ".join(sentence(rng, 6, 14) for _ in range(rng.randint(1, 3)))


def commenter(rng: random.Random) -> tuple[str, str]:
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return name, f"{name.lower().replace(' ', '.')}@readers.example"
