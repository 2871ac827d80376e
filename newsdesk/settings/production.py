"""Production settings: refuse to start without a secret key and host names."""

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from .base import *  # noqa: F403
from .base import SECRET_KEY, STORAGES, env_bool, env_int, env_list, env_str

DEBUG = False
# No default here: a production site names its hosts explicitly.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable for production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names) for production.")

# HTTPS is assumed, terminated by a proxy that says so in X-Forwarded-Proto. For plain HTTP
# on a trusted network (a benchmark, a laptop) set SECURE_COOKIES=false: that also stops the
# redirect to HTTPS unless SECURE_SSL_REDIRECT says otherwise. (HSTS is only sent over HTTPS.)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_COOKIES = env_bool("SECURE_COOKIES", True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE_COOKIES)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
NEWSDESK_COMMENTER_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
# A year, subdomains included: browsers then refuse plain HTTP to the site.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# (nosniff, Referrer-Policy, X-Frame-Options and the Content-Security-Policy are in base.py.)

# Without EMAIL_URL no mail reaches anyone, so password reset is switched off (the login page
# offers no link, the form answers 404) instead of telling an editor that a link is on its
# way; `newsdesk check --deploy` warns (newsdesk/security/checks.py).
WAGTAIL_PASSWORD_RESET_ENABLED = bool(env_str("EMAIL_URL"))

# collectstatic also writes .gz and .br copies, which newsdesk serve sends to clients that
# accept them. Source maps (only developer tools fetch them) are left as they are: they
# were half of the compression time (a minute) for the 5 MB of them the API docs bring.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
