"""Views in the content API: /api/v2/articles/?order=-views."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.pageviews import shared_table, store
from newsdesk.pageviews.backends.table import TableBackend
from newsdesk.pageviews.counting import read_counts, record_view
from newsdesk.pageviews.models import PageViewTotal
from newsdesk.pageviews.testing import counting_in

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v2/articles/"
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


def test_counts_agree_with_the_order_while_a_buffer_holds_views(api_get, tmp_path):
    """Under `newsdesk serve` views wait in a buffer until the next flush: the order and the
    counts of a listing ordered by views are both the stored ones; the counts readers see
    (the counter line, the other listings) include the buffered views."""
    leader, chaser = article("Leader", 2), article("Chaser", 1)
    views(leader, 5)
    views(chaser, 3)
    path = str(tmp_path / "views")
    shared_table.create(path, entries=64)
    with counting_in(TableBackend(path)) as buffer:
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
        buffer.flush()
        ordered = api_get(ARTICLES, order="-views")
        assert titles(ordered) == ["Chaser", "Leader"]
        assert totals(ordered) == [7, 5]
        buffer.close()


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
