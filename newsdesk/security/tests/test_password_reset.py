"""The editors' password reset form: limits per client address and per email asked for, the
same answers whether or not an account exists, and the form switched off when it cannot
work."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.security.factories import SuperuserFactory
from newsdesk.security.passwords import TOO_MANY

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"
EDITOR_EMAIL = "editor@newsroom.example"


@pytest.fixture(autouse=True)
def _editor(settings, fresh_reset_limits):
    settings.NEWSDESK_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    SuperuserFactory(email=EDITOR_EMAIL, password="old pw")


def ask(client, email, address):
    return client.post(
        RESET, {"email": email}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address
    )


def answer(response) -> tuple[int, bool]:
    """What the asker learns: the status, and whether the form says it was too many."""
    return response.status_code, TOO_MANY in response.text


def test_one_address_may_ask_five_times_an_hour(client):
    nobody = [f"nobody{n}@newsroom.example" for n in range(4)]
    asked = [EDITOR_EMAIL, *nobody]
    assert [ask(client, email, "198.51.100.7").status_code for email in asked] == [302] * 5
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [EDITOR_EMAIL]

    refused = ask(client, EDITOR_EMAIL, "198.51.100.7")
    assert answer(refused) == (429, True)
    assert 'value="editor@newsroom.example"' in refused.text  # what was typed is kept
    assert len(mail.outbox) == 1
    # Another reader behind the same proxy has a count of its own.
    assert ask(client, EDITOR_EMAIL, "198.51.100.8").status_code == 302
    assert len(mail.outbox) == 2


def test_one_email_may_be_asked_for_five_times_an_hour_and_nobody_learns_if_it_exists(client):
    stranger = "stranger@newsroom.example"
    for email in (EDITOR_EMAIL, stranger):
        answers = [answer(ask(client, email, f"192.0.2.{n}")) for n in range(1, 7)]
        assert answers == [(302, False)] * 5 + [(429, True)], email
    assert len(mail.outbox) == 5  # the editor's five; the inbox is not flooded


def test_the_limit_is_counted_before_any_account_is_looked_up(client):
    for n in range(5):
        ask(client, f"nobody{n}@newsroom.example", "203.0.113.9")
    with CaptureQueriesContext(connection) as queries:
        assert answer(ask(client, EDITOR_EMAIL, "203.0.113.9")) == (429, True)
    assert not any("auth_user" in query["sql"] for query in queries.captured_queries)


def test_the_limits_can_be_switched_off(client, settings):
    settings.NEWSDESK_PASSWORD_RESET_RATE_PER_IP = 0
    settings.NEWSDESK_PASSWORD_RESET_RATE_PER_EMAIL = 0
    assert {ask(client, EDITOR_EMAIL, "198.51.100.20").status_code for _ in range(8)} == {302}
    assert len(mail.outbox) == 8


def test_switched_off_there_is_no_form_and_no_link_to_it(client, settings):
    assert f'href="{RESET}"' in client.get("/admin/login/").text
    settings.WAGTAIL_PASSWORD_RESET_ENABLED = False
    assert client.get(RESET).status_code == 404
    assert ask(client, EDITOR_EMAIL, "198.51.100.30").status_code == 404
    assert f'href="{RESET}"' not in client.get("/admin/login/").text
    assert mail.outbox == []
