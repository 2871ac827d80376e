"""Deploy checks (`newsdesk check --deploy`) for what editors' accounts need: a mail server
that delivers, and a sender address that mail servers accept."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Django's backends that keep mail on this machine instead of delivering it.
UNDELIVERED = {
    "django.core.mail.backends.console.EmailBackend": "written to the console (the log)",
    "django.core.mail.backends.filebased.EmailBackend": "written to files",
    "django.core.mail.backends.dummy.EmailBackend": "dropped",
    "django.core.mail.backends.locmem.EmailBackend": "kept in memory",
}


@register(Tags.security, deploy=True)
def check_mail(app_configs: object = None, **kwargs: object) -> list[Warning]:
    kept = UNDELIVERED.get(settings.EMAIL_BACKEND)
    if kept:
        return [
            Warning(
                f"No mail leaves this site: it is {kept}.",
                hint="Set EMAIL_URL, e.g. smtp+tls://user:password@mail.example.org:587. "
                "Until then production switches editors' password reset off.",
                id="newsdesk.security.W001",
            )
        ]
    local = [
        name
        for name in ("DEFAULT_FROM_EMAIL", "SERVER_EMAIL")
        if getattr(settings, name).rstrip(">").endswith("@localhost")
    ]
    if local:
        return [
            Warning(
                f"Mail is sent from an address at localhost ({', '.join(local)}), "
                "which most mail servers refuse.",
                hint="Set DEFAULT_FROM_EMAIL (and SERVER_EMAIL) to an address of your domain.",
                id="newsdesk.security.W002",
            )
        ]
    return []
