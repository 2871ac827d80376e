"""What the origin tells a CDN, and what it purges (test_cdn.py runs both against Varnish)."""

import pytest
from wagtail.models import Site

from newsdesk.delivery import frontend_cache
from newsdesk.delivery.pagecache import LISTING, build_cached_page

VARNISH = {
    "default": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": "http://127.0.0.1:6081",
    }
}
PAGE = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "max-age=0")]


def cache_control(headers) -> list[str]:
    return [value for name, value in headers if name == "Cache-Control"]


def test_without_a_cdn_listings_are_not_shareable_for_long(settings):
    settings.WAGTAILFRONTENDCACHE = {}
    page = build_cached_page(LISTING, 1, PAGE, b"<html>listing</html>", 0.0)
    assert cache_control(page.headers) == ["public, no-cache"]


def test_with_a_purged_cdn_listings_are_kept_there(settings):
    settings.WAGTAILFRONTENDCACHE = VARNISH
    settings.NEWSDESK_FRONTEND_CACHE_MAX_AGE = 120
    page = build_cached_page(LISTING, 1, PAGE, b"<html>listing</html>", 0.0)
    assert cache_control(page.headers) == ["public, max-age=0, s-maxage=120"]
    settings.NEWSDESK_FRONTEND_CACHE_MAX_AGE = 0
    assert frontend_cache.listing_cache_control() == "public, no-cache"


@pytest.mark.django_db
def test_the_purge_covers_every_site():
    Site.objects.create(hostname="other.example", port=443, root_page=Site.objects.get().root_page)
    urls = frontend_cache.purge_urls()
    assert urls == sorted(site.root_url + "/*" for site in Site.objects.all())
    assert "https://other.example/*" in urls
