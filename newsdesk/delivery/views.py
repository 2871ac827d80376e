"""MEDIA_URL inside Django: what the media layer (mediafiles.py) leaves to it, i.e. private
image files asked for with a session cookie, and every media request where no such layer
runs (`runserver`, the test client)."""

from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

from .media_policy import find_media_file


def media_file(request: HttpRequest, name: str) -> HttpResponseBase:
    found = find_media_file(name)
    if found is None or not found.accepts(request):
        raise Http404("No such file")
    response = serve(request, found.name, document_root=str(settings.MEDIA_ROOT))
    if found.is_private:
        patch_cache_control(response, private=True, no_cache=True)
    return response


# /favicon.ico, which browsers and crawlers ask for whatever the page's <link rel="icon">
# says: the project's own icon (static/newsdesk/favicon.ico), kept a day.
FAVICON = "newsdesk/favicon.ico"
FAVICON_MAX_AGE = 24 * 60 * 60


@cache
def favicon_bytes() -> bytes:
    found = finders.find(FAVICON)
    if not isinstance(found, str):
        raise Http404("No favicon")
    with open(found, "rb") as icon:
        return icon.read()


@require_safe
def favicon(request: HttpRequest) -> HttpResponseBase:
    response = HttpResponse(favicon_bytes(), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=FAVICON_MAX_AGE)
    return response
