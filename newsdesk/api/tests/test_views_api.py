"""Views in the content API: /api/v2/articles/?order=-views and /api/v2/articles/most_read/."""

import datetime
import time

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.pageviews import shared_table, store
from newsdesk.pageviews.backends.redis import RedisBackend
from newsdesk.pageviews.backends.table import TableBackend
from newsdesk.pageviews.counting import read_counts, record_view
from newsdesk.pageviews.models import MostReadList, PageViewTotal
from newsdesk.pageviews.testing import counting_in
from newsdesk.testing import require_redis

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v2/articles/"
MOST_READ = "/api/v2/articles/most_read/"
NOW = timezone.now()


def article(title, hours_ago=0, **kwargs):
    date = NOW - datetime.timedelta(hours=hours_ago)
    return ArticleFactory(title=title, publication_date=date, **kwargs)


def views(page, count, days_ago=0):
    """`count` stored views of `page`, `days_ago` local days ago (and in its total)."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    store.add_views([(page.pk, None, count), (page.pk, day, count)])


def titles(listing) -> list[str]:
    return [item["title"] for item in listing["items"]]


def totals(listing) -> list[int]:
    return [item["view_counts"]["total"] for item in listing["items"]]


@pytest.fixture
def read_articles():
    """Six articles: two tied on views (the newer first), one never viewed, one whose
    total row holds 0 (tied with the never viewed, by date)."""
    made = {
        "Tied older": article("Tied older", hours_ago=5),
        "Tied newer": article("Tied newer", hours_ago=4),
        "Busiest": article("Busiest", hours_ago=9),
        "Never read": article("Never read", hours_ago=1),
        "Zero row": article("Zero row", hours_ago=2),
        "Once": article("Once", hours_ago=3),
    }
    views(made["Tied older"], 5)
    views(made["Tied newer"], 2)
    views(made["Tied newer"], 3, days_ago=20)
    views(made["Busiest"], 9)
    views(made["Once"], 1)
    PageViewTotal.objects.create(page=made["Zero row"], views=0)
    return made


MOST_FIRST = ["Busiest", "Tied newer", "Tied older", "Once", "Never read", "Zero row"]
LEAST_FIRST = ["Never read", "Zero row", "Once", "Tied newer", "Tied older", "Busiest"]


def test_order_by_views_ties_to_the_newer_article(api_get, read_articles):
    most = api_get(ARTICLES, order="-views")
    assert titles(most) == MOST_FIRST
    assert totals(most) == [9, 5, 5, 1, 0, 0]
    assert most["meta"]["total_count"] == 6
    least = api_get(ARTICLES, order="views")
    assert titles(least) == LEAST_FIRST
    assert totals(least) == [0, 0, 1, 5, 5, 9]
    # Today's counts come with them: 2 of "Tied newer"'s 5 views were today.
    assert most["items"][1]["view_counts"] == {"total": 5, "today": 2}


@pytest.mark.parametrize(("order", "expected"), [("-views", MOST_FIRST), ("views", LEAST_FIRST)])
@pytest.mark.parametrize("limit", [1, 2, 4])
def test_order_by_views_pages_through_the_whole_listing(
    api_get, read_articles, order, expected, limit
):
    """Pages cut inside the viewed part, at its end, and inside the never viewed part."""
    seen = []
    for offset in range(0, 8, limit):
        page = api_get(ARTICLES, order=order, limit=limit, offset=offset)
        assert page["meta"]["total_count"] == 6
        seen += titles(page)
    assert seen == expected


def test_order_by_views_with_the_other_filters(api_get):
    harbour, sport = SectionFactory(title="Harbour"), SectionFactory(title="Sport")
    pia = AuthorFactory(name="Pia Lund")
    ferry = article("Ferry timetable", 3, parent=harbour, tags=["boats"], authors=[pia])
    regatta = article("Regatta results", 2, parent=sport, tags=["boats"])
    regatta.further_sections.add(harbour)
    regatta.save_revision().publish()
    article("Quay repairs", 1, parent=harbour, authors=[pia])
    match = article("Match report", 0, parent=sport, tags=["boats"], authors=[pia])
    for page, count in ((ferry, 4), (regatta, 7), (match, 9)):
        views(page, count)

    def ordered(**params):
        return titles(api_get(ARTICLES, order="-views", **params))

    assert ordered(section=harbour.pk) == ["Regatta results", "Ferry timetable", "Quay repairs"]
    assert ordered(tags="boats") == ["Match report", "Regatta results", "Ferry timetable"]
    assert ordered(authors=pia.pk) == ["Match report", "Ferry timetable", "Quay repairs"]
    assert ordered(child_of=harbour.pk) == ["Ferry timetable", "Quay repairs"]
    assert ordered(section=harbour.pk, limit=1, offset=1) == ["Ferry timetable"]
    # A search keeps the order too (the matches are sorted by the same rule).
    any_word = {"search_operator": "or"}
    assert ordered(search="results report", **any_word) == ["Match report", "Regatta results"]
    least = api_get(ARTICLES, order="views", search="Ferry Quay Match", **any_word)
    assert titles(least) == ["Quay repairs", "Ferry timetable", "Match report"]
    assert totals(least) == [0, 4, 9]


def test_an_unpublished_or_restricted_article_is_never_listed(api_get, read_articles):
    read_articles["Busiest"].unpublish()
    PageViewRestriction.objects.create(
        page=read_articles["Tied newer"], restriction_type=PageViewRestriction.LOGIN
    )
    members = SectionFactory(title="Members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    views(article("Members only", parent=members), 80)
    assert titles(api_get(ARTICLES, order="-views")) == [
        "Tied older",
        "Once",
        "Never read",
        "Zero row",
    ]
    assert titles(api_get(MOST_READ, window="all")) == ["Tied older", "Once"]


@pytest.fixture(params=["table", "redis"])
def buffer(request, tmp_path):
    """What `newsdesk serve` counts in: its shared table, or Redis (with REDIS_URL)."""
    if request.param == "table":
        path = str(tmp_path / "views")
        shared_table.create(path, entries=64)
        backend = TableBackend(path)
    else:
        backend = RedisBackend(require_redis())
    with counting_in(backend):
        yield backend
    if request.param == "redis":
        backend.counts.forget()  # the test database's ids come back in the next test
    backend.close()


def test_counts_agree_with_the_order_while_a_buffer_holds_views(api_get, buffer):
    """Under `newsdesk serve` views wait in a buffer until the next flush: the order and the
    counts of a listing ordered by views are both the stored ones; the counts readers see
    (the counter line, the other listings) include the buffered views."""
    leader, chaser = article("Leader", 2), article("Chaser", 1)
    views(leader, 5)
    views(chaser, 3)
    for _ in range(4):
        record_view(chaser.pk)
    assert read_counts(chaser.pk).total == 7
    ordered = api_get(ARTICLES, order="-views")
    assert titles(ordered) == ["Leader", "Chaser"]
    assert [item["view_counts"] for item in ordered["items"]] == [
        {"total": 5, "today": 5},
        {"total": 3, "today": 3},
    ]
    newest = api_get(ARTICLES)["items"]
    assert [item["view_counts"]["total"] for item in newest] == [7, 5]
    assert buffer.flush() > 0
    ordered = api_get(ARTICLES, order="-views")
    assert titles(ordered) == ["Chaser", "Leader"]
    assert [item["view_counts"] for item in ordered["items"]] == [
        {"total": 7, "today": 7},
        {"total": 5, "today": 5},
    ]


@pytest.mark.parametrize(
    ("order", "message"),
    [
        ("views,title", "views ordering cannot be combined with other fields"),
        ("-publication_date,-views", "views ordering cannot be combined with other fields"),
        ("random,views", "views ordering cannot be combined with other fields"),
        ("view", "cannot order by 'view'"),
        ("--views", "cannot order by '--views' (unknown field)"),
    ],
)
def test_bad_views_orders_are_a_400(api_get, order, message):
    ArticleFactory()
    assert api_get(ARTICLES, status=400, order=order) == {"message": message}


# most_read


@pytest.fixture
def readership():
    """Articles read in different windows: 20 days ago, 3 days ago, today."""
    made = {
        "Last month": article("Last month", 500),
        "This week": article("This week", 100),
        "Today": article("Today", 1),
        "Never read": article("Never read", 0),
    }
    views(made["Last month"], 50, days_ago=20)
    views(made["This week"], 20, days_ago=3)
    views(made["Today"], 4)
    views(made["Today"], 2, days_ago=1)
    return made


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (None, [("This week", 20), ("Today", 6)]),  # NEWSDESK_MOST_READ_WINDOW: 7
        ("7", [("This week", 20), ("Today", 6)]),
        ("30", [("Last month", 50), ("This week", 20), ("Today", 6)]),
        ("today", [("Today", 4)]),
        ("all", [("Last month", 50), ("This week", 20), ("Today", 6)]),
    ],
)
def test_most_read_window_of_each_kind(api_get, readership, window, expected):
    params = {} if window is None else {"window": window}
    listing = api_get(MOST_READ, **params)
    assert [(item["title"], item["views"]) for item in listing["items"]] == expected
    assert listing["meta"] == {
        "total_count": len(expected),
        "window": 7 if window is None else int(window) if window.isdigit() else window,
        "section": None,
    }


def test_most_read_items_are_listing_items_with_their_counts(api_get, readership):
    record_view(readership["Today"].pk)
    item = api_get(MOST_READ, window="today")["items"][0]
    page = readership["Today"]
    assert item["id"] == page.pk
    assert item["title"] == "Today"
    assert item["meta"]["html_url"] == f"http://localhost{page.url}"
    assert item["meta"]["detail_url"] == f"http://localhost/api/v2/articles/{page.pk}/"
    assert item["section"]["title"] == "Uncategorized"
    page.refresh_from_db()
    assert item["publication_date"] == page.publication_date.isoformat().replace("+00:00", "Z")
    assert item["views"] == 5  # in the window
    assert item["view_counts"] == {"total": 7, "today": 5}  # as the article listing has them
    assert api_get(ARTICLES, id=page.pk)["items"][0]["view_counts"] == item["view_counts"]
    # ?fields= as on the listing.
    slim = api_get(MOST_READ, window="today", fields="_,title")["items"][0]
    assert slim == {"title": "Today", "views": 5}
    assert api_get(MOST_READ, window="today", fields="body")["items"][0]["body"]


def test_most_read_within_a_section_counts_its_further_articles(api_get):
    harbour, sport = SectionFactory(title="Harbour"), SectionFactory(title="Sport")
    own = article("Own", parent=harbour)
    further = article("Filed there too", parent=sport)
    further.further_sections.add(harbour)
    further.save_revision().publish()
    elsewhere = article("Elsewhere", parent=sport)
    for page, count in ((own, 2), (further, 3), (elsewhere, 10)):
        views(page, count)
    listing = api_get(MOST_READ, section=harbour.pk)
    assert titles(listing) == ["Filed there too", "Own"]
    assert listing["meta"]["section"] == harbour.pk
    assert titles(api_get(MOST_READ, section=sport.pk)) == ["Elsewhere", "Filed there too"]
    # The site's list is the same as the home page's.
    assert titles(api_get(MOST_READ)) == ["Elsewhere", "Filed there too", "Own"]


def test_most_read_limit(api_get, settings):
    settings.NEWSDESK_MOST_READ_COUNT = 2
    pages = [article(f"Story {n}", n) for n in range(8)]
    for n, page in enumerate(pages):
        views(page, 20 - n)
    assert titles(api_get(MOST_READ)) == ["Story 0", "Story 1"]
    assert titles(api_get(MOST_READ, limit=1)) == ["Story 0"]
    assert titles(api_get(MOST_READ, limit=3)) == ["Story 0", "Story 1", "Story 2"]  # stored
    assert len(api_get(MOST_READ, limit=50)["items"]) == 8  # ranked now


def test_a_fresh_stored_list_is_served_without_ranking_again(
    api_get, readership, django_assert_max_num_queries
):
    """The default window and limit read the list the pages show (MostReadList): while it
    is fresh, no ranking query runs, and the list does not follow the counts until then."""
    api_get(MOST_READ)  # computed and stored
    assert MostReadList.objects.filter(key="site:7").exists()
    views(readership["Never read"], 99)
    with django_assert_max_num_queries(20) as queries:
        assert titles(api_get(MOST_READ)) == ["This week", "Today"]
    # One read of the stored list; the items' counts are read too, but nothing is ranked.
    sql = [query["sql"] for query in queries]
    assert len([q for q in sql if "pageviews_mostreadlist" in q]) == 1
    view_rows = ("pageviews_rollingviews", "pageviews_dailypageviews", "pageviews_pageviewtotal")
    assert not [q for q in sql if "ORDER BY" in q and any(table in q for table in view_rows)]
    MostReadList.objects.update(computed_at=time.time() - 3600)  # due: computed again
    assert titles(api_get(MOST_READ)) == ["Never read", "This week", "Today"]


def test_a_stored_list_never_shows_an_article_hidden_since(api_get, settings):
    settings.NEWSDESK_MOST_READ_COUNT = 2
    first, second, third = article("First"), article("Second", 1), article("Third", 2)
    for page, count in ((first, 9), (second, 8), (third, 7)):
        views(page, count)
    assert titles(api_get(MOST_READ)) == ["First", "Second"]  # stored: three entries
    first.unpublish()
    assert titles(api_get(MOST_READ)) == ["Second", "Third"]
    PageViewRestriction.objects.create(page=third, restriction_type=PageViewRestriction.LOGIN)
    assert titles(api_get(MOST_READ)) == ["Second"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"window": "14"}, "A ranking window is a number of days (7, 30), 'today' or 'all'."),
        ({"window": "week"}, "A ranking window is a number of days (7, 30), 'today' or 'all'."),
        ({"window": ""}, "A ranking window is a number of days (7, 30), 'today' or 'all'."),
        ({"window": "７"}, "A ranking window is a number of days (7, 30), 'today' or 'all'."),
        ({"window": "9" * 30}, "A ranking window is a number of days (7, 30), 'today' or 'all'."),
        ({"section": "x"}, "section must be the id of a section"),
        ({"section": "999999"}, "section must be the id of a section"),
        ({"section": "9" * 30}, "section must be the id of a section"),
        ({"limit": "0"}, "limit must be a whole number from 1 to 50"),
        ({"limit": "51"}, "limit must be a whole number from 1 to 50"),
        ({"limit": "-1"}, "limit must be a whole number from 1 to 50"),
        ({"limit": "five"}, "limit must be a whole number from 1 to 50"),
        ({"limit": "9" * 30}, "limit must be a whole number from 1 to 50"),
        ({"offset": "5"}, "query parameter is not an operation or a recognised field: offset"),
        ({"order": "title"}, "query parameter is not an operation or a recognised field: order"),
        ({"fields": "nonsense"}, "unknown fields: nonsense"),
        ({"fields": "title("}, "fields error: unexpected end of input (did you miss out a close"),
    ],
)
def test_bad_most_read_parameters_are_a_400(api_get, readership, params, message):
    assert api_get(MOST_READ, status=400, **params)["message"].startswith(message)


def test_a_hidden_section_is_a_400(api_get):
    members = SectionFactory(title="Members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    draft = SectionFactory(title="Draft")
    draft.unpublish()
    for section in (members, draft):
        api_get(MOST_READ, status=400, section=section.pk)


def test_most_read_has_the_cache_headers_of_the_other_listings(client, readership):
    listing, most_read = client.get(ARTICLES), client.get(MOST_READ)
    assert most_read.status_code == 200
    for header in ("Cache-Control", "Vary", "Content-Type", "Expires"):
        assert most_read.get(header) == listing.get(header), header
    assert client.head(MOST_READ).status_code == 200
