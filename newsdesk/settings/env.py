"""Reading deploy knobs from environment variables, with typed defaults."""

import os
from urllib.parse import SplitResult, parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in _TRUE


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


# EMAIL_URL: where mail goes, as one URL (the forms are listed in the README).
_SMTP_PORTS = {"smtp": 25, "smtp+tls": 587, "smtps": 465}
_LOCAL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}
_EXAMPLE = "e.g. smtp+tls://user:password@mail.example.org:587"
_ENCODE_HINT = "characters such as / ? # @ : in the user or password must be percent-encoded"


def env_email(name: str, default: str) -> dict[str, object]:
    """Django's EMAIL_* settings from the URL in the variable `name` (or `default`)."""
    return email_settings(name, os.environ.get(name) or default)


def email_settings(name: str, url: str) -> dict[str, object]:
    """The EMAIL_* settings for `url`: smtp://, smtp+tls:// (STARTTLS, as smtp://…?tls=1),
    smtps:// (implicit TLS), console://, file:///folder or dummy://. A bad URL stops the
    start with what is wrong, never echoing the URL (it may hold a password)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        raise _bad_email_url(name, f"it is not a URL ({_EXAMPLE})") from None
    scheme = parts.scheme.lower()
    if scheme in _LOCAL_BACKENDS:
        return {"EMAIL_BACKEND": _LOCAL_BACKENDS[scheme]}
    if scheme == "file":
        return _file_settings(name, parts)
    if scheme in _SMTP_PORTS:
        return _smtp_settings(name, scheme, parts)
    known = ", ".join([*_SMTP_PORTS, *_LOCAL_BACKENDS, "file"])
    raise _bad_email_url(name, f"the scheme must be one of {known} ({_EXAMPLE})")


def _file_settings(name: str, parts: SplitResult) -> dict[str, object]:
    folder = unquote(parts.path)
    if parts.netloc or not folder.startswith("/"):
        raise _bad_email_url(name, "a file URL names an absolute folder, e.g. file:///var/mail")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": folder,
    }


def _smtp_settings(name: str, scheme: str, parts: SplitResult) -> dict[str, object]:
    try:
        port = parts.port
    except ValueError:
        raise _bad_email_url(name, f"the port is not a number ({_ENCODE_HINT})") from None
    if not parts.hostname:
        raise _bad_email_url(name, f"it names no mail server ({_EXAMPLE}; {_ENCODE_HINT})")
    options = _smtp_options(name, parts.query)
    starttls = scheme == "smtp+tls" or options["tls"]
    if scheme == "smtps" and starttls:
        raise _bad_email_url(name, "smtps is TLS from the start; tls=1 (STARTTLS) is for smtp")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or _SMTP_PORTS[scheme],
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": starttls,
        "EMAIL_USE_SSL": scheme == "smtps",
        "EMAIL_TIMEOUT": options["timeout"],
    }


def _smtp_options(name: str, query: str) -> dict:
    """?tls=1 (STARTTLS) and ?timeout=SECONDS (10 by default: a mail server that does not
    answer must not hold a request for ever)."""
    options = {"tls": False, "timeout": 10.0}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key == "tls" and value.lower() in _TRUE | _FALSE:
            options["tls"] = value.lower() in _TRUE
        elif key == "timeout" and _is_positive_number(value):
            options["timeout"] = float(value)
        elif key in options:
            raise _bad_email_url(name, f"{key}= takes {'1 or 0' if key == 'tls' else 'seconds'}")
        else:
            raise _bad_email_url(name, "the only options are ?tls=1 and ?timeout=SECONDS")
    return options


def _is_positive_number(value: str) -> bool:
    try:
        return 0 < float(value) < float("inf")
    except ValueError:
        return False


def _bad_email_url(name: str, what: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{name} is not a mail server URL: {what}.")
