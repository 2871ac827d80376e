"""WSGI entry point for granian (`newsdesk serve`) or any WSGI server. Layers, outermost
first: static files (WhiteNoise), media files (public image files only), the hot path that
answers anonymous page views from memory, and Django (docs/serving.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.production")

# These need the settings module set and the apps loaded.
from newsdesk.delivery.hotpath import HotPath  # noqa: E402
from newsdesk.delivery.mediafiles import MediaFiles  # noqa: E402
from newsdesk.delivery.staticfiles import StaticFiles  # noqa: E402

application = StaticFiles(MediaFiles(HotPath(get_wsgi_application(), refresh_in_background=True)))
