"""End to end in a real Chromium: a reader reads an article and comments on it, an editor
approves the comment in the Wagtail admin, and the reader then sees it on the article.

Runs against pytest-django's live server (the test settings use a file SQLite database, so the
server thread sees what the test writes). Needs Debian's /usr/bin/chromium: without it the test
is skipped, except in CI (CI=true), where a skipped browser test counts as a failure.
"""

import re

import pytest
from browser_support import collect_console_errors, sign_in_to_admin

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.models import Comment
from newsdesk.security.factories import SuperuserFactory

SCREENSHOT = "/tmp/article.png"
ADMIN_SCREENSHOT = "/tmp/admin-comments.png"

HEADLINE = "Council approves the harbour budget after a long night"
SUBHEADING = "What the money pays for"
QUOTE = "We finally have a plan that the whole city can live with."
RELATED_HEADLINE = "Harbour ferry timetable changes next month"
RELATED_EXCERPT = "Two extra crossings on weekdays, fewer on Sundays."
APPROVED_TEXT = "Good to see the harbour getting the money at last."
NEW_COMMENT = "Will the cycle lane on the harbour bridge be part of this?"
EMAIL_NOTICE = "Your email address will not be published. Required fields are marked *"
VIEW_COUNTER = re.compile(r"Visited (\d+) times, (\d+) visit\(s\) today")

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data; restore the migrations' site structure after the
    # flush so that later tests still find the home page.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def reader_user_agent(browser) -> str:
    """Chromium's user agent without "HeadlessChrome", which the view counter ignores as a
    robot: the reader here stands for a person with an ordinary browser."""
    major = browser.version.split(".")[0]
    return (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/{major}.0.0.0 Safari/537.36"
    )


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def build_articles():
    section = SectionFactory(title="Politics")
    authors = [AuthorFactory(name="Ana Reyes"), AuthorFactory(name="Tom Berg")]
    article = ArticleFactory(
        parent=section,
        title=HEADLINE,
        excerpt="The vote ended a year of arguments over the harbour.",
        tags=["budget", "harbour"],
        authors=authors,
        body=[
            paragraph("The city council approved the harbour budget shortly after midnight."),
            paragraph("Twenty-one members voted for it, eight against, and two abstained."),
            paragraph("The debate had gone on for more than nine hours."),
            ("subheading", SUBHEADING),
            paragraph("Most of the money goes to repairing the old quay walls."),
            ("quote", {"text": QUOTE, "attribution": "the mayor"}),
            paragraph("Work is expected to start in the spring."),
        ],
    )
    related = ArticleFactory(
        parent=section, title=RELATED_HEADLINE, excerpt=RELATED_EXCERPT, tags=["harbour"]
    )
    approved = CommentFactory(page=article, author_name="Maria Lopez", body=APPROVED_TEXT)
    return section, article, related, approved


