"""Corrections and updates: shown on the article, in its JSON-LD and feed item, and listed in
the public corrections log (/corrections/)."""

from datetime import timedelta

import extruct
import feedparser
import pytest
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory
from newsdesk.articles.models import ArticleNote

pytestmark = pytest.mark.django_db


def add_note(article, **fields):
    """What an editor does: add a note in the InlinePanel, then publish the article."""
    article.notes.add(ArticleNote(**fields))
    article.save_revision().publish()
    article.refresh_from_db()
    return article


@pytest.fixture
def corrected():
    article = ArticleFactory(title="Bridge reopens")
    article.save_revision().publish()
    later = timezone.now() + timedelta(days=2)
    return add_note(
        article,
        kind=ArticleNote.CORRECTION,
        date=later,
        text="An earlier version gave the wrong <b>date</b>.",
        position=ArticleNote.TOP,
    ), later


def test_notes_show_at_their_position_escaped(client):
    article = ArticleFactory()
    article.save_revision().publish()
    add_note(article, kind=ArticleNote.CORRECTION, text="Top note", position=ArticleNote.TOP)
    add_note(article, kind=ArticleNote.UPDATE, text="Bottom note", position=ArticleNote.BOTTOM)
    html = client.get(article.url).content.decode()
    header_end = html.index("</header>", html.index('id="headline"'))
    assert html.index("Top note") < header_end < html.index("Bottom note")
    assert "<strong>Update</strong>" in html and "<strong>Correction</strong>" in html

    article = ArticleFactory()
    article.save_revision().publish()
    add_note(article, text="<script>x()</script>")
    html = client.get(article.url).content.decode()
    assert "<script>x()</script>" not in html and "&lt;script&gt;" in html


def test_json_ld_carries_the_correction_and_date_modified_moves(client, corrected):
    article, later = corrected
    html = client.get(article.url).content.decode()
    data = extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld"])["json-ld"]
    (news,) = [item for item in data if item.get("@type") == "NewsArticle"]
    (correction,) = news["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"] == "An earlier version gave the wrong <b>date</b>."
    assert correction["datePublished"].startswith(later.date().isoformat())
    assert news["dateModified"] == correction["datePublished"]


def test_an_update_is_not_a_correction_in_json_ld(client):
    article = ArticleFactory()
    article.save_revision().publish()
    add_note(article, kind=ArticleNote.UPDATE, text="Police named the suspect.")
    html = client.get(article.url).content.decode()
    data = extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld"])["json-ld"]
    (news,) = [item for item in data if item.get("@type") == "NewsArticle"]
    assert "correction" not in news


def test_feed_item_updated_date_moves(client, corrected):
    article, later = corrected
    parsed = feedparser.parse(client.get("/feed/atom/").content)
    (entry,) = [e for e in parsed.entries if e.title == "Bridge reopens"]
    updated = entry.updated_parsed
    assert (updated.tm_year, updated.tm_mon, updated.tm_mday) == later.utctimetuple()[:3]


def test_corrections_log_lists_published_corrections_only(client, corrected):
    article, _ = corrected
    hidden = ArticleFactory(title="Withdrawn story")
    hidden.save_revision().publish()
    add_note(hidden, text="Hidden correction")
    hidden.unpublish()
    update_only = ArticleFactory(title="Updated only")
    update_only.save_revision().publish()
    add_note(update_only, kind=ArticleNote.UPDATE, text="Just an update")

    response = client.get("/corrections/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{article.url}"' in html and "Bridge reopens" in html
    assert "the wrong &lt;b&gt;date&lt;/b&gt;" in html
    assert "Hidden correction" not in html and "Just an update" not in html


def test_corrections_log_has_its_own_canonical_url(client):
    html = client.get("/corrections/").content.decode()
    assert '<link rel="canonical" href="http://localhost/corrections/">' in html
