import pytest

from newsdesk.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_article_in_section_renders(client):
    section = SectionFactory(title="Politics")
    article = ArticleFactory(parent=section, title="Council votes", tags=["budget"])
    response = client.get(article.url)
    assert response.status_code == 200
    assert b"Council votes" in response.content
