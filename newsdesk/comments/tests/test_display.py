import pytest

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.comments.models import Comment
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
    first = Comment.objects.create(
        page=article,
        author_name="Early <b>Bird</b>",
        author_email="early@x.example",
        author_url="https://bird.example",
        body="I was first",
        status="approved",
    )
    second = Comment.objects.create(
        page=article,
        author_name="Later",
        author_email="l@x.example",
        body="I was second",
        status="approved",
    )
    Comment.objects.create(
        page=article,
        author_name="Spammer",
        author_email="s@x.example",
        body="Buy now",
        status="spam",
    )
    Comment.objects.create(
        page=article,
        author_name="Waiting",
        author_email="w@x.example",
        body="Not yet",
        status="pending",
    )
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
    Comment.objects.create(
        page=article,
        author_name="Visible",
        author_email="secret.one@x.example",
        body="Hello",
        status="approved",
    )
    Comment.objects.create(
        page=article,
        author_name="Pending",
        author_email="secret.two@x.example",
        body="Hi",
        status="pending",
    )
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
