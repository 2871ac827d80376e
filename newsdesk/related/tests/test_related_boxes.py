import re
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.related.selection import most_related

pytestmark = pytest.mark.django_db
BOX = re.compile(
    r'<aside class="related-box"[^>]*>\s*<h2 class="related-heading">Other Topics of Interest</h2>'
    r'\s*<p class="related-title"><a href="([^"]+)">([^<]+)</a></p>'
)


def boxes(client, article):
    return BOX.findall(client.get(article.url).content.decode())


def paragraphs(n):
    return [("paragraph", f"<p>Paragraph {i}.</p>") for i in range(1, n + 1)]


def test_shared_tags_beat_same_section_and_recency():
    section = SectionFactory()
    article = ArticleFactory(parent=section, tags=["flood", "river"])
    ArticleFactory(parent=section, title="Same section, newest")
    one_tag = ArticleFactory(tags=["flood"])
    two_tags = ArticleFactory(tags=["flood", "river"])
    assert most_related(article).pk == two_tags.pk
    two_tags.unpublish()
    assert most_related(article).pk == one_tag.pk


def test_same_section_beats_recency():
    section = SectionFactory()
    article = ArticleFactory(parent=section)
    sibling = ArticleFactory(parent=section)
    ArticleFactory(publication_date=timezone.now() + timedelta(hours=1))
    assert most_related(article).pk == sibling.pk


def test_automatic_box_after_paragraph_n(client, settings):
    settings.NEWSDESK_RELATED_AFTER_PARAGRAPH = 2
    other = ArticleFactory(title="The other story", excerpt="Its excerpt.", tags=["x"])
    article = ArticleFactory(body=paragraphs(4), tags=["x"])
    html = client.get(article.url).content.decode()
    assert boxes(client, article) == [(other.url, "The other story")]
    box_at = html.index('class="related-box"')
    assert html.index("Paragraph 2.") < box_at < html.index("Paragraph 3.")
    assert '<p class="related-excerpt">Its excerpt.</p>' in html


def test_automatic_box_goes_last_in_a_short_body(client, settings):
    settings.NEWSDESK_RELATED_AFTER_PARAGRAPH = 5
    ArticleFactory()
    article = ArticleFactory(body=paragraphs(2))
    html = client.get(article.url).content.decode()
    assert html.index("Paragraph 2.") < html.index('class="related-box"')


def test_no_box_without_candidates_never_itself_never_unpublished(client):
    article = ArticleFactory(title="Alone")
    assert boxes(client, article) == []
    hidden = ArticleFactory(title="Withdrawn")
    hidden.unpublish()
    assert boxes(client, article) == []


def test_editor_placed_boxes_replace_the_automatic_one(client):
    chosen = ArticleFactory(title="Chosen by the editor")
    ArticleFactory(title="Would be automatic")
    withdrawn = ArticleFactory(title="Withdrawn")
    withdrawn.unpublish()
    article = ArticleFactory(
        body=[
            ("paragraph", "<p>Intro.</p>"),
            ("related", {"article": chosen}),
            ("paragraph", "<p>More.</p>"),
            ("related", {"article": withdrawn}),
        ]
    )
    assert boxes(client, article) == [(chosen.url, "Chosen by the editor")]
