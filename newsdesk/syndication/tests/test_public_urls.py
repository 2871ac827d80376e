"""PageUrls must give what page_url() gives, on one site and across two."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.syndication.public_urls import PageUrls, page_url

pytestmark = pytest.mark.django_db


def request_for(host):
    return RequestFactory().get("/", HTTP_HOST=host)


def assert_same_urls(request):
    urls = PageUrls(request)
    pages = list(Page.objects.exclude(depth=1))
    assert pages
    for page in pages:
        assert urls(page.url_path) == page_url(request, page), page.url_path


def test_one_site(home):
    section = SectionFactory(title="Harbour news", slug="harbour")
    ArticleFactory(title="Ferry crews strike", parent=section, slug="ferry-crews")
    ArticleFactory(title="Fjørd", parent=section, slug="fjørd")
    request = request_for("localhost")
    assert_same_urls(request)
    assert PageUrls(request)(section.url_path + "ferry-crews/") == (
        "http://localhost/harbour/ferry-crews/"
    )


def test_two_sites(home):
    section = SectionFactory(title="Harbour news", slug="harbour")
    other = SectionFactory(title="Sport", slug="sport")
    ArticleFactory(title="Ferry crews strike", parent=section)
    ArticleFactory(title="Cup final", parent=other)
    Site.objects.create(hostname="sport.example", port=80, root_page=other)
    for host in ("localhost", "sport.example"):
        assert_same_urls(request_for(host))
    cup = other.get_children().get()
    ferry = section.get_children().get()
    from_sport = PageUrls(request_for("sport.example"))
    assert from_sport(cup.url_path) == "http://sport.example/cup-final/"
    # Only on the main site: that site's own URL, whatever host asks.
    assert from_sport(ferry.url_path) == f"{home.get_site().root_url}/harbour/{ferry.slug}/"
