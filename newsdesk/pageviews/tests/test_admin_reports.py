"""The editors' readership views: the most-read report (filters, export, the counter line's
numbers), one article's chart and table, the dashboard panel and the Views column."""

import csv
import datetime
import io
import re
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.pageviews import counting, store
from newsdesk.pageviews.admin.chart import DayViews, views_chart
from newsdesk.pageviews.admin.dashboard import views_today_and_yesterday_by_now
from newsdesk.security.factories import SuperuserFactory

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/most-read/"
ZONE = ZoneInfo("America/New_York")


@pytest.fixture
def admin_client(client):
    client.force_login(SuperuserFactory())
    return client


def views(article, count, day=None):
    store.add_views([(article.pk, None, count), (article.pk, day or timezone.localdate(), count)])


def exported_rows(admin_client, query=""):
    response = admin_client.get(f"{REPORT}?export=csv{query}")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def counter_line(client, article):
    body = client.get(article.url).content.decode()
    found = re.search(r"Visited (\d+) times?, (\d+) visit", body)
    return int(found[1]), int(found[2])


def test_the_report_ranks_by_views_in_the_period_with_the_counter_lines_numbers(admin_client):
    today = timezone.localdate()
    week_old = today - datetime.timedelta(days=10)
    steady = ArticleFactory(title="Steady reader favourite")
    fresh = ArticleFactory(title="Fresh this week")
    views(steady, 50, week_old)  # read, but not in the last 7 days
    views(steady, 2)
    views(fresh, 7)
    CommentFactory(page=fresh, author_email="ann@readers.example")
    rows = exported_rows(admin_client)
    assert [row["Headline"] for row in rows] == ["Fresh this week", "Steady reader favourite"]
    assert [int(row["Views in period"]) for row in rows] == [7, 2]
    assert rows[0]["Comments"] == "1" and rows[1]["Comments"] == "0"
    anonymous = type(admin_client)()
    for row, article in zip(rows, [fresh, steady], strict=True):
        total = counting.read_counts(article.pk).total
        assert int(row["Views, all time"]) == total
        # The public counter line, which counts its own view too, says the same plus one.
        assert counter_line(anonymous, article)[0] == total + 1
    html = admin_client.get(REPORT).content.decode()
    assert "Fresh this week" in html and f"{REPORT}{fresh.pk}/" in html
    assert "ann@readers.example" not in html


def test_periods_sections_and_authors_filter_the_report(admin_client):
    today = timezone.localdate()
    politics, sport = SectionFactory(title="Politics"), SectionFactory(title="Sport")
    writer = AuthorFactory(name="Rosa Quill")
    vote = ArticleFactory(parent=politics, title="The vote")
    match = ArticleFactory(parent=sport, title="The match", authors=[writer])
    views(vote, 3, today - datetime.timedelta(days=1))
    views(match, 4)
    views(match, 9, today - datetime.timedelta(days=20))
    titles = lambda query: [row["Headline"] for row in exported_rows(admin_client, query)]  # noqa: E731
    assert titles("&period=today") == ["The match"]
    assert titles("&period=yesterday") == ["The vote"]
    assert titles("&period=30") == ["The match", "The vote"]
    assert titles(f"&period=30&section={politics.pk}") == ["The vote"]
    assert titles(f"&period=30&author={writer.pk}") == ["The match"]
    first = (today - datetime.timedelta(days=21)).isoformat()
    last = (today - datetime.timedelta(days=19)).isoformat()
    rows = exported_rows(admin_client, f"&period=custom&start={first}&end={last}")
    assert [(r["Headline"], r["Views in period"]) for r in rows] == [("The match", "9")]


