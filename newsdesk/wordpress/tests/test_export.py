"""Export: a valid WXR 1.2 file, and a round trip that loses nothing."""

import re
from datetime import UTC, datetime

import pytest
from lxml import etree
from taggit.models import Tag
from wagtail.models import Page

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.articles.models import ArticlePage, Author, SectionPage
from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.models import Comment
from newsdesk.pages.factories import StandardPageFactory
from newsdesk.pages.models import StandardPage
from newsdesk.wordpress.exporter import export_site

from .helpers import run_import

pytestmark = pytest.mark.django_db
WP = "{http://wordpress.org/export/1.2/}"


@pytest.fixture
def site(uncategorized):
    politics = SectionFactory(title="Politics", slug="politics", description="Votes & laws")
    economy = SectionFactory(title="Economy", slug="economy")
    reporter, editor = AuthorFactory(name="Rita Reporter"), AuthorFactory(name="Ed Itor")
    first = ArticleFactory(
        parent=politics,
        title="Vote “tonight” 🗳️",
        slug="vote-tonight",
        excerpt="A close vote.",
        publication_date=datetime(2024, 5, 1, 8, 0, tzinfo=UTC),
        tags=["elections", "council"],
        authors=[reporter, editor],
    )
    second = ArticleFactory(
        parent=economy,
        title="مرحبا Budget",
        slug="budget",
        publication_date=datetime(2024, 5, 2, 9, 30, tzinfo=UTC),
        featured=True,
        comments_open=False,
    )
    second.further_sections.add(politics)
    second.body = [
        ("paragraph", f'<p>After <a linktype="page" id="{first.pk}">the vote</a> &amp; more.</p>'),
        ("subheading", "Numbers"),
        ("quote", {"text": "It adds up.\n\nMostly.", "attribution": "The treasurer"}),
        ("embed", {"embed": "https://www.youtube.com/watch?v=abc", "caption": "Clip"}),
        ("related", {"article": first}),
        ("paragraph", "<ul><li>one</li><li>two ]]&gt; three</li></ul>"),
    ]
    second.save()
    draft = ArticleFactory(parent=uncategorized, title="Unfinished", slug="unfinished", live=False)
    about = StandardPageFactory(title="About", body=[("paragraph", "<p>Us.</p>")])
    StandardPageFactory(parent=about, title="Staff")
    when = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)  # WXR dates have whole seconds
    top = CommentFactory(page=first, body="Top <3", created_at=when, ip_address="198.51.100.4")
    reply = CommentFactory(parent=top, body="Reply with ]]> inside", created_at=when, pending=True)
    # No email, as pingbacks and some imported comments have none.
    CommentFactory(parent=reply, author_email="", body="Deep", created_at=when, spam=True)
    CommentFactory(
        page=first, author_name="Blog", author_email="", body="ping", kind="pingback",
        created_at=when, pending=True,
    )  # fmt: skip
    return {"first": first, "second": second, "draft": draft}


def snapshot() -> dict:
    paths = dict(Page.objects.values_list("pk", "url_path"))

    def body(page):
        out = []
        for block in page.body.raw_data:
            value = block["value"]
            if block["type"] == "related":
                value = paths[value["article"]]
            elif block["type"] == "paragraph":
                value = re.sub(r'id="(\d+)"', lambda m: f'path="{paths[int(m.group(1))]}"', value)
            out.append((block["type"], value))
        return out

    articles = {
        a.url_path: (
            a.title, a.live, a.excerpt, a.publication_date, a.featured, a.comments_open,
            sorted(a.tags.names()), [x.name for x in a.authors.all()],
            sorted(s.slug for s in a.further_sections.all()), body(a),
        )
        for a in ArticlePage.objects.all()
    }  # fmt: skip
    pages = {p.url_path: (p.title, p.live, body(p)) for p in StandardPage.objects.all()}
    comments = sorted(
        (
            paths[c.page_id], c.author_name, c.author_email, c.body, c.status, c.kind, c.depth,
            c.parent.body if c.parent else None, c.created_at, c.ip_address,
        )
        for c in Comment.objects.all()
    )  # fmt: skip
    sections = {s.slug: (s.title, s.description) for s in SectionPage.objects.all()}
    return {"articles": articles, "pages": pages, "comments": comments, "sections": sections}


def empty_the_site():
    ArticlePage.objects.all().delete()
    StandardPage.objects.all().delete()
    SectionPage.objects.filter(is_default=False).delete()
    Author.objects.all().delete()
    Tag.objects.all().delete()


def test_export_is_wxr_1_2_with_everything(site, tmp_path):
    out = tmp_path / "site.xml"
    counts = export_site(out)
    assert counts == {"post": 3, "page": 2, "comment": 4, "attachment": 0}
    root = etree.parse(str(out)).getroot()
    channel = root.find("channel")
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    assert {c.findtext(f"{WP}category_nicename") for c in channel.iter(f"{WP}category")} >= {
        "politics", "economy", "uncategorized",
    }  # fmt: skip
    items = {i.findtext(f"{WP}post_name"): i for i in channel.iter("item")}
    assert items["unfinished"].findtext(f"{WP}status") == "draft"
    assert items["budget"].findtext(f"{WP}is_sticky") == "1"
    assert items["staff"].findtext(f"{WP}post_parent") == items["about"].findtext(f"{WP}post_id")
    parents = {
        c.findtext(f"{WP}comment_id"): c.findtext(f"{WP}comment_parent")
        for c in items["vote-tonight"].iter(f"{WP}comment")
    }
    assert sorted(parents.values()).count("0") == 2  # two top-level, two replies


def test_round_trip_export_then_import_into_an_empty_site(site, tmp_path):
    before = snapshot()
    out = tmp_path / "site.xml.gz"
    export_site(out)
    empty_the_site()
    assert not ArticlePage.objects.exists() and not Comment.objects.exists()
    run_import(str(out))
    after = snapshot()
    for path, fields in before["articles"].items():
        for field, (old, new) in enumerate(zip(fields, after["articles"][path], strict=True)):
            assert (path, field, new) == (path, field, old)
    assert after["articles"] == before["articles"]
    assert after["pages"] == before["pages"]
    assert after["comments"] == before["comments"]
    assert after["sections"] == before["sections"]


def test_export_command_writes_file(site, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("export_wordpress", str(tmp_path / "x.xml"), stdout=out)
    assert "3 posts, 2 pages, 4 comments" in out.getvalue()
