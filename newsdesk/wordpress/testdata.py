"""A generated WordPress export of any size, for the import benchmark and load tests.

    python -m newsdesk.wordpress.testdata OUT.xml [--posts 20000] [--comments 100000]

Deterministic (seeded): half the posts in the classic editor (blank-line paragraphs,
captions, galleries, embeds, an unknown shortcode now and then), half in Gutenberg blocks;
categories with a hierarchy, tags, authors, internal links to earlier posts, and comment
threads whose replies sometimes come before their parents.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta

from .exporter.xml import cdata, escape

WORDS = [
    "council", "river", "budget", "school", "market", "rain", "mayor", "road", "bridge",
    "festival", "police", "harbour", "library", "team", "match", "vote", "tax", "storm",
    "hospital", "museum", "train", "bus", "park", "farmers", "shop", "night", "report", "plan",
    "board", "court", "fire", "water", "winter", "summer", "village", "town", "city", "street",
]  # fmt: skip
SITE = "https://generated.example"
CATEGORIES = [("news", ""), ("local", "news"), ("world", "news"), ("sport", ""), ("culture", "")]
CATEGORIES += [(f"topic-{n}", "") for n in range(15)]


def sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def post_link(post_id: int, date: datetime) -> str:
    return f"{SITE}/{date:%Y/%m/%d}/story-{post_id}/"


def classic_content(rng: random.Random, post_id: int, earlier: list[tuple[int, datetime]]) -> str:
    parts = [paragraph(rng) for _ in range(rng.randint(3, 7))]
    if earlier and rng.random() < 0.5:
        other, date = rng.choice(earlier)
        parts.insert(1, f'Earlier: <a href="{post_link(other, date)}">story {other}</a>.')
    if rng.random() < 0.3:
        parts.insert(2, "<!--more-->")
    if rng.random() < 0.2:
        parts.append("https://www.youtube.com/watch?v=gen" + str(post_id))
    if rng.random() < 0.1:
        parts.append('[newsletter_signup list="3"]')
    if rng.random() < 0.2:
        parts.append(f"<h2>{sentence(rng, 4)}</h2>\n<blockquote>{sentence(rng)}</blockquote>")
    return "\n\n".join(parts)


def block_content(rng: random.Random, post_id: int, earlier: list[tuple[int, datetime]]) -> str:
    blocks = [
        f"<!-- wp:paragraph -->\n<p>{paragraph(rng)}</p>\n<!-- /wp:paragraph -->"
        for _ in range(rng.randint(3, 7))
    ]
    blocks.insert(1, f"<!-- wp:heading -->\n<h2>{sentence(rng, 4)}</h2>\n<!-- /wp:heading -->")
    if earlier and rng.random() < 0.5:
        other, date = rng.choice(earlier)
        link = f'<p>See <a href="{post_link(other, date)}">story {other}</a>.</p>'
        blocks.append(f"<!-- wp:paragraph -->\n{link}\n<!-- /wp:paragraph -->")
    if rng.random() < 0.2:
        quote = f'<blockquote class="wp-block-quote"><p>{sentence(rng)}</p></blockquote>'
        blocks.append(f"<!-- wp:quote -->\n{quote}\n<!-- /wp:quote -->")
    return "\n\n".join(blocks)


def comments_xml(rng: random.Random, first_id: int, count: int, date: datetime) -> str:
    ids = list(range(first_id, first_id + count))
    parents = {cid: (rng.choice(ids[:index]) if index and rng.random() < 0.4 else 0)
               for index, cid in enumerate(ids)}  # fmt: skip
    order = ids[:]
    if count > 2 and rng.random() < 0.3:
        order.reverse()  # replies before their parents, as some exports have them
    out = []
    for cid in order:
        when = date + timedelta(minutes=cid - first_id + 1)
        status = rng.choices(["1", "0", "spam"], weights=[90, 7, 3])[0]
        out.append(
            "<wp:comment>"
            f"<wp:comment_id>{cid}</wp:comment_id>"
            f"<wp:comment_author>{cdata('Reader ' + str(cid % 500))}</wp:comment_author>"
            f"<wp:comment_author_email>reader{cid % 500}@mail.example</wp:comment_author_email>"
            f"<wp:comment_author_IP>192.0.2.{cid % 250}</wp:comment_author_IP>"
            f"<wp:comment_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>"
            f"<wp:comment_content>{cdata(sentence(rng, 15))}</wp:comment_content>"
            f"<wp:comment_approved>{status}</wp:comment_approved>"
            "<wp:comment_type>comment</wp:comment_type>"
            f"<wp:comment_parent>{parents[cid]}</wp:comment_parent>"
            "</wp:comment>"
        )
    return "".join(out)


def write_export(path, posts: int = 20000, comments: int = 100000, seed: int = 5) -> None:
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    per_post = [0] * posts
    for _ in range(comments):
        per_post[rng.randrange(posts)] += 1
    with open(path, "w", encoding="utf-8") as out:
        out.write(_header())
        earlier: list[tuple[int, datetime]] = []
        comment_id = 1
        for index in range(posts):
            post_id = index + 1
            date = start + timedelta(hours=index * 3)
            content = (classic_content if index % 2 else block_content)(rng, post_id, earlier)
            out.write(_item(rng, post_id, date, content))
            out.write(comments_xml(rng, comment_id, per_post[index], date))
            out.write("</item>\n")
            comment_id += per_post[index]
            earlier.append((post_id, date))
            if len(earlier) > 50:
                earlier.pop(0)
        out.write("</channel>\n</rss>\n")


def _header() -> str:
    authors = "".join(
        f"<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>writer{n}</wp:author_login>"
        f"<wp:author_email>writer{n}@newsroom.example</wp:author_email>"
        f"<wp:author_display_name>{cdata(f'Writer {n}')}</wp:author_display_name></wp:author>\n"
        for n in range(1, 11)
    )
    categories = "".join(
        f"<wp:category><wp:category_nicename>{slug}</wp:category_nicename>"
        f"<wp:category_parent>{parent}</wp:category_parent>"
        f"<wp:cat_name>{cdata(slug.title())}</wp:cat_name></wp:category>\n"
        for slug, parent in CATEGORIES
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        f"<title>Generated Gazette</title><link>{SITE}</link>"
        f"<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{SITE}</wp:base_site_url>"
        f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n{authors}{categories}"
    )


def _item(rng: random.Random, post_id: int, date: datetime, content: str) -> str:
    category, _ = rng.choice(CATEGORIES)
    tags = {f"tag-{rng.randrange(200)}" for _ in range(rng.randint(0, 3))}
    filing = (
        f'<category domain="category" nicename="{category}">{cdata(category.title())}</category>'
    )
    filing += "".join(
        f'<category domain="post_tag" nicename="{tag}">{cdata(tag)}</category>' for tag in tags
    )
    return (
        f"<item><title>{cdata(f'Story {post_id}: ' + sentence(rng, 6))}</title>"
        f"<link>{escape(post_link(post_id, date))}</link>"
        f"<dc:creator>writer{post_id % 10 + 1}</dc:creator>"
        f'<guid isPermaLink="false">{SITE}/?p={post_id}</guid>'
        f"<content:encoded>{cdata(content)}</content:encoded>"
        "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id>"
        f"<wp:post_date>{date:%Y-%m-%d %H:%M:%S}</wp:post_date>"
        f"<wp:post_date_gmt>{date:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
        "<wp:comment_status>open</wp:comment_status>"
        f"<wp:post_name>story-{post_id}</wp:post_name><wp:status>publish</wp:status>"
        "<wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type>"
        f"<wp:is_sticky>{1 if post_id % 1000 == 0 else 0}</wp:is_sticky>"
        f"{filing}"
        "<wp:postmeta><wp:meta_key>post_views_count</wp:meta_key>"
        f"<wp:meta_value>{rng.randrange(10000)}</wp:meta_value></wp:postmeta>"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Write a generated WordPress export.")
    parser.add_argument("output")
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--comments", type=int, default=100000)
    args = parser.parse_args(argv)
    write_export(args.output, args.posts, args.comments)


if __name__ == "__main__":
    main()
