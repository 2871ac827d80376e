"""Mounted at /api/ (newsdesk/urls.py)."""

from django.urls import path

from .ninja_api import api
from .v2 import router as v2_router

urlpatterns = [
    path("v2/", v2_router.urls),
    path("", api.urls),
]
