"""WSGI entry point for granian (`newsdesk serve`) or any WSGI server: Django, behind the
hot path that answers anonymous page views from memory (newsdesk.delivery.hotpath)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.production")

from newsdesk.delivery.hotpath import HotPath  # noqa: E402 - needs the settings module set

application = HotPath(get_wsgi_application())
