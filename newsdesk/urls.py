from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from newsdesk.delivery.views import favicon, media_file
from newsdesk.security.passwords import PasswordResetView

urlpatterns = [
    # Wagtail's password reset form with rate limits and a mail server check, in front of
    # Wagtail's own at the same address (newsdesk/security/passwords.py).
    path(
        "admin/password_reset/",
        PasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("comments/", include("newsdesk.comments.urls")),
    path("search/", include("newsdesk.search.urls")),
    path("api/", include("newsdesk.api.urls")),
    # Image files, for whom their collection allows (newsdesk serve answers public ones
    # before Django: delivery/mediafiles.py). Documents only through /documents/.
    path(settings.MEDIA_URL.lstrip("/") + "<path:name>", media_file, name="media_file"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("newsdesk.syndication.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Wagtail's page serving catches everything else, so it goes last.
urlpatterns.append(path("", include(wagtail_urls)))
