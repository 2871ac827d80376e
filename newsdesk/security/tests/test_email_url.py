"""EMAIL_URL: each form it takes, and a bad one stopping the start with what is wrong but
never the password."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsdesk.settings.env import email_settings

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_smtp_with_starttls_as_a_scheme_or_an_option():
    expected = {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "news@example.org",
        "EMAIL_HOST_PASSWORD": "p@ss/w:rd",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10.0,
    }
    credentials = "news%40example.org:p%40ss%2Fw%3Ard"
    assert email_settings("EMAIL_URL", f"smtp+tls://{credentials}@mail.example.org") == expected
    with_option = f"smtp://{credentials}@mail.example.org:587?tls=1"
    assert email_settings("EMAIL_URL", with_option) == expected


def test_plain_smtp_and_implicit_tls():
    plain = email_settings("EMAIL_URL", "smtp://localhost?timeout=2.5")
    assert (plain["EMAIL_HOST"], plain["EMAIL_PORT"]) == ("localhost", 25)
    assert (plain["EMAIL_USE_TLS"], plain["EMAIL_USE_SSL"], plain["EMAIL_TIMEOUT"]) == (
        False,
        False,
        2.5,
    )
    assert plain["EMAIL_HOST_USER"] == plain["EMAIL_HOST_PASSWORD"] == ""
    implicit = email_settings("EMAIL_URL", "SMTPS://u:p@[2001:db8::25]")
    assert (implicit["EMAIL_HOST"], implicit["EMAIL_PORT"]) == ("2001:db8::25", 465)
    assert (implicit["EMAIL_USE_TLS"], implicit["EMAIL_USE_SSL"]) == (False, True)


def test_mail_kept_on_this_machine():
    assert email_settings("EMAIL_URL", "console://") == {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"
    }
    assert email_settings("EMAIL_URL", "dummy://")["EMAIL_BACKEND"].endswith("dummy.EmailBackend")
    assert email_settings("EMAIL_URL", "file:///var/mail/news%20desk") == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/mail/news desk",
    }


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("smtp.example.org:587", "the scheme must be one of smtp, smtp+tls, smtps"),
        ("imap://u:Secr3t@mail.example.org", "the scheme must be one of"),
        ("smtp://u:Secr3t@mail.example.org:58x7", "the port is not a number"),
        ("smtp://u:Sec/r3t@mail.example.org:587", "must be percent-encoded"),
        ("smtp://u:Secr3t@:587", "it names no mail server"),
        ("smtps://u:Secr3t@mail.example.org?tls=1", "smtps is TLS from the start"),
        ("smtp://u:Secr3t@mail.example.org?tls=maybe", "tls= takes 1 or 0"),
        ("smtp://u:Secr3t@mail.example.org?timeout=-1", "timeout= takes seconds"),
        ("smtp://u:Secr3t@mail.example.org?Secr3t=1", "the only options are"),
        ("file://var/mail", "a file URL names an absolute folder"),
        ("smtp://u:Secr3t@[::1", "it is not a URL"),
    ],
)
def test_a_bad_url_says_what_is_wrong_without_the_password(url, what):
    with pytest.raises(ImproperlyConfigured) as caught:
        email_settings("EMAIL_URL", url)
    message = str(caught.value)
    assert message.startswith("EMAIL_URL is not a mail server URL: ") and what in message
    assert "Secr3t" not in message and "Sec/r3t" not in message and "r3t@" not in message


def test_the_site_refuses_to_start_with_a_bad_url_and_says_why():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.test",
        "EMAIL_URL": "smtp://news:Secr3t@mail.example.org:5x87",
    }
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "EMAIL_URL is not a mail server URL: the port is not a number" in result.stderr
    assert "Secr3t" not in result.stdout + result.stderr
