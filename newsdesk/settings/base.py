"""Settings shared by every environment. Each deploy knob is an environment variable."""

import os
from pathlib import Path

import dj_database_url

from .env import env_bool, env_email, env_float, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
# Where the SQLite database, uploaded media and collected static files live by default.
VAR_DIR = Path(env_str("NEWSDESK_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsdesk.articles",
    "newsdesk.comments",
    "newsdesk.pageviews",
    "newsdesk.related",
    "newsdesk.delivery",
    "newsdesk.syndication",
    "newsdesk.search",
    "newsdesk.api",
    "newsdesk.demo",
    "newsdesk.pages",
    "newsdesk.wordpress",
    "newsdesk.security",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "ninja",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsdesk.wordpress.middleware.VisibleRedirectMiddleware",  # Wagtail's, live pages only
    "newsdesk.wordpress.middleware.WordPressQueryRedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    # After XFrameOptionsMiddleware and CSPMiddleware: the admin may frame its previews.
    "newsdesk.delivery.headers.PreviewFramingMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout answer.
    "axes.middleware.AxesMiddleware",
]

# Admin login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one user
# name from one address, that pair is locked out for AXES_COOLOFF_TIME hours. The address is
# the site's one idea of the client (behind a proxy, from NEWSDESK_CLIENT_IP_HEADER), so the
# proxy's own address never locks an editor out for everyone.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "comments/lockout.html"
AXES_CLIENT_IP_CALLABLE = "newsdesk.security.clients.client_ip"

# Content-Security-Policy (django-csp): public pages run no inline script and load nothing
# from other hosts except embedded media frames. The Wagtail admin and the API's Swagger page
# rely on inline scripts and are left to their own defences.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/", "/api/docs/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:"],
        "frame-src": ["https:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsdesk.articles.context_processors.site_chrome",
            ],
        },
    },
]

# SQLite (WAL) by default; DATABASE_URL points at PostgreSQL to scale out.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'newsdesk.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh checkout has no var/ yet; SQLite creates the file but not its folder.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the writer; IMMEDIATE takes the write lock up front so
        # concurrent writers queue on the busy timeout instead of failing with "locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    if not os.access(Path(DATABASES["default"]["NAME"]).parent, os.W_OK):
        # A read-only folder (a read-only mount, another user's files): SQLite cannot even
        # read a WAL database there, so open it immutable. Pages are served; what writes
        # fails soft, as newsdesk serve says at start (docs/serving.md).
        DATABASES["default"]["NAME"] = f"file:{DATABASES['default']['NAME']}?immutable=1"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en-us")
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Hashed names, which newsdesk serve lets browsers keep for a year (delivery/staticfiles.py);
# production also writes compressed copies (production.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    },
}

# Local memory by default; REDIS_URL shares the cache (and view counters, rate limits and
# page invalidation) between processes and nodes. The Redis cache fails soft: while Redis
# is away it behaves as an empty cache and the site keeps serving (newsdesk/cache.py).
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "newsdesk",
    }
}
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "newsdesk.cache.FailSoftRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("NEWSDESK_CACHE_PREFIX", "newsdesk"),
    }
# (Spent form tokens and rate-limit counters are not cached but shared marks, kept in
# Redis or the database: newsdesk/security/marks.py.)

