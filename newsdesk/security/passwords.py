"""Editors' password reset: Wagtail's form and mail, behind the shared rate limits, and an
honest answer while the mail server cannot be reached.

Every answer is the same whether or not an account has the address asked for: the limits
count any address, and the mail server is tried before anyone's account is looked up.
(docs/security.md, "Editors' accounts".)
"""

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.http import HttpResponse
from wagtail.admin.views import account

from newsdesk.outages import outage

from .clients import client_ip, hashed
from .ratelimit import within_limit

TOO_MANY = "Too many password resets were asked for lately. Please try again in an hour."
NO_MAIL = (
    "No email can be sent right now, so no reset link is on its way. "
    "Please try again in a few minutes."
)


class PasswordResetView(account.PasswordResetView):
    """Wagtail's view (its templates, its form setting, its on/off setting) at its own
    address; newsdesk/urls.py puts this one in front."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if not self.within_limits(form.cleaned_data["email"]):
            return self.refuse(form, TOO_MANY, status=429)
        if not mail_server_answers():
            return self.refuse(form, NO_MAIL, status=503)
        return super().form_valid(form)

    def within_limits(self, email: str) -> bool:
        window = settings.NEWSDESK_PASSWORD_RESET_RATE_WINDOW
        address = client_ip(self.request) or "unknown"
        per_ip = settings.NEWSDESK_PASSWORD_RESET_RATE_PER_IP
        per_email = settings.NEWSDESK_PASSWORD_RESET_RATE_PER_EMAIL
        return within_limit("reset-ip", hashed(address), per_ip, window) and within_limit(
            "reset-email", hashed(email), per_email, window
        )

    def refuse(self, form: PasswordResetForm, message: str, status: int) -> HttpResponse:
        """The form again, with what was typed and the reason above it."""
        form.add_error(None, message)
        return self.render_to_response(self.get_context_data(form=form), status=status)


def mail_server_answers() -> bool:
    """Whether the SMTP server takes a connection (and the login) now. Other backends keep
    mail on this machine and always can. A failure is logged once per outage
    (newsdesk.outages) and for a moment after it the server is not tried again."""
    connection = get_connection()
    if not isinstance(connection, SMTPBackend):
        return True
    record = outage(f"The mail server at {connection.host}:{connection.port}")
    if not record.available():
        return False
    try:
        connection.open()
        connection.close()
    except OSError as error:  # refused, timed out, TLS or SMTP errors (smtplib's are OSErrors)
        record.failed(error)
        return False
    record.succeeded()
    return True