def test_reader_comments_and_editor_approves(live_server, browser, settings):
    from playwright.sync_api import expect

    # The form refuses posts sooner than this after it was shown (a bot's speed); the live
    # server runs in this process, so the override reaches it.
    settings.NEWSDESK_COMMENT_MIN_SECONDS = 1

    section, article, related, approved = build_articles()
    editor = SuperuserFactory(username="editor", password="correct horse battery")
    article_url = live_server.url + article.url

    reader_context = browser.new_context(user_agent=reader_user_agent(browser))
    reader_context.set_default_timeout(15_000)
    page = reader_context.new_page()
    console_errors = collect_console_errors(page)

    # The reader opens the article.
    response = page.goto(article_url)
    assert response.status == 200
    section_link = page.locator(".section-label a")
    expect(section_link).to_have_text("Politics")
    expect(section_link).to_have_attribute("href", section.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(page.get_by_role("heading", name=SUBHEADING)).to_be_visible()
    expect(page.locator(".article-body blockquote")).to_contain_text(QUOTE)

    related_box = page.locator("aside.related-box")
    expect(related_box).to_have_count(1)
    expect(related_box.get_by_role("heading", name="Other Topics of Interest")).to_be_visible()
    related_link = related_box.get_by_role("link", name=RELATED_HEADLINE)
    expect(related_link).to_have_attribute("href", related.url)
    expect(related_box).to_contain_text(RELATED_EXCERPT)

    counter = page.locator(".view-counter").inner_text().strip()
    match = VIEW_COUNTER.fullmatch(counter)
    assert match, f"view counter reads {counter!r}"
    assert int(match[1]) >= 1 and int(match[2]) >= 1

    expect(page.locator(f"#comment-{approved.pk}")).to_contain_text(APPROVED_TEXT)
    expect(page.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    expect(page.get_by_text(EMAIL_NOTICE, exact=True)).to_be_visible()
    # The labels read "Name *" etc.: the star is hidden from screen readers, which get
    # the required attribute instead.
    name_field = page.get_by_label("Name *", exact=True)
    email_field = page.get_by_label("Email *", exact=True)
    website_field = page.get_by_label("Website", exact=True)
    comment_field = page.get_by_label("Comment *", exact=True)
    for field in (name_field, email_field, website_field, comment_field):
        expect(field).to_be_editable()

    # First try: no email. The browser's own check is switched off so the server's shows.
    name_field.fill("Rosa Diaz")
    comment_field.fill(NEW_COMMENT)
    page.evaluate("document.getElementById('commentform').noValidate = true")
    page.wait_for_timeout(1_200)  # as long as a person takes to type, at least
    with page.expect_response(lambda r: "/comments/post/" in r.url) as posted:
        page.get_by_role("button", name="Post Comment").click()
    assert posted.value.status == 400
    email_row = page.locator(".comment-form-author_email")
    expect(email_row.locator(".field-error")).to_have_text("Please enter your email address.")
    expect(name_field).to_have_value("Rosa Diaz")
    expect(comment_field).to_have_value(NEW_COMMENT)
    assert not Comment.objects.filter(author_name="Rosa Diaz").exists()

    # Second try, complete.
    email_field.fill("rosa@readers.example")
    page.get_by_role("button", name="Post Comment").click()
    page.wait_for_url(re.compile(r"\?unapproved=\d+"))
    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    expect(page.locator(".comment-pending")).to_contain_text(NEW_COMMENT)
    comment = Comment.objects.get(author_name="Rosa Diaz")
    assert comment.status == Comment.Status.PENDING

    # An editor signs in and approves it from the comments list.
    editor_context = browser.new_context()
    editor_context.set_default_timeout(15_000)
    admin = editor_context.new_page()
    sign_in_to_admin(admin, live_server.url, "editor", "correct horse battery")
    admin.get_by_role("link", name="Comments (1)").click()
    admin.wait_for_url(live_server.url + "/admin/comments/")
    row = admin.locator("tr", has_text=NEW_COMMENT)
    expect(row).to_contain_text("rosa@readers.example")
    expect(row).to_contain_text("Pending")
    row.get_by_role("button", name=re.compile(r"^Approve")).click()
    expect(admin.get_by_text("Comment by 'Rosa Diaz' approved.")).to_be_visible()
    expect(admin.locator("tr", has_text=NEW_COMMENT)).to_contain_text("Approved")
    admin.screenshot(path=ADMIN_SCREENSHOT, full_page=True)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == editor
    editor_context.close()

    # The reader, who has no session, comes back to the plain article URL.
    response = page.goto(article_url)
    assert response.status == 200
    published = page.locator(f"#comment-{comment.pk}")
    expect(published).to_contain_text(NEW_COMMENT)
    expect(published).to_contain_text("Rosa Diaz")
    expect(page.get_by_text("Your comment is awaiting moderation.")).to_have_count(0)
    page.screenshot(path=SCREENSHOT, full_page=True)

    # Chromium logs the 400 of the invalid form; that one is expected.
    unexpected = [e for e in console_errors if not re.search(r"status of 400.*/comments/post/", e)]
    assert unexpected == [], "\n".join(unexpected)
    reader_context.close()
