"""Old URLs only lead to pages a reader may see; slugs; scheduled posts; comment meta; tags."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.comments.models import Comment
from newsdesk.wordpress.importer.slugs import page_slug
from newsdesk.wordpress.models import WordPressObject

from . import wxr
from .helpers import run_import

pytestmark = pytest.mark.django_db
PAST = "2020-01-01 12:00:00"


def imported(tmp_path, items: str, terms: str = "") -> str:
    return run_import(wxr.write(tmp_path, wxr.export(items, terms)))


def page_of(post_id: str) -> Page:
    row = WordPressObject.objects.get(kind="post", key=post_id)
    return Page.objects.get(pk=row.object_id).specific


# -- item 7: drafts and scheduled posts 404 directly; unknown ids 404 ---------------------
def test_a_draft_or_scheduled_posts_old_urls_answer_404_without_a_redirect(home, client, tmp_path):
    future = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S")
    imported(
        tmp_path,
        wxr.item(1, "secret-draft", status="draft")
        + wxr.item(2, "coming-soon", status="future", date=future)
        + wxr.item(3, "out-now"),
    )
    for old in ("/secret-draft/", "/?p=1", "/coming-soon/", "/?p=2", "/2020/01/01/secret-draft/"):
        response = client.get(old)
        assert response.status_code == 404, old
        assert "Location" not in response
    assert client.get("/out-now/")["Location"] == page_of("3").url
    assert client.get("/?p=3").status_code == 301


def test_a_scheduled_posts_old_url_redirects_once_it_is_published(home, client, tmp_path):
    imported(tmp_path, wxr.item(2, "later", status="draft"))
    assert client.get("/later/").status_code == 404
    page_of("2").save_revision().publish()
    assert client.get("/later/")["Location"] == page_of("2").url


def test_an_unknown_post_id_answers_404(home, client, tmp_path):
    imported(tmp_path, wxr.item(3, "out-now"))
    assert client.get("/?p=999").status_code == 404
    assert client.get("/?page_id=999").status_code == 404
    assert client.get("/").status_code == 200


# -- item 4: a scheduled post whose date has passed stays scheduled ------------------------
def test_a_past_due_scheduled_post_stays_scheduled_and_the_scheduler_publishes_it(home, tmp_path):
    imported(tmp_path, wxr.item(4, "missed", status="future", date=PAST))
    page = page_of("4")
    assert not page.live
    assert page.scheduled_revision is not None
    assert page.scheduled_revision.approved_go_live_at < timezone.now()
    call_command("publish_scheduled")
    assert page_of("4").live


# -- item 5: Unicode slugs kept when Wagtail takes them; old form always redirects --------
@pytest.mark.parametrize(
    "wordpress,expected",
    [
        (quote("Ärger-über-café"), "Ärger-über-café"),  # slugify would lowercase it
        (quote("ﬁnal-２０２０"), "ﬁnal-２０２０"),  # slugify would NFKC-fold it
        (quote("party-🎉-time"), "party-time"),  # an emoji cannot be in a Wagtail URL
        (quote("שלום\u200f-world"), "שלום-world"),  # nor a right-to-left mark
        ("plain-ascii", "plain-ascii"),
    ],
)
def test_page_slug_keeps_wordpress_slug_when_wagtail_accepts_it(wordpress, expected):
    assert page_slug(wordpress) == expected


def test_page_slug_is_ascii_when_unicode_slugs_are_off(settings):
    settings.WAGTAIL_ALLOW_UNICODE_SLUGS = False
    assert page_slug(quote("café")) == "cafe"


@pytest.mark.parametrize(
    "slug,kept",
    [(quote("élection-à-paris"), True), (quote("party-🎉"), False), (quote("عربي\u200f"), False)],
)
def test_old_percent_encoded_url_redirects_to_the_page(home, client, tmp_path, slug, kept):
    imported(tmp_path, wxr.item(5, slug))
    page = page_of("5")
    assert page.slug == page_slug(slug)
    if kept:
        assert page.slug == "élection-à-paris"
    lower = re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), slug)  # as WordPress writes
    for old in (f"/{slug}/", f"/{lower}/", f"/2020/01/01/{lower}/", f"/2020/01/{slug}/"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url
    assert client.get(page.url).status_code == 200


# -- item 7: comment meta kept as text ------------------------------------------------------
def test_comment_meta_kept_as_text_never_unserialized(home, tmp_path):
    serialized = 'a:2:{s:4:"rate";i:5;s:4:"name";s:3:"Bob";}'
    meta = {"akismet_result": "false", "rating": serialized, "odd": 'O:8:"stdClass":0:{}'}
    items = wxr.item(6, "rated", comments=wxr.comment(60, "Nice", meta=meta))
    imported(tmp_path, items)
    row = WordPressObject.objects.get(kind="comment", key="60")
    assert row.meta == meta
    assert Comment.objects.get(pk=row.object_id).body == "Nice"
    # A re-import with changed meta updates it in place.
    meta["rating"] = "b:0;"
    imported(tmp_path, wxr.item(6, "rated", comments=wxr.comment(60, "Nice", meta=meta)))
    assert WordPressObject.objects.get(kind="comment", key="60").meta == meta


# -- item 7: the admin's tag counts after a first import ---------------------------------
def test_tag_usage_counts_complete_after_a_first_import(home, tmp_path):
    # "storm" is used by posts but not declared among the channel's tags.
    tags = (("flood", "Flood"), ("rain", "Rain"), ("storm", "Storm"))
    items = "".join(wxr.item(n, f"story-{n}", tags=tags[: n % 3 + 1]) for n in range(10, 16))
    imported(tmp_path, items, wxr.tag("flood", "Flood") + wxr.tag("rain", "Rain"))
    # What the admin's tag listing counts: taggit's usage count over the article tags.
    counts = {tag.slug: tag.num_times for tag in ArticlePage.tags.most_common()}
    assert counts == {"flood": 6, "rain": 4, "storm": 2}
