"""/robots.txt: everything but the admin and the comment form's target; the sitemaps."""

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Disallow: /admin/\n"
        "Disallow: /comments/post/\n"
        "\n"
        "Sitemap: http://localhost/sitemap.xml\n"
        "Sitemap: http://localhost/news-sitemap.xml\n"
    )


def test_sitemap_lines_are_absolute_on_the_requested_host(client):
    text = client.get("/robots.txt", secure=True, HTTP_HOST="news.example.org").content.decode()
    assert "Sitemap: https://news.example.org/sitemap.xml\n" in text
    assert "Sitemap: https://news.example.org/news-sitemap.xml\n" in text


def test_named_sitemaps_answer(client):
    text = client.get("/robots.txt").content.decode()
    sitemaps = [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("Sitemap:")]
    assert len(sitemaps) == 2
    for url in sitemaps:
        assert client.get(url.removeprefix("http://localhost")).status_code == 200, url


def test_disallowed_paths_are_the_real_ones(client):
    """The Disallow lines follow the URL configuration rather than repeating it."""
    from django.urls import resolve

    assert resolve("/admin/").url_name == "wagtailadmin_home"
    assert resolve("/comments/post/1/").view_name == "comments:post"