def test_the_xlsx_export_holds_the_same_rows(admin_client):
    ArticleFactory(title="Spreadsheet story")
    views(ArticleFactory(title="Read story"), 5)
    response = admin_client.get(f"{REPORT}?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Headline" and rows[1][0] == "Read story" and rows[1][3] == 5
    assert len(rows) == 2  # an article never read is not ranked


@pytest.mark.parametrize(
    "start, end, message",
    [
        (5, 9, "The last day comes before the first day."),
        (-3, -1, "The range cannot end after today"),
        (800, 0, "A range covers at most 366 days."),
        (None, 0, "Give the first day of the range."),
    ],
)
def test_an_impossible_range_is_told_next_to_its_field(admin_client, start, end, message):
    today = timezone.localdate()
    day = lambda n: (today - datetime.timedelta(days=n)).isoformat() if n is not None else ""  # noqa: E731
    response = admin_client.get(f"{REPORT}?period=custom&start={day(start)}&end={day(end)}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "error" in html[html.index(message) - 300 : html.index(message)]
    assert f"No report for this period: {message}" in html  # said where the rows would be


def test_a_range_before_views_were_kept_is_told(admin_client):
    views(ArticleFactory(), 1)
    old = timezone.localdate() - datetime.timedelta(days=100)
    query = f"?period=custom&start={old - datetime.timedelta(days=3)}&end={old}"
    assert "Views are kept from" in admin_client.get(REPORT + query).content.decode()


def test_an_article_chart_and_table_from_its_days(admin_client):
    today = timezone.localdate()
    published = timezone.now() - datetime.timedelta(days=2)
    article = ArticleFactory(title="Charted", publication_date=published)
    views(ArticleFactory(), 1, today - datetime.timedelta(days=5))  # the site counted before
    views(article, 4, today - datetime.timedelta(days=1))
    views(article, 6)
    store.add_views([(article.pk, None, 30)])  # an imported total without days
    html = admin_client.get(f"{REPORT}{article.pk}/").content.decode()
    assert "Visited 40 times, 6 visits today" in html
    assert "30 of these views were counted before daily views were kept" in html
    chart = html.split('<svg class="views-chart"', 1)[1].split("</svg>", 1)[0]
    assert chart.count("<rect ") == 2 and "<script" not in chart
    rows = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", html)
    assert [int(v) for _, v in rows] == [6, 4, 0]  # today, yesterday, the day published


def test_the_chart_draws_no_views_one_day_and_a_year():
    today = datetime.date(2026, 6, 1)
    assert views_chart([]) == ""
    none = views_chart([DayViews(today, 0)])
    assert "<svg" in none and "<rect" not in none and ">1<" in none  # the axis still has a top
    one = views_chart([DayViews(today, 12)])
    assert one.count("<rect ") == 1 and ">20<" in one  # 12 under an axis top of 20
    year = [DayViews(today - datetime.timedelta(days=n), n % 7) for n in range(366)]
    drawn = views_chart(year)
    assert drawn.count("<rect ") == sum(1 for d in year if d.views)
    widths = {float(w) for w in re.findall(r'width="([\d.]+)"', drawn.split("</title>", 1)[1])}
    assert all(w < 2 for w in widths)  # a year's bars fit the chart's width


def test_the_dashboard_panel_shows_todays_most_read_and_yesterday_by_now(admin_client):
    morning = datetime.datetime(2026, 3, 10, 9, 7, 30, tzinfo=ZONE)
    with time_machine.travel(morning - datetime.timedelta(days=1, hours=3), tick=False):
        views(ArticleFactory(), 10)  # yesterday at 06:07
    with time_machine.travel(morning - datetime.timedelta(days=1, minutes=-30), tick=False):
        views(ArticleFactory(), 99)  # yesterday at 09:37: after this time of day
    with time_machine.travel(morning, tick=False):
        read = ArticleFactory(title="Morning briefing")
        views(read, 3)
        views(ArticleFactory(title="Second"), 1)
        assert views_today_and_yesterday_by_now() == (4, 10)
        html = admin_client.get("/admin/").content.decode()
    assert "Most read today" in html and "Morning briefing" in html
    assert html.index("Morning briefing") < html.index(">Second<")
    assert "against 10 by this time yesterday (-60%)" in html


def test_the_article_listing_has_a_sortable_views_column(admin_client):
    quiet, loud = ArticleFactory(title="Quiet one"), ArticleFactory(title="Loud one")
    views(loud, 12)
    views(quiet, 2)
    html = admin_client.get("/admin/articles/?ordering=-views_all_time").content.decode()
    assert "Views" in html and html.index("Loud one") < html.index("Quiet one")
    html = admin_client.get("/admin/articles/?ordering=views_all_time").content.decode()
    assert html.index("Quiet one") < html.index("Loud one")


def test_readers_and_editors_without_page_rights_are_kept_out(client):
    article = ArticleFactory()
    assert client.get(REPORT).status_code == 302  # to the admin's login
    user = get_user_model().objects.create_user("reader", "r@readers.example", "pw")
    client.force_login(user)
    assert client.get(f"{REPORT}{article.pk}/").status_code in (302, 403)
