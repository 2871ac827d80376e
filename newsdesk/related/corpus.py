"""A labelled news corpus, generated (the machine has no internet): the quality check's data.

`articles(n, seed)` writes n articles across five news topics (politics, sport, business,
health, science). It is built to be hard for a tag/recency picker (no tags, no sections,
dates unrelated to topics: it scores at chance, 0.2) and not trivial for a bag of words:

- every sentence is mostly shared general-news words (officials said on Monday, the city...),
  names and numbers that appear in every topic;
- a topic's own words come from a pool of about forty, with synonyms, so two articles on one
  topic share only a few of them; each pool also has "bridge" words shared with another
  topic (court: politics and sport; market: business and politics; trial: health and
  politics; record: sport and science; growth: business and health; ...);
- one sentence in six comes from another topic (a sports story mentioning the budget);
- one article in eight is ambiguous: 55% its own topic, 45% another one (labelled with its
  own, the majority);
- headlines are short: two topic words among general ones.

Deterministic for a given seed. `wxr(items)` turns them into a WordPress export with no
categories and no tags, to import through the WordPress importer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape


def words(text: str) -> list[str]:
    return text.split()


TOPICS: dict[str, list[str]] = {
    "politics": words(
        "minister ministers parliament parliamentary election elections vote voters ballot "
        "campaign candidate candidates senator senate lawmakers legislation bill coalition "
        "opposition party parties cabinet government governor mayor referendum policy "
        "constituency polls polling democrat conservative liberal reform treaty diplomat "
        "diplomats embassy sanctions"
    ),
    "sport": words(
        "match matches league championship tournament coach coaches striker goalkeeper goal "
        "goals midfielder defender season fixture fixtures stadium referee penalty playoff "
        "playoffs final semifinal champions trophy squad athletes athlete sprint marathon "
        "olympic medal medals cup innings wicket tennis rugby football"
    ),
    "business": words(
        "shares shareholders investors investor profit profits revenue revenues earnings "
        "quarterly merger acquisition stock stocks bonds inflation interest rates bank banks "
        "lender lenders retailer retailers dividend startup startups valuation exports "
        "imports tariffs currency economists recession layoffs ceo chief executive"
    ),
    "health": words(
        "patients patient hospital hospitals doctors doctor nurses nurse vaccine vaccines "
        "virus infection infections disease diseases treatment clinic clinics surgery "
        "symptoms diagnosis cancer diabetes outbreak pandemic prescription drugs medicine "
        "medical physicians therapy mental wellbeing ward nhs epidemiologists"
    ),
    "science": words(
        "researchers scientists laboratory experiment experiments physics chemistry telescope "
        "astronomers planet planets galaxy species fossil fossils climate satellite orbit "
        "genome genetic molecules particle particles quantum university journal peer study "
        "studies spacecraft mission rover emissions carbon ecosystem"
    ),
}
# Words two topics share: an article on either may use them.
BRIDGES: dict[tuple[str, str], list[str]] = {
    ("politics", "sport"): words("court appeal ruling ban federation"),
    ("politics", "business"): words("market budget tax deficit regulator"),
    ("politics", "health"): words("trial funding minister strike reforms"),
    ("sport", "science"): words("record performance measurement speed data"),
    ("business", "health"): words("growth costs insurance pharmaceutical jobs"),
    ("business", "science"): words("technology energy innovation patent batteries"),
    ("health", "science"): words("clinical evidence samples results findings"),
    ("politics", "science"): words("space agency environment pollution nuclear"),
    ("sport", "business"): words("sponsorship deal contract transfer broadcast"),
    ("sport", "health"): words("injury injuries fitness recovery doping"),
}
GENERAL = words(
    "said says told officials official spokesperson statement announced announcement week "
    "weeks month months year years monday tuesday wednesday thursday friday saturday "
    "sunday city country national local region regional people residents community public "
    "report reports reported news latest new plan plans group groups number numbers "
    "percent million billion thousands leaders leader decision decisions expected likely "
    "early late last next first second third major big small key important early morning "
    "evening night day today yesterday time times including according added asked called "
    "came come continue continued despite during following further however meanwhile move "
    "process questions response result review saying seen show shows since spoke support "
    "talks think thought warned worked working world around across among change changes "
    "concerns event events issue issues level levels office part place point problem "
    "program project record rise rising run series service services side state states "
    "step system team term top total way work"
)
NAMES = words(
    "Adams Baker Clarke Davies Evans Foster Garcia Hughes Iqbal Jones Khan Lewis Morgan "
    "Nguyen Owens Patel Quinn Roberts Singh Taylor Usman Vargas Walker Young Zhang Ahmed "
    "Brown Chen Diaz Ellis Fischer Gray Hall Ito Jensen Kowalski Lopez Murphy Novak Olsen"
)
PLACES = words(
    "Riverton Lakeside Northgate Westbury Eastfield Southport Hillcrest Marlow Ashford "
    "Brookdale Carlton Dunmore"
)
LABELS = list(TOPICS)
START = datetime(2019, 1, 1, 8, 0)


@dataclass(frozen=True)
class CorpusArticle:
    number: int
    topic: str
    headline: str
    excerpt: str
    paragraphs: list[str]
    date: datetime


def topic_words(topic: str) -> list[str]:
    bridges = [word for pair, words in BRIDGES.items() if topic in pair for word in words]
    return TOPICS[topic] + bridges


POOLS = {topic: topic_words(topic) for topic in TOPICS}


def sentence(rng: random.Random, topic: str, topic_share: float = 0.25) -> str:
    words = []
    for _ in range(rng.randint(10, 20)):
        draw = rng.random()
        if draw < topic_share:
            words.append(rng.choice(POOLS[topic]))
        elif draw < topic_share + 0.1:
            words.append(rng.choice(NAMES))
        elif draw < topic_share + 0.15:
            words.append(str(rng.randint(2, 2025)))
        elif draw < topic_share + 0.18:
            words.append(rng.choice(PLACES))
        else:
            words.append(rng.choice(GENERAL))
    return " ".join(words).capitalize() + "."


def article(number: int, seed: int = 0) -> CorpusArticle:
    rng = random.Random(seed * 1_000_003 + number)
    topic = LABELS[number % len(LABELS)]
    other = rng.choice([label for label in LABELS if label != topic])
    ambiguous = rng.random() < 1 / 8

    def topic_of_sentence() -> str:
        if ambiguous:
            return topic if rng.random() < 0.55 else other
        return (
            rng.choice([label for label in LABELS if label != topic])
            if (rng.random() < 1 / 6)
            else topic
        )

    paragraphs = [
        " ".join(sentence(rng, topic_of_sentence()) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.randint(3, 6))
    ]
    general = rng.sample(GENERAL, 4)
    headline_words = [*general[:2], *rng.sample(POOLS[topic], 2), *general[2:]]
    rng.shuffle(headline_words)
    headline = " ".join(headline_words).capitalize() + f" in {rng.choice(PLACES)}"
    excerpt = sentence(rng, topic_of_sentence(), topic_share=0.2)
    date = START + timedelta(minutes=rng.randint(0, 5 * 365 * 24 * 60))
    return CorpusArticle(number, topic, headline, excerpt, paragraphs, date)


def articles(count: int, seed: int = 0) -> list[CorpusArticle]:
    return [article(number, seed) for number in range(1, count + 1)]


def body_html(item: CorpusArticle) -> str:
    return "\n\n".join(item.paragraphs)


def wxr(items: list[CorpusArticle]) -> str:
    """A WordPress (WXR 1.2) export of the articles: posts with no category and no tag."""
    posts = "".join(_item_xml(item) for item in items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Corpus</title><link>https://corpus.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://corpus.example.org</wp:base_site_url>
<wp:base_blog_url>https://corpus.example.org</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>desk</wp:author_login>
<wp:author_display_name>Desk</wp:author_display_name></wp:author>
{posts}</channel></rss>"""


def _item_xml(item: CorpusArticle) -> str:
    date = item.date.strftime("%Y-%m-%d %H:%M:%S")
    return f"""<item><title>{escape(item.headline)}</title>
<link>https://corpus.example.org/?p={item.number}</link><dc:creator>desk</dc:creator>
<content:encoded><![CDATA[{body_html(item)}]]></content:encoded>
<excerpt:encoded><![CDATA[{item.excerpt}]]></excerpt:encoded>
<wp:post_id>{item.number}</wp:post_id><wp:post_date>{date}</wp:post_date>
<wp:post_date_gmt>{date}</wp:post_date_gmt><wp:post_name>story-{item.number}</wp:post_name>
<wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>
<wp:post_type>post</wp:post_type></item>
"""
