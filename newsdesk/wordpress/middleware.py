"""WordPress's query-string URLs (`/?p=123`, `/?page_id=4`, `/?cat=5`, `/?feed=rss2`).

Wagtail's redirects middleware only looks for a redirect when a request ends in a 404, but
`/` is the home page and answers 200 whatever the query string, so the imported redirects
for these URLs would never be found. This middleware looks them up first, and only for
requests to `/` that carry one of WordPress's query parameters.
"""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

WORDPRESS_PARAMETERS = {"p", "page_id", "cat", "tag", "author", "feed", "attachment_id"}


class WordPressQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and WORDPRESS_PARAMETERS.intersection(request.GET):
            path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
            redirect = get_redirect(request, path)
            if redirect is not None and redirect.link:
                response_class = (
                    HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
                )
                return response_class(redirect.link)
        return self.get_response(request)
