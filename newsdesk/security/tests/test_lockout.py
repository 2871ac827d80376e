"""The admin login lockout (django-axes) behind a proxy: it counts failures per forwarded client
address, as every other limit of the site does, not per proxy (which let anyone lock an editor
out of the admin for everyone)."""

import pytest

from newsdesk.security.factories import SuperuserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def sign_in(client, password, forwarded_for):
    return client.post(
        "/admin/login/",
        {"username": "editor", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"203.0.113.250, {forwarded_for}",  # the first entry is a lie
    )


def test_failures_behind_the_proxy_lock_out_the_forwarded_address_only(client, settings):
    settings.NEWSDESK_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert settings.AXES_FAILURE_LIMIT == 5
    SuperuserFactory(username="editor", password="right pw")

    attacker, editor = "198.51.100.66", "192.0.2.10"
    for _ in range(4):
        assert sign_in(client, "guess", attacker).status_code == 200  # the form, with its error
    assert sign_in(client, "guess", attacker).status_code == 429  # the fifth locks out
    assert sign_in(client, "right pw", attacker).status_code == 429

    # The editor comes through the same proxy from another address and gets in.
    response = sign_in(client, "right pw", editor)
    assert response.status_code == 302, response.status_code
    assert client.session["_auth_user_id"]
