"""The largest image above the fold (the LCP element) is fetched first and never lazily;
thumbnails further down are lazy."""

import lxml.html
import pytest
from wagtail_factories import ImageFactory

from newsdesk.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def images(client, url: str) -> list:
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.content).xpath("//main//img")


def test_article_lead_image_is_fetched_first_and_not_lazy(client):
    article = ArticleFactory(image=ImageFactory(title="Harbour at dawn"))
    (lead, *_) = images(client, article.url)
    assert lead.get("alt") == "Harbour at dawn"
    assert lead.get("fetchpriority") == "high" and lead.get("loading") is None


def test_front_page_lead_is_fetched_first(client, home):
    ArticleFactory(image=ImageFactory())
    (lead, *_) = images(client, "/")
    assert lead.get("fetchpriority") == "high" and lead.get("loading") is None


def test_a_listing_loads_its_first_thumbnail_at_once_and_the_rest_lazily(client):
    section = SectionFactory(title="Harbour")
    for _ in range(3):
        ArticleFactory(parent=section, image=ImageFactory())
    thumbs = images(client, section.url)
    assert [img.get("loading") for img in thumbs] == [None, "lazy", "lazy"]
    assert all(img.get("fetchpriority") is None for img in thumbs)
