"""Production without a mail server: password reset is off and `newsdesk check --deploy` says
why; with one, the check wants a sender address that mail servers accept."""

import os
import subprocess
import sys

SECRET_KEY = "k" * 20 + "-Zq8#vT!p2@Lr9$Wm4^Xs7&Yd1*Nb6(Hc3)"
SMTP_URL = "smtp+tls://news:Secr3t@mail.example.org:587"


def production(*args, **env):
    """A `newsdesk` command with the production settings and these variables."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    base = {k: v for k, v in base.items() if "EMAIL" not in k}
    base.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="news.example",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *args], env=base, capture_output=True, text=True
    )


def deploy_check(**env):
    result = production("check", "--deploy", "--fail-level", "WARNING", **env)
    return result.returncode, result.stdout + result.stderr


def reset_enabled(**env) -> str:
    code = "from wagtail.admin.views.account import password_reset_enabled as on; print(on())"
    result = production("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_email_url_password_reset_is_off_and_the_check_says_why():
    assert reset_enabled() == "False"
    code, output = deploy_check(DEFAULT_FROM_EMAIL="newsroom@news.example")
    assert code != 0
    assert "newsdesk.security.W001" in output
    assert "No mail leaves this site: it is written to the console (the log)." in output
    assert "Set EMAIL_URL" in output


def test_with_email_url_password_reset_is_on():
    assert reset_enabled(EMAIL_URL=SMTP_URL) == "True"


def test_the_check_wants_a_sender_address_other_than_localhost():
    code, output = deploy_check(EMAIL_URL=SMTP_URL)
    assert code != 0 and "newsdesk.security.W002" in output
    assert "(DEFAULT_FROM_EMAIL, SERVER_EMAIL)" in output and "Secr3t" not in output
    code, output = deploy_check(
        EMAIL_URL=SMTP_URL,
        DEFAULT_FROM_EMAIL="Newsroom <newsroom@news.example>",
        SERVER_EMAIL="alerts@news.example",
    )
    assert code == 0, output
