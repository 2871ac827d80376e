"""The password reset mail for real: a real `newsdesk serve` whose EMAIL_URL names a real SMTP
server on loopback (aiosmtpd, with a login). The link arrives and resets the password; while
the mail server is down the form says so (for any address) and the log says why once."""

import re
import time
from email import message_from_bytes
from urllib.parse import urlsplit

import pytest
import requests
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from newsdesk.outages import RETRY_AFTER
from newsdesk.security.factories import SuperuserFactory
from newsdesk.security.passwords import NO_MAIL
from newsdesk.testing import free_port, running_server

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # The test's server takes a login without TLS, which aiosmtpd rightly warns about.
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
]

EDITOR_EMAIL = "editor@newsroom.example"
MAIL_USER, MAIL_PASSWORD = "news@newsroom.example", "Secr3t/pw"
ENV = {
    "NEWSDESK_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
    "DEFAULT_FROM_EMAIL": "newsroom@news.example",
}


class MailServer:
    """An SMTP server on a loopback port that takes mail from MAIL_USER only, and keeps it.
    It can be stopped and started again on the same port, to play an outage."""

    def __init__(self):
        self.port = free_port()
        self.messages: list = []
        self.controller: Controller | None = None

    @property
    def url(self) -> str:
        # The password's "/" percent-encoded, as EMAIL_URL asks.
        return f"smtp://news%40newsroom.example:Secr3t%2Fpw@127.0.0.1:{self.port}?timeout=5"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    @staticmethod
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (auth_data.login, auth_data.password) == (MAIL_USER.encode(), MAIL_PASSWORD.encode())
        return AuthResult(success=ok)

    def start(self):
        self.controller = Controller(
            self,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=self.authenticate,
            auth_required=True,
            auth_require_tls=False,
        )
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def mail_server():
    server = MailServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def editor(transactional_db, fresh_reset_limits):
    return SuperuserFactory(email=EDITOR_EMAIL, password="old pw")


def form_post(session: requests.Session, url: str, fields: dict, address="198.51.100.7"):
    """Fetch the form at `url` (for its CSRF token), then send it as a browser would."""
    page = session.get(url, headers={"X-Forwarded-For": address}, timeout=30)
    assert page.status_code == 200, page.status_code
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    return session.post(
        page.url,
        data={"csrfmiddlewaretoken": token, **fields},
        headers={"X-Forwarded-For": address},
        allow_redirects=False,
        timeout=30,
    )


def test_the_reset_mail_arrives_and_its_link_sets_a_new_password(mail_server, editor):
    with running_server(workers=1, env={**ENV, "EMAIL_URL": mail_server.url}) as base:
        browser = requests.Session()
        sent = form_post(browser, base + "/admin/password_reset/", {"email": EDITOR_EMAIL})
        assert sent.status_code == 302 and sent.headers["Location"].endswith("/done/")

        [message] = mail_server.messages
        assert message["To"] == EDITOR_EMAIL and message["From"] == "newsroom@news.example"
        link = re.search(r"https?://\S+/admin/password_reset/confirm/\S+/", message.get_payload())
        assert link, message.get_payload()

        # The link, on this site, leads to the form for a new password.
        confirm = browser.get(base + urlsplit(link[0]).path, timeout=30)
        assert confirm.status_code == 200 and "new_password1" in confirm.text
        fields = {"new_password1": "a new long pw 42", "new_password2": "a new long pw 42"}
        changed = form_post(browser, confirm.url, fields)
        assert changed.status_code == 302 and changed.headers["Location"].endswith("/complete/")

    editor.refresh_from_db()
    assert editor.check_password("a new long pw 42")


def test_while_the_mail_server_is_down_the_form_says_so_and_the_log_says_why_once(
    mail_server, editor, capfd
):
    mail_server.stop()
    reset = "/admin/password_reset/"
    with running_server(workers=1, env={**ENV, "EMAIL_URL": mail_server.url}) as base:
        answers = [
            form_post(requests.Session(), base + reset, {"email": email})
            for email in (EDITOR_EMAIL, "nobody@newsroom.example")
        ]
        time.sleep(RETRY_AFTER)  # past the moment a failed server is left alone: tried again
        answers.append(form_post(requests.Session(), base + reset, {"email": EDITOR_EMAIL}))
        for answer in answers:
            # The same for an account and for none: no reset link can be on its way.
            assert answer.status_code == 503 and NO_MAIL in answer.text
        assert 'value="nobody@newsroom.example"' in answers[1].text  # what was typed is kept

        mail_server.start()
        time.sleep(RETRY_AFTER)
        back = form_post(requests.Session(), base + reset, {"email": EDITOR_EMAIL})
        assert back.status_code == 302
        assert len(mail_server.messages) == 1

    log = capfd.readouterr().err
    down = f"The mail server at 127.0.0.1:{mail_server.port} is unavailable (ConnectionRefused"
    assert log.count(down) == 1, log
    assert log.count(f"The mail server at 127.0.0.1:{mail_server.port} works again") == 1
    assert "Secr3t" not in log
