"""The site's security posture: headers on public pages, no inline script, the production
settings' deploy check, and admin login throttling."""

import os
import re
import subprocess
import sys

import pytest

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.security.factories import SuperuserFactory

pytestmark = pytest.mark.django_db

# <script> that is not JSON-LD data (which browsers do not execute) nor a file of the site's
# own static files (the comment form's remember.js), inline event handlers, style attributes
# and javascript: links: what a strict CSP would block on a public page.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*type=\"application/ld\+json\")(?![^>]*\ssrc=\"/static/)[^>]*>", re.I
)
SCRIPT_TAG = re.compile(r"<script[^>]*>", re.I)
INLINE_ATTRIBUTE = re.compile(r"<[^>]+\s(?:on[a-z]+|style)\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


@pytest.fixture
def public_pages(home):
    section = SectionFactory(title="Politics")
    article = ArticleFactory(parent=section, tags=["harbour"])
    CommentFactory(page=article)
    return ["/", section.url, article.url, "/search/?q=harbour", "/tags/harbour/"]


def test_public_pages_send_a_strict_csp_and_the_security_headers(client, public_pages):
    for url in public_pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = dict(
            directive.strip().split(" ", 1)
            for directive in response["Content-Security-Policy"].split(";")
        )
        assert policy["script-src"] == "'self'" and policy["default-src"] == "'self'", url
        assert policy["style-src"] == "'self'" and policy["object-src"] == "'none'"
        assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
        assert "unsafe" not in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_public_pages_hold_no_inline_script_or_style(client, public_pages):
    for url in public_pages:
        html = client.get(url).text
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html)[0])
        assert not INLINE_ATTRIBUTE.search(html), (url, INLINE_ATTRIBUTE.search(html)[0])
        assert not JAVASCRIPT_URL.search(html), url
        for tag in SCRIPT_TAG.findall(html):  # a static file's script has no inline body
            assert "ld+json" in tag or html.split(tag, 1)[1].startswith("</script>"), tag


def test_the_admin_keeps_its_inline_scripts_without_the_public_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="newsdesk.settings.production", **extra)
    return env


def newsdesk_command(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *args], env=env, capture_output=True, text=True
    )


def test_production_settings_pass_the_deploy_check():
    env = production_env(
        SECRET_KEY="k" * 20 + "-Zq8#vT!p2@Lr9$Wm4^Xs7&Yd1*Nb6(Hc3)",
        ALLOWED_HOSTS="n.example",
        EMAIL_URL="smtp+tls://news:pw@mail.n.example:587",
        DEFAULT_FROM_EMAIL="news@n.example",
    )
    result = newsdesk_command("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = newsdesk_command("check", env=production_env(ALLOWED_HOSTS="n.example"))
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


# Admin login throttling (django-axes)


def sign_in(client, password, username="editor", address="192.0.2.10"):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_repeated_wrong_passwords_lock_the_account_out_from_that_address(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    SuperuserFactory(username="editor", password="right pw")
    for _ in range(2):
        assert sign_in(client, "wrong").status_code == 200  # the form again, with its error
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.text
    # Even the right password is refused now...
    assert sign_in(client, "right pw").status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but only for that user from that address.
    assert sign_in(client, "right pw", address="192.0.2.99").status_code == 302


def test_a_successful_sign_in_resets_the_count(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    SuperuserFactory(username="editor", password="right pw")
    assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, "right pw").status_code == 302
    client.logout()
    assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, "right pw").status_code == 302
