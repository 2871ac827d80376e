"""In a real Chromium: an editor opens an article in Wagtail's page editor, opens the
"Related articles" side panel, sees the suggestions with their scores and clicks "Use this";
the box is then in a new draft revision (newsdesk/related/admin.py, views.py), not published.
"""

import re
from io import StringIO

import pytest
from browser_support import collect_console_errors, sign_in_to_admin
from django.core.management import call_command

from newsdesk.articles.factories import ArticleFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.security.factories import SuperuserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FLOOD = "The river flood burst its banks; rescue crews pumped water from flooded homes."
VOTE = "The election count went on all night; voters waited for the ballot results."


def story(title, text):
    return ArticleFactory(title=title, body=[("paragraph", f"<p>{text}</p>")])


def test_the_editor_sees_the_suggestions_and_uses_one(live_server, browser, settings):
    from playwright.sync_api import expect

    # The admin's calls to other sites (avatars, Wagtail's release check) would only log
    # errors in a machine without internet; the live server runs in this process.
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = False

    article = story("River flood", FLOOD)
    target = story("Flood rescue", FLOOD.replace("rescue", "emergency"))
    story("Election night", VOTE)
    story("Ballot count", VOTE.replace("night", "day"))
    call_command("related_rebuild", "--no-progress", stdout=StringIO())
    revisions = article.revisions.count()
    SuperuserFactory(username="editor", password="correct horse battery")

    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    console_errors = collect_console_errors(page)
    sign_in_to_admin(page, live_server.url, "editor", "correct horse battery")

    page.goto(live_server.url + f"/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="Toggle related articles").click()
    panel = page.locator('[data-side-panel="related"]')
    expect(panel).to_be_visible()
    first = panel.locator("[data-related-suggestion]").first
    expect(first.get_by_role("link", name="Flood rescue")).to_be_visible()
    expect(first).to_contain_text(re.compile(r"score \d\.\d\d, similarity \d\.\d\d"))

    first.get_by_role("button", name="Use this: Flood rescue").click()
    page.wait_for_url(live_server.url + f"/admin/pages/{article.pk}/edit/")
    expect(page.get_by_text("A box with “Flood rescue” is in a new draft.")).to_be_visible()

    saved = ArticlePage.objects.get(pk=article.pk)
    assert saved.revisions.count() == revisions + 1
    assert saved.has_unpublished_changes
    draft = saved.get_latest_revision_as_object()
    assert [b.value["article"].pk for b in draft.body if b.block_type == "related"] == [target.pk]
    assert not [b for b in saved.body if b.block_type == "related"]  # not published

    page.get_by_role("button", name="Toggle related articles").click()
    expect(panel.locator("[data-related-suggestion]").first).to_contain_text("Placed in the draft")
    assert console_errors == [], "\n".join(console_errors)
    context.close()
