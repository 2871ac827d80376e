import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail_factories import ImageFactory

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.articles.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return response.content.decode()


def test_section_label_links_to_section(client):
    section = SectionFactory(title="Politics")
    html = html_of(client, ArticleFactory(parent=section))
    assert f'<p class="section-label"><a href="{section.url}">Politics</a></p>' in html


def test_article_given_no_section_is_uncategorized(client):
    article = ArticlePage.add_to_section(ArticlePage(title="Loose", slug="loose", live=True))
    assert article.section == SectionPage.get_default()
    assert SectionPage.get_default().title == "Uncategorized"
    html = html_of(client, article)
    assert '<a href="/uncategorized/">Uncategorized</a>' in html


def test_headline_byline_and_date(client):
    writers = [AuthorFactory(name="Mara Ocampo"), AuthorFactory(name="Lin Weber")]
    article = ArticleFactory(title="“Quoted” headline — it’s kept", authors=writers)
    html = html_of(client, article)
    assert '<h1 id="headline">“Quoted” headline — it’s kept</h1>' in html
    # Bylines list the authors by name.
    assert (
        '<a href="/authors/lin-weber/" rel="author">Lin Weber</a> and '
        '<a href="/authors/mara-ocampo/" rel="author">Mara Ocampo</a>'
    ) in html
    assert f'<time datetime="{article.publication_date.isoformat()}">' in html


def test_body_blocks_render_semantically(client):
    image = ImageFactory(title="Harbour at dawn")
    article = ArticleFactory(
        body=[
            ("paragraph", "<p>Opening <b>paragraph</b>.</p>"),
            ("subheading", "What changes"),
            ("quote", {"text": "We’ll see.", "attribution": "The mayor"}),
            ("image", {"image": image, "caption": "The harbour", "alt_text": ""}),
            ("embed", {"embed": "https://video.invalid/watch/1", "caption": "Footage"}),
        ]
    )
    html = html_of(client, article)
    assert "<p>Opening <b>paragraph</b>.</p>" in html
    assert '<h2 class="block-subheading">What changes</h2>' in html
    assert re.search(
        r"<blockquote><p>We’ll see.</p></blockquote>\s*<figcaption>— <cite>The mayor</cite>", html
    )
    assert re.search(r'<img src="[^"]+" width="\d+" height="\d+" alt="The harbour"', html)
    assert "<figcaption>The harbour</figcaption>" in html
    # No embed provider can be reached here: the block falls back to a plain link.
    assert '<a href="https://video.invalid/watch/1">' in html


def test_counter_line_wording(client):
    html = html_of(client, ArticleFactory())
    assert (
        '<p class="view-counter"><!--live:counter-->Visited 1 times, 1 visit(s) today'
        "<!--/live--></p>" in html
    )


def test_ui_strings_can_be_overridden(client, settings):
    settings.NEWSDESK_STRINGS = {"reply_heading": "Have your say"}
    html = html_of(client, ArticleFactory())
    assert "Have your say" in html and "Leave a Reply" not in html


def test_draft_is_not_public(client):
    article = ArticleFactory()
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_stylesheet_is_the_projects_own_and_collectable(client):
    from django.contrib.staticfiles import finders

    html = html_of(client, ArticleFactory())
    assert '<link rel="stylesheet" href="/static/newsdesk/css/site.css">' in html
    assert finders.find("newsdesk/css/site.css")
    # Nothing the page loads (scripts, images, styles, frames) comes from another host.
    # (rel="canonical" and rel="alternate" name addresses; they load nothing.)
    loaded = re.findall(r'\bsrc="([^"]*)"', html) + re.findall(
        r'<link(?![^>]*\brel="(?:canonical|alternate)")[^>]+href="([^"]*)"', html
    )
    assert loaded and all(url.startswith("/") and not url.startswith("//") for url in loaded)


def test_rich_text_stored_by_code_is_sanitised_when_shown(client):
    # Rich text saved by an import or the API bypasses the editor's own filtering.
    target = ArticleFactory(title="The council vote")
    article = ArticleFactory(
        body=[
            (
                "paragraph",
                f'<p onclick="steal()">Read <a linktype="page" id="{target.pk}">the vote</a> and '
                '<a href="javascript:alert(1)">this</a>.<script>alert(2)</script>'
                '<img src="x" onerror="alert(3)"></p>',
            ),
        ]
    )
    html = html_of(client, article)
    body = html[html.index('<div class="block-paragraph">') :]
    body = body[: body.index("</div>")]
    assert "<script" not in body and "alert(2)" not in body
    assert "onclick" not in body and "onerror" not in body and "javascript:" not in body
    assert f'<a href="{target.url}">the vote</a>' in body


def test_serve_keywords_reach_the_template_context():
    # How a capability app shows the article with something of its own (e.g. a form again).
    article = ArticleFactory()
    request = RequestFactory().get(article.url, HTTP_HOST="localhost")
    request.user = AnonymousUser()
    response = article.serve(request, shown_again={"note": "kept"})
    assert response.context_data["shown_again"] == {"note": "kept"}
    assert response.context_data["page"] == article
