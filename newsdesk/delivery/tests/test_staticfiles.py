"""The static layer with production's storage: hashed names cached for good, compressed
copies sent to clients that take them, and HSTS over HTTPS exactly as Django's pages."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command

from newsdesk.delivery.staticfiles import StaticFiles

from .wsgi_client import call

HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}
CSS = "body { color: #222; }\n" * 200  # large enough to be worth compressing


@pytest.fixture
def collected(settings, tmp_path):
    """A real collectstatic of one stylesheet with production's storage."""
    source = tmp_path / "source"
    (source / "news").mkdir(parents=True)
    (source / "news" / "site.css").write_text(CSS)
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage.url("news/site.css")


@pytest.mark.django_db
def test_hashed_names_are_immutable_and_compressed_copies_are_sent(collected):
    application = StaticFiles(WSGIHandler())
    assert collected != "/static/news/site.css"
    answer = call(application, collected, HTTP_ACCEPT_ENCODING="gzip, br")
    assert answer.status == 200
    assert answer.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert answer.headers["Content-Encoding"] == "br" and len(answer.body) < len(CSS) / 10
    plain = call(application, collected)
    assert "Content-Encoding" not in plain.headers and plain.body == CSS.encode()
    # The unhashed name is a copy that may change: a minute only.
    unhashed = call(application, "/static/news/site.css")
    assert unhashed.headers["Cache-Control"] == "max-age=60, public"


@pytest.mark.django_db
def test_hsts_over_https_only_and_as_on_pages(collected):
    application = StaticFiles(WSGIHandler())
    page = call(application, "/no-such-page/", **HTTPS)  # Django's answer, any status
    static = call(application, collected, **HTTPS)
    hsts = "Strict-Transport-Security"
    assert static.headers[hsts] == page.headers[hsts] == "max-age=31536000"
    assert hsts not in call(application, collected).headers
