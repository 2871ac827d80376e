"""The news front page (lead story, section blocks) and what to read next after an article
(more from the section, previous/next, share links): issue 16, items 5 and 6."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.articles.listings import SECTION_BLOCK_SIZE

pytestmark = pytest.mark.django_db


def story(section, title, minutes_ago, **kwargs):
    when = timezone.now() - timedelta(minutes=minutes_ago)
    return ArticleFactory(parent=section, title=title, publication_date=when, **kwargs)


def block_titles(html: str, section) -> list[str]:
    block = re.search(rf'aria-labelledby="block-{section.pk}">(.*?)</section>', html, re.S)
    assert block, f"no block for {section.title}"
    return re.findall(r'class="item-headline"><a href="[^"]+">([^<]+)</a>', block[1])


def lead_title(html: str) -> str:
    return re.search(r'id="lead-title" class="lead-headline"><a href="[^"]+">([^<]+)<', html)[1]


def test_the_latest_story_leads_unless_the_editor_picked_one(client, home):
    politics = SectionFactory(title="Politics")
    older = story(politics, "Older", 30)
    story(politics, "Newest", 1)
    assert lead_title(client.get("/").text) == "Newest"

    home.lead_story = older
    home.save_revision().publish()
    html = client.get("/").text
    assert lead_title(html) == "Older"
    assert "Older" not in block_titles(html, politics)  # the lead is not shown twice

    older.unpublish()  # a pick no longer published: the latest leads again
    assert lead_title(client.get("/").text) == "Newest"


def test_each_section_has_a_block_of_its_latest_with_a_link_to_it(client, settings):
    settings.NEWSDESK_LISTING_PAGE_SIZE = 5
    politics, sport = SectionFactory(title="Politics"), SectionFactory(title="Sport")
    for n in range(SECTION_BLOCK_SIZE + 2):
        story(politics, f"Vote {n}", 10 + n)
        story(sport, f"Match {n}", 100 + n)
    html = client.get("/").text
    assert lead_title(html) == "Vote 0"
    assert block_titles(html, politics) == [f"Vote {n}" for n in range(1, SECTION_BLOCK_SIZE + 1)]
    assert block_titles(html, sport) == [f"Match {n}" for n in range(SECTION_BLOCK_SIZE)]
    assert f'href="{sport.url}">More in Sport</a>' in html
    assert 'aria-labelledby="sections-title"' not in html  # the navigation's copy is gone
    # Page 2 is the archive only.
    page2 = client.get("/?page=2").text
    assert 'id="lead-title"' not in page2 and "section-block" not in page2


def test_the_front_page_costs_the_same_with_more_sections(client):
    def cost():
        client.get("/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured.captured_queries)

    story(SectionFactory(title="One"), "First", 1)
    few = cost()
    for n in range(4):
        section = SectionFactory(title=f"Extra {n}")
        for m in range(3):
            story(section, f"Extra {n}.{m}", 5 + m)
    assert cost() == few


def test_an_article_ends_with_more_from_its_section_and_its_neighbours(client):
    politics, sport = SectionFactory(title="Politics"), SectionFactory(title="Sport")
    stories = [story(politics, f"Vote {n}", 10 * n) for n in range(7)]  # Vote 0 is newest
    story(sport, "Match", 15)
    current = stories[3]
    html = client.get(current.url).text
    more = re.search(r'<ul class="more-from-section">(.*?)</ul>', html, re.S)[1]
    assert re.findall(r">(Vote \d)</a>", more) == ["Vote 0", "Vote 1", "Vote 2", "Vote 4"]
    assert "More from Politics" in html and "Match" not in more
    previous = re.search(r'class="pager-previous" rel="prev" href="([^"]+)"', html)[1]
    following = re.search(r'class="pager-next" rel="next" href="([^"]+)"', html)[1]
    assert previous == stories[4].url and following == stories[2].url
    newest = client.get(stories[0].url).text
    assert 'rel="next"' not in newest and 'rel="prev"' in newest


def test_share_links_are_plain_links_with_the_article_address(client):
    article = story(SectionFactory(title="Politics"), "Harbour & budget", 1)
    html = client.get(article.url).text
    links = dict(re.findall(r'class="share-(\w+)" href="([^"]+)"', html))
    assert set(links) == {"email", "bluesky", "facebook", "linkedin", "x"}
    full_url = article.get_full_url()
    mail = urlsplit(links["email"].replace("&amp;", "&"))
    assert mail.scheme == "mailto"
    assert parse_qs(mail.query) == {"subject": ["Harbour & budget"], "body": [full_url]}
    facebook = urlsplit(links["facebook"].replace("&amp;", "&"))
    assert facebook.netloc == "www.facebook.com" and parse_qs(facebook.query)["u"] == [full_url]
    x = parse_qs(urlsplit(links["x"].replace("&amp;", "&")).query)
    assert x == {"url": [full_url], "text": ["Harbour & budget"]}
    # No third-party script or pixel: the networks appear only in those hrefs.
    assert not re.search(r"<(?:script|img|iframe)[^>]+(?:facebook|x\.com|linkedin|bsky)", html)


def test_the_article_page_costs_the_same_with_more_in_its_section(client):
    politics = SectionFactory(title="Politics")
    article = story(politics, "Middle", 50)
    story(politics, "Before", 60)

    def cost():
        client.get(article.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.url).status_code == 200
        return len(captured.captured_queries)

    few = cost()
    for n in range(8):
        story(politics, f"More {n}", n)
    assert cost() == few
