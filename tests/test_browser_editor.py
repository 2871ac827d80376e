"""The editor's side in a real Chromium: the live preview panel shows the draft, and the
dashboard's moderation buttons are laid out as buttons (issue 16, items 1 and 2).

Runs against pytest-django's live server, as tests/test_browser.py does.
"""

import pytest
from browser_support import collect_console_errors, sign_in_to_admin

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.security.factories import SuperuserFactory

PREVIEW_SCREENSHOT = "/tmp/admin-preview.png"
DASHBOARD_SCREENSHOT = "/tmp/admin-dashboard.png"
PUBLISHED_HEADLINE = "Harbour budget: the vote is tonight"
DRAFT_HEADLINE = "Harbour budget passes after a nine-hour debate"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def signed_in(browser, live_server):
    SuperuserFactory(username="editor", password="correct horse battery")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(20_000)
    admin = context.new_page()
    sign_in_to_admin(admin, live_server.url, "editor", "correct horse battery")
    return context, admin


def test_preview_panel_shows_the_draft(live_server, browser):
    from playwright.sync_api import expect

    article = ArticleFactory(parent=SectionFactory(title="Politics"), title=PUBLISHED_HEADLINE)
    context, admin = signed_in(browser, live_server)
    errors = collect_console_errors(admin)

    framed = []
    admin.on("response", lambda r: framed.append(r) if "in_preview_panel" in r.url else None)
    admin.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    admin.locator("#id_title").fill(DRAFT_HEADLINE)
    admin.get_by_role("button", name="Toggle preview").click()
    frame = admin.frame_locator("#w-preview-iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text(DRAFT_HEADLINE)
    admin.screenshot(path=PREVIEW_SCREENSHOT)

    # The preview answer may be framed by the admin, and only by it.
    assert framed, "the preview panel loaded nothing"
    headers = framed[-1].headers
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert not [e for e in errors if "frame" in e.lower()], errors

    # The public page stays unframeable.
    public = admin.request.get(live_server.url + article.url)
    assert public.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in public.headers["content-security-policy"]
    context.close()


def test_dashboard_approve_button_shows_its_label_and_a_small_icon(live_server, browser):
    from playwright.sync_api import expect

    from newsdesk.comments.factories import CommentFactory
    from newsdesk.comments.models import Comment

    article = ArticleFactory(parent=SectionFactory(title="Politics"), title=PUBLISHED_HEADLINE)
    CommentFactory(page=article, author_name="Pat", body="When?", status=Comment.Status.PENDING)
    context, admin = signed_in(browser, live_server)

    # The dashboard panel "Comments awaiting moderation".
    button = admin.get_by_role("button", name="Approve: Pat")
    expect(button).to_have_text("Approve")
    icon = button.locator("svg")
    box, icon_box = button.bounding_box(), icon.bounding_box()
    assert 16 <= icon_box["width"] <= 24 and 16 <= icon_box["height"] <= 24, icon_box
    # Icon and label both inside the button.
    assert icon_box["x"] >= box["x"] and icon_box["y"] >= box["y"]
    assert icon_box["y"] + icon_box["height"] <= box["y"] + box["height"] + 1
    assert box["width"] > icon_box["width"] + 30  # room for the label
    admin.screenshot(path=DASHBOARD_SCREENSHOT)
    context.close()