# Mail (editors' password reset, Wagtail's moderation notices): EMAIL_URL names the server,
# e.g. smtp+tls://user:password@mail.example.org:587 (settings/env.py reads the other forms).
# Unset, mail is written to the console, i.e. the log; production then switches password
# reset off (production.py). This sets EMAIL_BACKEND and, for SMTP, EMAIL_HOST, EMAIL_PORT,
# EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL and EMAIL_TIMEOUT.
globals().update(env_email("EMAIL_URL", default="console://"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# The password reset form (newsdesk/security/passwords.py) takes this many requests per
# client address, and per email address asked for, within the window (seconds); 0: no limit.
NEWSDESK_PASSWORD_RESET_RATE_WINDOW = env_int("NEWSDESK_PASSWORD_RESET_RATE_WINDOW", 3600)
NEWSDESK_PASSWORD_RESET_RATE_PER_IP = env_int("NEWSDESK_PASSWORD_RESET_RATE_PER_IP", 5)
NEWSDESK_PASSWORD_RESET_RATE_PER_EMAIL = env_int("NEWSDESK_PASSWORD_RESET_RATE_PER_EMAIL", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Wagtail
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "newsdesk")
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend, title norms set per saved entry (newsdesk/search/backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "newsdesk.search.backend"}}
# Documents only through Wagtail's view, which checks their collection's privacy, whatever
# the storage; MEDIA_URL never serves them (newsdesk/delivery/media_policy.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_I18N_ENABLED = False
# Every image form with the image's credit and licence (newsdesk/articles/image_credits.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "newsdesk.articles.image_forms.ImageForm"
TAGGIT_CASE_INSENSITIVE = True

# newsdesk knobs
# The automatic "Other Topics of Interest" box goes after this many body paragraphs.
NEWSDESK_RELATED_AFTER_PARAGRAPH = env_int("NEWSDESK_RELATED_AFTER_PARAGRAPH", 3)
# Related stories by content (docs/related-boxes.md): neighbours stored per article, how many
# the "Related" list after the body shows, the similarity under which no automatic box is
# shown, the recency half-life and maximum age (days apart, 0 = off), the largest share of
# all first picks one article may take, and the stop-word language ("" = none).
NEWSDESK_RELATED_NEIGHBOURS = env_int("NEWSDESK_RELATED_NEIGHBOURS", 10)
NEWSDESK_RELATED_LIST_COUNT = env_int("NEWSDESK_RELATED_LIST_COUNT", 4)
NEWSDESK_RELATED_MIN_SIMILARITY = env_float("NEWSDESK_RELATED_MIN_SIMILARITY", 0.1)
NEWSDESK_RELATED_HALF_LIFE_DAYS = env_float("NEWSDESK_RELATED_HALF_LIFE_DAYS", 365)
NEWSDESK_RELATED_MAX_AGE_DAYS = env_float("NEWSDESK_RELATED_MAX_AGE_DAYS", 0)
NEWSDESK_RELATED_MAX_SHARE = env_float("NEWSDESK_RELATED_MAX_SHARE", 0.01)
NEWSDESK_RELATED_STOP_WORDS = env_str("NEWSDESK_RELATED_STOP_WORDS", "english")
# Deepest reply level shown with a reply link (1 = no replies).
NEWSDESK_COMMENT_MAX_DEPTH = env_int("NEWSDESK_COMMENT_MAX_DEPTH", 5)
# Approve at once a known commenter: one whose browser posted an approved comment under the
# same name and email (newsdesk.comments.commenters, a signed cookie; Secure in production).
NEWSDESK_COMMENTS_AUTO_APPROVE_KNOWN = env_bool("NEWSDESK_COMMENTS_AUTO_APPROVE_KNOWN", True)
NEWSDESK_COMMENTER_COOKIE_SECURE = False
NEWSDESK_LISTING_PAGE_SIZE = env_int("NEWSDESK_LISTING_PAGE_SIZE", 12)
# How often (seconds) `newsdesk serve` publishes the pages whose scheduled time has come.
NEWSDESK_SCHEDULER_INTERVAL = env_int("NEWSDESK_SCHEDULER_INTERVAL", 30)
# The hot path (newsdesk.delivery, docs/hot-path.md): anonymous article and listing pages
# answered from each worker's memory, bounded to this many MB per worker; with REDIS_URL, how
# often (ms) each worker asks Redis whether another node has invalidated the pages.
NEWSDESK_HOTPATH = env_bool("NEWSDESK_HOTPATH", True)
NEWSDESK_HOTPATH_CACHE_MB = env_int("NEWSDESK_HOTPATH_CACHE_MB", 48)
NEWSDESK_HOTPATH_POLL_MS = env_int("NEWSDESK_HOTPATH_POLL_MS", 250)
# Pages whose whole query string selects the answer (search results), kept like listings
# until the next publish, in a store of their own of this many MB per worker.
NEWSDESK_HOTPATH_QUERY_PAGES = ["search:index"]
NEWSDESK_HOTPATH_QUERY_CACHE_MB = env_int("NEWSDESK_HOTPATH_QUERY_CACHE_MB", 8)
# A CDN in front (newsdesk.delivery.frontend_cache, deploy/README.md): FRONTEND_CACHE_URL is
# where PURGE requests go (Varnish, e.g. http://127.0.0.1:6081); empty, the default, means no
# CDN: nothing is purged and listings are not marked cacheable by shared caches. With one,
# listings, feeds and sitemaps may be kept there this many seconds (s-maxage) between purges.
FRONTEND_CACHE_URL = env_str("FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = (
    {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
    if FRONTEND_CACHE_URL
    else {}
)
NEWSDESK_FRONTEND_CACHE_MAX_AGE = env_int("NEWSDESK_FRONTEND_CACHE_MAX_AGE", 300)
# Name the worker process (pid) in an X-Newsdesk-Worker header: for tests and debugging only.
NEWSDESK_HOTPATH_WORKER_HEADER = env_bool("NEWSDESK_HOTPATH_WORKER_HEADER", False)
# The comment form's signed token: a post sooner than this after the form was rendered is
# refused as a bot's, and a token older than the max age as a stale replay (seconds).
NEWSDESK_COMMENT_MIN_SECONDS = env_int("NEWSDESK_COMMENT_MIN_SECONDS", 3)
NEWSDESK_COMMENT_TOKEN_MAX_AGE = env_int("NEWSDESK_COMMENT_TOKEN_MAX_AGE", 2 * 24 * 3600)
# Comment defences (newsdesk.comments.spam; docs/security.md). Rate limits count posts per
# client address (hashed) and per email within a window; 0 switches a limit off.
NEWSDESK_COMMENT_RATE_WINDOW = env_int("NEWSDESK_COMMENT_RATE_WINDOW", 600)
NEWSDESK_COMMENT_RATE_PER_IP = env_int("NEWSDESK_COMMENT_RATE_PER_IP", 10)
NEWSDESK_COMMENT_RATE_PER_EMAIL = env_int("NEWSDESK_COMMENT_RATE_PER_EMAIL", 5)
# Behind a proxy, the request header (WSGI name, e.g. HTTP_X_FORWARDED_FOR) whose last entry
# is the client address; empty: REMOTE_ADDR. Trust it only when a proxy always sets it.
NEWSDESK_CLIENT_IP_HEADER = env_str("NEWSDESK_CLIENT_IP_HEADER", "")
NEWSDESK_COMMENT_HONEYPOT = env_bool("NEWSDESK_COMMENT_HONEYPOT", True)
NEWSDESK_COMMENT_REFUSE_DUPLICATES = env_bool("NEWSDESK_COMMENT_REFUSE_DUPLICATES", True)
# More links than this in a comment adds to its spam score.
NEWSDESK_COMMENT_MAX_LINKS = env_int("NEWSDESK_COMMENT_MAX_LINKS", 2)
# Spam score thresholds: at or above HOLD a comment waits for a moderator even from a known
# commenter; at or above SPAM it is filed as spam. Below HOLD the usual rule applies.
NEWSDESK_SPAM_HOLD_SCORE = env_int("NEWSDESK_SPAM_HOLD_SCORE", 2)
NEWSDESK_SPAM_SPAM_SCORE = env_int("NEWSDESK_SPAM_SPAM_SCORE", 5)
# A comment post larger than this many bytes is refused (413) before it is parsed.
NEWSDESK_COMMENT_MAX_REQUEST_BYTES = env_int("NEWSDESK_COMMENT_MAX_REQUEST_BYTES", 32 * 1024)
# Commenters' IP addresses are erased this many days after the comment.
NEWSDESK_COMMENT_IP_RETENTION_DAYS = env_int("NEWSDESK_COMMENT_IP_RETENTION_DAYS", 30)
# Page views are counted in a buffer shared by the server's processes and written to the
# database every this many seconds (a crash loses at most the views of the last interval);
# 0 writes every view at once. The buffer (without Redis) has room for this many
# (article, day) entries until the server restarts; beyond, views are written at once.
NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL = float(env_str("NEWSDESK_PAGEVIEWS_FLUSH_INTERVAL", "1.0"))
NEWSDESK_PAGEVIEWS_TABLE_ENTRIES = env_int("NEWSDESK_PAGEVIEWS_TABLE_ENTRIES", 250_000)
# Where `newsdesk serve` counts views: "auto" (Redis with REDIS_URL, else the shared table),
# "table", "redis" or "database" (newsdesk/pageviews/backends/).
NEWSDESK_PAGEVIEWS_BACKEND = env_str("NEWSDESK_PAGEVIEWS_BACKEND", "auto")
# "Most read" lists (newsdesk/pageviews/most_read.py): how many articles, over which window
# (a number of local days, today included, or "today" or "all"), and within how many seconds
# they follow the counts.
NEWSDESK_MOST_READ_COUNT = env_int("NEWSDESK_MOST_READ_COUNT", 5)
NEWSDESK_MOST_READ_WINDOW: int | str = env_str("NEWSDESK_MOST_READ_WINDOW", "7")
if str(NEWSDESK_MOST_READ_WINDOW).isdigit():
    NEWSDESK_MOST_READ_WINDOW = int(NEWSDESK_MOST_READ_WINDOW)
NEWSDESK_MOST_READ_DELAY = env_int("NEWSDESK_MOST_READ_DELAY", 60)
# Feeds (newsdesk.syndication): how many articles each feed lists, and whether an item
# carries the whole body (else the excerpt).
NEWSDESK_FEED_ITEMS = env_int("NEWSDESK_FEED_ITEMS", 20)
NEWSDESK_FEED_FULL_TEXT = env_bool("NEWSDESK_FEED_FULL_TEXT", False)
# Overrides for the default UI strings, e.g. {"related_heading": "Read also"}.
NEWSDESK_STRINGS: dict[str, str] = {}
