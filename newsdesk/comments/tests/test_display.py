import pytest

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.text import render_comment_text

pytestmark = pytest.mark.django_db


def test_comment_text_is_escaped_with_paragraphs_and_links():
    html = render_comment_text(
        "<script>alert(1)</script> first line\nsecond line\n\nSee https://example.org/a?b=1&c=2 "
        'and <a href="x" rel="nofollow">fake</a>'
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<p>") == 2 and "first line<br>second line" in html
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc">' in html
    assert "&lt;a href=&quot;x&quot; rel=&quot;nofollow&quot;&gt;" in html


def test_approved_comments_oldest_first_with_name_link_and_date(client):
    article = ArticleFactory()
    first = CommentFactory(
        page=article, author_name="Early <b>Bird</b>", author_url="https://bird.example"
    )
    second = CommentFactory(page=article)
    CommentFactory(page=article, body="Buy now", spam=True)
    CommentFactory(page=article, body="Not yet", pending=True)
    html = client.get(article.url).content.decode()
    assert html.index(f'id="comment-{first.pk}"') < html.index(f'id="comment-{second.pk}"')
    assert (
        '<a href="https://bird.example" rel="nofollow ugc" class="url">'
        "Early &lt;b&gt;Bird&lt;/b&gt;</a>" in html
    )
    assert f'datetime="{first.created_at.isoformat()}' in html
    assert "Buy now" not in html and "Not yet" not in html


def test_no_commenter_email_on_any_public_page(client):
    section = SectionFactory(title="World")
    author = AuthorFactory(name="Jo Writer")
    article = ArticleFactory(parent=section, tags=["rain"], authors=[author])
    CommentFactory(page=article, author_email="secret.one@x.example")
    CommentFactory(page=article, author_email="secret.two@x.example", pending=True)
    urls = [
        "/",
        section.url,
        "/tags/rain/",
        f"/authors/{author.slug}/",
        article.url,
        f"{article.url}?replytocom=1",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "secret.one" not in body and "secret.two" not in body, url
        assert author.email not in body, url
