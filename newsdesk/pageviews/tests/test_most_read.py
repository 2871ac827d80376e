"""The "Most read" lists: computed once per refresh by whoever claims them, shown on the home,
section and article pages (never the article itself), escaped, and moved only by counted
views."""

import re
import time

import pytest

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.pageviews import most_read
from newsdesk.pageviews.models import MostReadList
from newsdesk.pageviews.rankings import Ranked
from newsdesk.security.factories import SuperuserFactory

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
BOX = re.compile(r'<aside class="most-read".*?</aside>', re.S)


def read(client, article, times: int = 1, **headers) -> None:
    headers = {"HTTP_USER_AGENT": BROWSER, **headers}
    for _ in range(times):
        assert client.get(article.url, **headers).status_code == 200


def headlines(html: str) -> list[str]:
    box = BOX.search(html)
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', box[0]) if box else []


def expire_lists() -> None:
    MostReadList.objects.update(computed_at=time.time() - 3600)


def test_a_list_is_computed_once_per_refresh_and_then_read(django_assert_num_queries):
    first, second = ArticleFactory(), ArticleFactory()
    most_read.current_list("site", 7)  # computed: empty
    MostReadList.objects.update(entries=[[second.pk, 9], [first.pk, 3]])
    with django_assert_num_queries(1):  # stored, and fresh: one read
        assert most_read.current_list("site", 7) == [Ranked(second.pk, 9), Ranked(first.pk, 3)]
    expire_lists()
    assert most_read.current_list("site", 7) == []  # computed again from the counts: none


def test_the_pages_show_the_most_read_and_follow_the_counts(client, settings):
    settings.NEWSDESK_MOST_READ_COUNT = 2
    harbour = SectionFactory(title="Harbour")
    bridge = ArticleFactory(title="Bridge", parent=harbour)
    ferry = ArticleFactory(title="Ferry & <b>tides</b>", parent=harbour)
    ferry_escaped = "Ferry &amp; &lt;b&gt;tides&lt;/b&gt;"
    market = ArticleFactory(title="Market")
    read(client, bridge, 3)
    read(client, ferry, 2)
    read(client, market, 5)
    expire_lists()
    assert headlines(client.get("/").text) == ["Market", "Bridge"]
    assert headlines(client.get(harbour.url).text) == ["Bridge", ferry_escaped]
    # An article never lists itself: the next one takes its place.
    assert headlines(client.get(market.url).text) == ["Bridge", ferry_escaped]
    assert "Most read" in client.get("/").text
    read(client, ferry, 10)
    assert headlines(client.get("/").text) == ["Market", "Bridge"]  # not yet: still fresh
    expire_lists()
    assert headlines(client.get("/").text)[0].startswith("Ferry")


def test_bots_prefetches_and_editors_do_not_move_it(client):
    first, second = ArticleFactory(title="First"), ArticleFactory(title="Second")
    read(client, first, 2)
    read(client, second, 1)
    read(client, second, 5, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    read(client, second, 5, HTTP_SEC_PURPOSE="prefetch")
    for _ in range(5):
        client.head(second.url, HTTP_USER_AGENT=BROWSER)
    editors = client.__class__(HTTP_HOST="localhost")
    editors.force_login(SuperuserFactory())
    read(editors, second, 5)
    expire_lists()
    assert headlines(client.get("/").text) == ["First", "Second"]


def test_no_views_no_box(client):
    ArticleFactory()
    assert BOX.search(client.get("/").text) is None


@pytest.mark.parametrize("key", ["nowhere", "section:x", "site:14", "site:7:extra", "section"])
def test_a_malformed_key_is_refused(key):
    with pytest.raises(ValueError):
        most_read.parse_key(key)
