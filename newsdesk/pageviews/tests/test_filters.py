import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from newsdesk.pageviews.filters import is_bot, is_countable
from newsdesk.security.factories import UserFactory

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def make_request(method="GET", user=None, **headers):
    headers = {"HTTP_USER_AGENT": BROWSER_UA, **headers}
    request = RequestFactory().generic(method, "/a/", **headers)
    request.user = user or AnonymousUser()
    return request


def test_reader_get_counts():
    assert is_countable(make_request())


def test_request_without_user_agent_counts():
    request = make_request()
    del request.META["HTTP_USER_AGENT"]
    assert is_countable(request)


@pytest.mark.parametrize("method", ["HEAD", "POST", "OPTIONS"])
def test_other_methods_do_not_count(method):
    assert not is_countable(make_request(method))


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)",
        "Twitterbot/1.0",
        "Mozilla/5.0 (Linux; Android) HeadlessChrome/120.0 Safari/537.36",
    ],
)
def test_bots_do_not_count(user_agent):
    assert is_bot(user_agent)
    assert not is_countable(make_request(HTTP_USER_AGENT=user_agent))


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_X_MOZ": "prefetch"},
    ],
)
def test_prefetch_does_not_count(header):
    assert not is_countable(make_request(**header))


@pytest.mark.django_db
def test_logged_in_editor_does_not_count():
    editor = UserFactory(is_staff=True)
    assert not is_countable(make_request(user=editor))


def test_preview_does_not_count():
    request = make_request()
    request.is_preview = True
    assert not is_countable(request)
