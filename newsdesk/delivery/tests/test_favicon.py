"""/favicon.ico answers with the project's own icon, kept a day, through the whole stack."""

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from PIL import Image

from newsdesk.delivery.hotpath import HotPath
from newsdesk.delivery.staticfiles import StaticFiles

from .wsgi_client import call

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_an_icon_kept_a_day():
    application = StaticFiles(HotPath(WSGIHandler()))
    answer = call(application, "/favicon.ico")
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "image/x-icon"
    assert answer.headers["Cache-Control"] == "public, max-age=86400"
    icon = Image.open(io.BytesIO(answer.body))
    assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]


def test_favicon_refuses_a_post(client):
    assert client.post("/favicon.ico").status_code == 405
