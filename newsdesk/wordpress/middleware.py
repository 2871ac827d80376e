"""Old WordPress URLs answer only with pages a reader may see.

`VisibleRedirectMiddleware` is Wagtail's redirects middleware, except that a redirect to a page
a reader may not see (a draft, a scheduled post not yet live, a private page for someone not
let in) answers the 404 directly: a 301 first would reveal the page's new slug. It decides at
request time, so a scheduled post's old URLs start redirecting once the scheduler publishes it.

`WordPressQueryRedirectMiddleware` handles WordPress's query-string URLs (`/?p=123`,
`/?page_id=4`, `/?cat=5`, `/?feed=rss2`). Wagtail's redirects middleware only looks for a
redirect when a request ends in a 404, but `/` is the home page and answers 200 whatever the
query string, so the imported redirects for these URLs would never be found. This middleware
looks them up first, and only for requests to `/` that carry one of WordPress's query
parameters; an id that names no page a reader may see answers 404, as WordPress does.
"""

from urllib.parse import urlparse

from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

WORDPRESS_PARAMETERS = {"p", "page_id", "cat", "tag", "author", "feed", "attachment_id"}
# A post, page or attachment id: the URL names one item, so an unknown one is a 404.
ITEM_PARAMETERS = {"p", "page_id", "attachment_id"}


def reader_may_see(page, request) -> bool:
    """Live, and let in by its view restrictions (a password form is shown to anyone)."""
    if not page.live:
        return False
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            continue
        if not restriction.accept_request(request):
            return False
    return True


def visible(redirect, request) -> bool:
    page = redirect.redirect_page
    return page is None or reader_may_see(page, request)


def _response(redirect):
    permanent = redirect.is_permanent
    return (HttpResponsePermanentRedirect if permanent else HttpResponseRedirect)(redirect.link)


class VisibleRedirectMiddleware(RedirectMiddleware):
    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = get_redirect(request, path)
        if redirect is None and urlparse(path).path != path:
            redirect = get_redirect(request, urlparse(path).path)
        if redirect is None or redirect.link is None or not visible(redirect, request):
            return response
        return _response(redirect)


class WordPressQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asked = WORDPRESS_PARAMETERS.intersection(request.GET)
        if request.path == "/" and asked:
            path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
            redirect = get_redirect(request, path)
            if redirect is not None and redirect.link and visible(redirect, request):
                return _response(redirect)
            if ITEM_PARAMETERS.intersection(asked):
                raise Http404("No such post or page.")
        return self.get_response(request)
