"""Rolling windows stay the exact sum of their days' rows as days pass, and the rankings read
from them: published articles only, within a section, ties to the newer article, days in
the site's time zone."""

import datetime
import random
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import OperationalError
from django.db.models import Sum
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory, PageViewRestrictionFactory, SectionFactory
from newsdesk.pageviews import store, windows
from newsdesk.pageviews.counting import record_view
from newsdesk.pageviews.models import DailyPageViews, RollingViews, RollingWindow
from newsdesk.pageviews.rankings import Ranked, top_articles

pytestmark = pytest.mark.django_db
START = datetime.date(2026, 3, 1)


def expected_window(days: int, last_day: datetime.date) -> dict[int, int]:
    first = last_day - datetime.timedelta(days=days - 1)
    rows = DailyPageViews.objects.filter(day__gte=first, day__lte=last_day)
    return dict(rows.values("page_id").annotate(views=Sum("views")).values_list("page_id", "views"))


def rolling(days: int) -> dict[int, int]:
    return dict(RollingViews.objects.filter(days=days).values_list("page_id", "views"))


def test_windows_stay_the_sum_of_their_days_as_days_pass():
    articles = [ArticleFactory() for _ in range(4)]
    rng = random.Random(12)
    day = START
    for step in range(45):  # a month and a half, with a gap of 9 days and one of 40
        day += datetime.timedelta(days=40 if step == 30 else 9 if step == 20 else 1)
        with time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False):
            batch = []
            for article in rng.sample(articles, 3):
                # a flush, with some views of yesterday that came in late
                batch.append((article.pk, day, rng.randint(1, 9)))
                batch.append((article.pk, day - datetime.timedelta(days=1), rng.randint(0, 2)))
            store.add_views(batch)
            store.increment(articles[0].pk, day)  # and a view counted directly
            for days in windows.window_days():
                assert rolling(days) == expected_window(days, day), (step, days)
    assert set(RollingWindow.objects.values_list("last_day", flat=True)) == {day}


def views(article, count: int, day: datetime.date | None = None) -> None:
    store.add_views([(article.pk, None, count), (article.pk, day or timezone.localdate(), count)])


def test_most_read_ranks_published_articles_by_views_ties_to_the_newer():
    old = ArticleFactory(title="Old", publication_date=timezone.now() - datetime.timedelta(days=3))
    new = ArticleFactory(title="New", publication_date=timezone.now())
    busy, hidden, gone = ArticleFactory(), ArticleFactory(), ArticleFactory()
    for article, count in ((old, 5), (new, 5), (busy, 9), (hidden, 50), (gone, 40)):
        views(article, count)
    PageViewRestrictionFactory(page=hidden, login=True)
    gone.unpublish()
    assert top_articles(7, limit=3) == [Ranked(busy.pk, 9), Ranked(new.pk, 5), Ranked(old.pk, 5)]
    assert top_articles("today", limit=1) == [Ranked(busy.pk, 9)]
    assert top_articles("all", limit=1) == [Ranked(busy.pk, 9)]


def test_a_sections_list_has_its_own_and_its_further_articles():
    harbour, sport = SectionFactory(title="Harbour"), SectionFactory(title="Sport")
    own = ArticleFactory(parent=harbour)
    filed_there_too = ArticleFactory(parent=sport)
    filed_there_too.further_sections.add(harbour)
    filed_there_too.save_revision().publish()
    elsewhere = ArticleFactory(parent=sport)
    views(own, 2)
    views(filed_there_too, 3)
    views(elsewhere, 10)
    ranked = [entry.page_id for entry in top_articles(7, section=harbour)]
    assert ranked == [filed_there_too.pk, own.pk]


def test_days_are_the_sites_local_days(settings):
    settings.TIME_ZONE = "America/New_York"
    zone = ZoneInfo("America/New_York")
    article, other = ArticleFactory(), ArticleFactory()
    with time_machine.travel(datetime.datetime(2026, 3, 9, 23, 30, tzinfo=zone), tick=False):
        for _ in range(3):
            record_view(article.pk)
    with time_machine.travel(datetime.datetime(2026, 3, 10, 0, 30, tzinfo=zone), tick=False):
        record_view(other.pk)
        assert top_articles("today") == [Ranked(other.pk, 1)]
        assert top_articles(7) == [Ranked(article.pk, 3), Ranked(other.pk, 1)]
    # Seven local days later the evening's views have left the week.
    with time_machine.travel(datetime.datetime(2026, 3, 16, 0, 30, tzinfo=zone), tick=False):
        assert top_articles(7) == [Ranked(other.pk, 1)]
        assert top_articles(30) == [Ranked(article.pk, 3), Ranked(other.pk, 1)]


def test_an_unknown_window_is_refused_with_the_windows_kept():
    with pytest.raises(ValueError, match="7, 30"):
        top_articles(14)


def test_a_database_that_refuses_writes_still_ranks_a_window_from_its_days(monkeypatch):
    """Read-only (a replica, SQLite in a read-only folder): the windows cannot move to today,
    so the ranking sums the window's daily rows, with the same answer."""
    quiet, read, busy = ArticleFactory(), ArticleFactory(), ArticleFactory()
    today = timezone.localdate()
    views(read, 4, today - datetime.timedelta(days=6))
    views(busy, 3, today)
    views(busy, 2, today - datetime.timedelta(days=1))
    views(quiet, 9, today - datetime.timedelta(days=7))  # a day before the week
    expected = top_articles(7)
    assert expected == [Ranked(busy.pk, 5), Ranked(read.pk, 4)]

    def refuse(today=None):
        raise OperationalError("attempt to write a readonly database")

    RollingWindow.objects.update(last_day=today - datetime.timedelta(days=1))
    monkeypatch.setattr(windows, "locked_windows", refuse)
    assert top_articles(7) == expected
