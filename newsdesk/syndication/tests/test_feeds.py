"""RSS and Atom feeds: content, order, ids, dates, images, privacy, conditional GET."""

import re
import time
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from django.utils.http import http_date
from wagtail_factories import ImageFactory

from newsdesk.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    PageViewRestrictionFactory,
    SectionFactory,
)
from newsdesk.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db

# Every email address in the test data is at this domain: no feed may carry one.
PRIVATE_DOMAIN = b"private.example"
CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}


def url_of(base: str, kind: str) -> str:
    return base if kind == "rss" else f"{base}atom/"


def fetch(client, url: str, kind: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == CONTENT_TYPES[kind]
    assert PRIVATE_DOMAIN not in response.content and b"@" not in response.content
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    return parsed


def titles(parsed) -> list[str]:
    return [entry.title for entry in parsed.entries]


def entry_titled(parsed, title):
    return next(entry for entry in parsed.entries if entry.title == title)


@pytest.fixture
def news(db):
    """Two sections, two authors, three published articles and the ones that must not show."""
    harbour = SectionFactory(title="Harbour", slug="harbour")
    culture = SectionFactory(title="Culture", slug="culture")
    pia = AuthorFactory(name="Pia Lund", email="pia.lund@private.example")
    ole = AuthorFactory(name="Ole Berg", email="ole.berg@private.example")
    now = timezone.now()

    def article(title, hours, **kwargs):
        return ArticleFactory(title=title, publication_date=now - timedelta(hours=hours), **kwargs)

    ferry = article(
        "Ferry strike ends & crews return",
        1,
        parent=harbour,
        tags=["ferries"],
        authors=[pia],
        image=ImageFactory(title="Quay at dawn"),
    )
    gallery = article(
        "Gallery opens on the quay",
        2,
        parent=culture,
        further_sections=[harbour],
        tags=["ferries", "art"],
        authors=[pia, ole],
    )
    match = article("Match report", 3, parent=culture, tags=["art"], authors=[ole])
    withdrawn = article("Withdrawn story", 0.5, parent=harbour, tags=["ferries"], authors=[pia])
    withdrawn.unpublish()
    members = article("Members only", 0.2, parent=harbour, tags=["ferries"], authors=[pia])
    PageViewRestrictionFactory(page=members)
    private = {"page": ferry, "author_email": "reader@private.example"}
    comments = {
        "kari": CommentFactory(**private, author_name="Kari", body="Good news at last."),
        "nils": CommentFactory(
            **private,
            author_name="Nils",
            body="About time.\n\nSecond thought.",
            created_at=now + timedelta(minutes=1),
        ),
        "pending": CommentFactory(
            **private, author_name="Waiting", body="Not yet moderated.", pending=True
        ),
        "spam": CommentFactory(**private, author_name="Spammer", body="Cheap pills.", spam=True),
    }
    return {
        "harbour": harbour,
        "ferry": ferry,
        "gallery": gallery,
        "match": match,
        "withdrawn": withdrawn,
        "members": members,
        "comments": comments,
    }


ARTICLE_FEEDS = [
    ("/feed/", ["Ferry strike ends & crews return", "Gallery opens on the quay", "Match report"]),
    # A section lists what is filed there as a further section too.
    ("/feed/section/harbour/", ["Ferry strike ends & crews return", "Gallery opens on the quay"]),
    ("/feed/tag/ferries/", ["Ferry strike ends & crews return", "Gallery opens on the quay"]),
    ("/feed/tag/art/", ["Gallery opens on the quay", "Match report"]),
    ("/feed/author/pia-lund/", ["Ferry strike ends & crews return", "Gallery opens on the quay"]),
    ("/feed/author/ole-berg/", ["Gallery opens on the quay", "Match report"]),
]


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize(("base", "expected"), ARTICLE_FEEDS)
def test_article_feeds_list_published_articles_newest_first(client, news, base, expected, kind):
    parsed = fetch(client, url_of(base, kind), kind)
    assert titles(parsed) == expected
    for entry in parsed.entries:
        assert entry.title not in ("Withdrawn story", "Members only")
    assert parsed.feed.title.startswith("newsdesk")
    assert parsed.feed.link.startswith("http://localhost/")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_article_entry_fields(client, news, kind):
    ferry = news["ferry"]
    parsed = fetch(client, url_of("/feed/", kind), kind)
    entry = entry_titled(parsed, ferry.title)
    assert entry.link == f"http://localhost{ferry.url}"
    assert entry.id == f"tag:localhost,2025:article/{ferry.pk}"
    if kind == "rss":
        assert entry.guidislink is False
        raw = client.get("/feed/").content.decode()
        assert f'<guid isPermaLink="false">tag:localhost,2025:article/{ferry.pk}</guid>' in raw
    assert entry.summary == "What happened in Ferry strike ends &amp; crews return."
    assert entry.author == "Pia Lund"
    assert entry_titled(parsed, "Gallery opens on the quay").author == "Ole Berg and Pia Lund"
    assert {"Harbour", "ferries"} <= {tag.term for tag in entry.tags}
    # The date, with its time zone: feedparser gives it back in UTC.
    assert entry.published_parsed == ferry.publication_date.utctimetuple()
    zone = r"[+-]\d{4}$" if kind == "rss" else r"([+-]\d\d:\d\d|Z)$"
    assert re.search(zone, entry.published), entry.published


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_featured_image_is_an_enclosure(client, news, kind):
    parsed = fetch(client, url_of("/feed/", kind), kind)
    (enclosure,) = entry_titled(parsed, news["ferry"].title).enclosures
    assert re.fullmatch(r"http://localhost/media/images/[^/]+\.width-1200\.jpg", enclosure.href)
    assert enclosure.type == "image/jpeg"
    rendition = news["ferry"].image.get_rendition("width-1200")
    assert enclosure.href == f"http://localhost{rendition.url}"
    assert int(enclosure.length) == rendition.file.size > 0
    assert entry_titled(parsed, "Match report").enclosures == []


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_guid_survives_a_title_change(client, news, kind):
    ferry = news["ferry"]
    before = entry_titled(fetch(client, url_of("/feed/", kind), kind), ferry.title)
    ferry.title = "Ferry strike is over"
    ferry.slug = "ferry-strike-is-over"
    ferry.save_revision().publish()
    after = entry_titled(fetch(client, url_of("/feed/", kind), kind), "Ferry strike is over")
    assert after.id == before.id
    assert after.link != before.link and after.link.endswith("/ferry-strike-is-over/")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_comments_feed_has_approved_comments_by_name_only(client, news, kind):
    ferry, comments = news["ferry"], news["comments"]
    response = client.get(url_of(f"/feed/comments/{ferry.pk}/", kind))
    for text in (b"Waiting", b"Not yet moderated", b"Spammer", b"Cheap pills"):
        assert text not in response.content
    parsed = fetch(client, url_of(f"/feed/comments/{ferry.pk}/", kind), kind)
    assert titles(parsed) == [f"Nils on “{ferry.title}”", f"Kari on “{ferry.title}”"]
    nils = parsed.entries[0]
    assert nils.author == "Nils"
    assert nils.link == f"http://localhost{ferry.url}#comment-{comments['nils'].pk}"
    assert nils.id == f"tag:localhost,2025:comment/{comments['nils'].pk}"
    assert nils.summary == "<p>About time.</p>\n\n<p>Second thought.</p>"
    assert nils.published_parsed == comments["nils"].created_at.utctimetuple()


@pytest.mark.parametrize(
    "url",
    [
        "/feed/section/nowhere/",
        "/feed/tag/nothing/atom/",
        "/feed/author/nobody/",
        "/feed/comments/999999/",
    ],
)
def test_unknown_feeds_are_404(client, news, url):
    assert client.get(url).status_code == 404


def test_no_comments_feed_for_unpublished_or_private_articles(client, news):
    for article in (news["withdrawn"], news["members"]):
        assert client.get(f"/feed/comments/{article.pk}/").status_code == 404
        assert client.get(f"/feed/comments/{article.pk}/atom/").status_code == 404


def test_private_section_has_no_feed(client, news):
    PageViewRestrictionFactory(page=news["harbour"], login=True)
    assert client.get("/feed/section/harbour/").status_code == 404
    # Nor do its articles show elsewhere (the gallery is filed under Culture).
    assert titles(fetch(client, "/feed/", "rss")) == ["Gallery opens on the quay", "Match report"]


def test_feed_size_setting(client, news, settings):
    settings.NEWSDESK_FEED_ITEMS = 2
    assert len(fetch(client, "/feed/", "rss").entries) == 2
    assert len(fetch(client, "/feed/atom/", "atom").entries) == 2


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_full_text_setting_gives_the_rendered_body_with_absolute_links(
    client, news, settings, kind
):
    match = news["match"]
    ferry = news["ferry"]
    ferry.body = [
        ("paragraph", f'<p>See <a linktype="page" id="{match.pk}">the match</a>.</p>'),
        ("subheading", "Back to work"),
    ]
    ferry.save_revision().publish()
    entry = entry_titled(fetch(client, url_of("/feed/", kind), kind), ferry.title)
    assert "What happened" in entry.summary and "the match" not in entry.summary
    settings.NEWSDESK_FEED_FULL_TEXT = True
    entry = entry_titled(fetch(client, url_of("/feed/", kind), kind), ferry.title)
    assert f'<a href="http://localhost{match.url}">the match</a>' in entry.summary
    assert "Back to work</h2>" in entry.summary


def test_full_text_keeps_the_related_boxes_readers_may_see(client, news, settings):
    settings.NEWSDESK_FEED_FULL_TEXT = True
    ferry = news["ferry"]
    ferry.body = [
        ("paragraph", "<p>Crews are back.</p>"),
        ("related", {"article": news["match"]}),
        ("related", {"article": news["withdrawn"]}),
        ("related", {"article": news["members"]}),
    ]
    ferry.save_revision().publish()
    summary = entry_titled(fetch(client, "/feed/", "rss"), ferry.title).summary
    box = re.search(r'<aside class="related-box".*?</aside>', summary, re.S)
    assert box and f'<a href="http://localhost{news["match"].url}">Match report</a>' in box[0]
    assert summary.count('class="related-box"') == 1
    assert "Withdrawn story" not in summary and "Members only" not in summary


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_conditional_get(client, news, kind):
    url = url_of("/feed/", kind)
    ferry = news["ferry"]
    ferry.save_revision().publish()  # the newest change in the feed
    ferry.refresh_from_db()
    first = client.get(url)
    assert first.status_code == 200
    assert first["Last-Modified"] == http_date(ferry.last_published_at.timestamp())
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    unchanged = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert unchanged.status_code == 304 and unchanged.content == b""
    # A change to the feed's articles gives a new ETag and a later Last-Modified.
    time.sleep(1)
    news["match"].save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200
    # Withdrawing an article changes the ETag too.
    news["gallery"].unpublish()
    assert client.get(url, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 200


def test_comments_feed_conditional_get(client, news):
    url = f"/feed/comments/{news['ferry'].pk}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    news["comments"]["pending"].moderate("approved")
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_feeds_answer_only_reads(client, news):
    assert client.post("/feed/").status_code == 405
    assert client.head("/feed/").status_code == 200


def make_articles(n, first, section, author):
    now = timezone.now()
    return [
        ArticleFactory(
            title=f"Story {i}",
            parent=section,
            publication_date=now - timedelta(minutes=i),
            tags=["t"],
            authors=[author],
            image=ImageFactory(),
        )
        for i in range(first, first + n)
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/feed/",
        "/feed/atom/",
        "/feed/section/s/",
        "/feed/tag/t/atom/",
        "/feed/author/a/",
        "comments",
    ],
)
def test_feed_queries_do_not_grow_with_items(client, django_assert_max_num_queries, url):
    section = SectionFactory(title="S", slug="s")
    author = AuthorFactory(name="A", slug="a")
    articles = make_articles(3, 0, section, author)
    if url == "comments":
        url = f"/feed/comments/{articles[0].pk}/"

    CommentFactory.create_batch(3, page=articles[0])
    client.get(url)  # warm Wagtail's caches and make the renditions
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    allowed = len(few.captured_queries)
    make_articles(7, 3, section, author)
    CommentFactory.create_batch(7, page=articles[0])
    assert len(feedparser.parse(client.get(url).content).entries) == 10
    with django_assert_max_num_queries(allowed):
        client.get(url)


# Autodiscovery: <link rel="alternate"> in every page's <head>.


def alternates(html: str) -> list[tuple[str, str]]:
    head = html[: html.index("</head>")]
    return re.findall(
        r'<link rel="alternate" type="application/rss\+xml" title="([^"]*)" href="([^"]*)">', head
    )


def test_autodiscovery_links(client, news):
    site = ("newsdesk", "/feed/")
    ferry = news["ferry"]
    assert alternates(client.get("/").content.decode()) == [site]
    assert alternates(client.get("/harbour/").content.decode()) == [
        site,
        ("newsdesk – Harbour", "/feed/section/harbour/"),
    ]
    assert alternates(client.get(ferry.url).content.decode()) == [
        site,
        (
            "newsdesk – Comments on “Ferry strike ends &amp; crews return”",
            f"/feed/comments/{ferry.pk}/",
        ),
    ]
    assert alternates(client.get("/tags/ferries/").content.decode()) == [
        site,
        ("newsdesk – Tag: ferries", "/feed/tag/ferries/"),
    ]
    assert alternates(client.get("/authors/pia-lund/").content.decode()) == [
        site,
        ("newsdesk – Pia Lund", "/feed/author/pia-lund/"),
    ]
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert alternates(missing.content.decode()) == [site]
    for _title, href in alternates(client.get(ferry.url).content.decode()):
        assert client.get(href).status_code == 200
