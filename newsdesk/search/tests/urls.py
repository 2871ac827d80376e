"""The site's URLs, with /search/ mounted when newsdesk/urls.py does not mount it yet."""

from django.urls import URLResolver, include, path

from newsdesk.urls import urlpatterns as site_urlpatterns

mounted = any(isinstance(p, URLResolver) and p.namespace == "search" for p in site_urlpatterns)
urlpatterns = list(site_urlpatterns)
if not mounted:
    urlpatterns.insert(0, path("search/", include("newsdesk.search.urls")))
