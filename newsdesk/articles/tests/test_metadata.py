"""Each page type's metadata(): plain facts, URLs as get_url gives them (the <head> itself is
tested in newsdesk/syndication/tests/test_metadata.py)."""

from datetime import UTC, datetime

import pytest
from django.core.paginator import Paginator
from django.test import RequestFactory
from taggit.models import Tag

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.articles.metadata import ARTICLE, FRONT, LISTING, PAGE, Person
from newsdesk.pages.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    return RequestFactory().get("/", HTTP_HOST="localhost")


def test_an_article_gives_its_facts(home, request_):
    home.intro = "The valley's paper."
    home.save_revision().publish()
    section = SectionFactory(title="Sport", slug="sport")
    author = AuthorFactory(name="Pia Lund", website="https://pia.example")
    date = datetime(2024, 3, 5, 14, 30, tzinfo=UTC)
    article = ArticleFactory(
        parent=section, title="Derby", slug="derby", excerpt="", publication_date=date,
        tags=["rovers"], authors=[author],
    )  # fmt: skip
    meta = article.metadata(request_)
    assert (meta.kind, meta.title, meta.headline) == (ARTICLE, "Derby", "Derby")
    assert meta.description == "The valley's paper."  # no excerpt, no section description
    assert (meta.url, meta.home_url, meta.section) == ("/sport/derby/", "/", "Sport")
    assert meta.published == date and meta.modified >= date
    assert meta.authors == [Person("Pia Lund", "/authors/pia-lund/", "https://pia.example")]
    assert meta.tags == ["rovers"]
    assert meta.breadcrumbs == [("newsdesk", "/"), ("Sport", "/sport/"), ("Derby", "/sport/derby/")]


def test_listings_give_the_articles_of_the_page_shown(home, request_, settings):
    section = SectionFactory(title="Sport", slug="sport")
    articles = [ArticleFactory(parent=section, slug=f"s{n}") for n in range(3)]
    listing = Paginator(articles, 2).page(2)
    meta = section.metadata(request_, home=home, listing=listing)
    assert (meta.kind, meta.url, meta.first_position) == (LISTING, "/sport/?page=2", 3)
    assert meta.listed == ["/sport/s2/"]
    assert meta.breadcrumbs == [("newsdesk", "/"), ("Sport", "/sport/")]

    tag = Tag.objects.create(name="Rovers", slug="rovers")
    meta = home.metadata(request_, tag=tag)
    assert (meta.kind, meta.title, meta.url) == (LISTING, "Tag: Rovers", "/tags/rovers/")
    assert meta.breadcrumbs == [("newsdesk", "/"), ("Tag: Rovers", "/tags/rovers/")]
    front = home.metadata(request_)
    assert (front.kind, front.url, front.breadcrumbs) == (FRONT, "/", [("newsdesk", "/")])


def test_a_plain_page_gives_its_title_description_and_url(request_):
    about = StandardPageFactory(title="About", search_description="Who we are.")
    meta = about.metadata(request_)
    assert (meta.kind, meta.title, meta.description, meta.url) == (
        PAGE, "About", "Who we are.", "/about/",
    )  # fmt: skip
    assert meta.breadcrumbs == [] and meta.listed == []
