"""MEDIA_URL inside Django: what the media layer (mediafiles.py) leaves to it, i.e. private
image files asked for with a session cookie, and every media request where no such layer
runs (`runserver`, the test client)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control
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
