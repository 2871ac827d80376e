"""The spam layers: each refuses with a message and stores nothing, or lets the comment in
with points and a reason that moderators see."""

import html
import re
import time

import pytest

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.comments.models import Comment, CommentWordLists, SpamDecision
from newsdesk.comments.spam.gate import CROSS_SITE, DUPLICATE, TOO_MANY, TOO_MANY_FOR_EMAIL
from newsdesk.comments.testing import VALID as TESTING_VALID
from newsdesk.comments.testing import remember_in
from newsdesk.comments.testing import typed_token as token
from newsdesk.comments.tokens import issue_form_token
from newsdesk.security.factories import SuperuserFactory

pytestmark = pytest.mark.django_db

VALID = {**TESTING_VALID, "author_url": ""}


def post(client, article, headers=None, address="127.0.0.1", **changes):
    data = {"form_token": token(article), **VALID, **changes}
    url = f"/comments/post/{article.pk}/"
    return client.post(url, data, headers=headers or {}, REMOTE_ADDR=address)


def form_errors(response) -> str:
    # The article with the form again, or (refused before the form is read) a short page.
    match = re.search(r'class="form-errors" role="alert">(.*?)</(?:div|p)>', response.text, re.S)
    return html.unescape(match[1]) if match else ""


# The form token


@pytest.mark.parametrize(
    ("make_token", "message"),
    [
        (lambda a: "", "The form was incomplete."),
        (lambda a: "1.2.3", "The form was incomplete."),
        (lambda a: token(a)[:-4] + "0000", "The form was incomplete"),
        (lambda a: token(a).replace(f"{a.pk}.", "999999.", 1), "The form was incomplete"),
        (lambda a: issue_form_token(999999, now=time.time() - 60), "belongs to another article"),
        (lambda a: token(a, seconds_ago=0), "quicker than anyone types"),
        (lambda a: token(a, seconds_ago=3 * 24 * 3600), "This form has expired."),
    ],
    ids=["missing", "malformed", "forged", "altered", "other-article", "too-fast", "expired"],
)
def test_a_bad_token_is_refused_with_its_reason_and_what_was_typed_kept(
    client, make_token, message
):
    article = ArticleFactory()
    response = post(client, article, form_token=make_token(article))
    assert response.status_code == 400
    assert message in form_errors(response)
    assert VALID["body"] in response.text  # nothing typed is lost
    assert Comment.objects.count() == 0


def test_a_token_is_used_once(client):
    article = ArticleFactory()
    used = token(article)
    assert post(client, article, form_token=used).status_code == 303
    replay = post(client, article, form_token=used, body="Another remark entirely.")
    assert replay.status_code == 400
    assert "This form was already sent." in form_errors(replay)
    assert Comment.objects.count() == 1
    # The page offers a fresh token, not the spent one.
    assert f'value="{used}"' not in replay.text


def test_a_form_with_errors_keeps_its_token_so_typing_time_counts(client, settings):
    settings.NEWSDESK_COMMENT_MIN_SECONDS = 3
    article = ArticleFactory()
    typed = token(article, seconds_ago=10)
    response = post(client, article, form_token=typed, author_email="")
    assert response.status_code == 400
    assert f'<input type="hidden" name="form_token" value="{typed}">' in response.text
    assert post(client, article, form_token=typed).status_code == 303


# Where the post comes from


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example"}, {"Origin": "null"}, {"Referer": "https://evil.example/"}],
)
def test_another_sites_page_cannot_post(client, headers):
    article = ArticleFactory()
    response = post(client, article, headers=headers)
    assert response.status_code == 403
    assert CROSS_SITE in form_errors(response)
    assert Comment.objects.count() == 0


def test_this_sites_page_may_post(client):
    article = ArticleFactory()
    headers = {"Origin": "http://localhost", "Referer": f"http://localhost{article.url}"}
    assert post(client, article, headers=headers).status_code == 303


# Rate limits


def test_rate_limit_per_client_address(client, settings):
    settings.NEWSDESK_COMMENT_RATE_PER_IP = 3
    article = ArticleFactory()
    statuses = [
        post(client, article, author_email=f"r{n}@x.example", body=f"Remark {n}").status_code
        for n in range(5)
    ]
    assert statuses == [303, 303, 303, 429, 429]
    assert TOO_MANY in form_errors(post(client, article, author_email="z@x.example"))
    assert Comment.objects.count() == 3
    # Another address has its own count.
    other = post(client, article, author_email="q@x.example", address="198.51.100.9")
    assert other.status_code == 303


def test_rate_limit_counts_the_address_a_trusted_proxy_names(client, settings):
    settings.NEWSDESK_COMMENT_RATE_PER_IP = 1
    settings.NEWSDESK_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    article = ArticleFactory()

    def from_client(address, n):
        # The client may prepend anything; the proxy appends the address it saw.
        headers = {"X-Forwarded-For": f"6.6.6.6, {address}"}
        return post(client, article, headers, author_email=f"{n}@x.example", body=f"R {n}")

    assert from_client("192.0.2.1", 1).status_code == 303
    assert from_client("192.0.2.2", 2).status_code == 303
    assert from_client("192.0.2.1", 3).status_code == 429
    assert Comment.objects.get(author_email="2@x.example").ip_address == "192.0.2.2"


def test_rate_limit_per_email(client, settings):
    settings.NEWSDESK_COMMENT_RATE_PER_EMAIL = 2
    article = ArticleFactory()
    responses = [
        post(client, article, address=f"192.0.2.{n}", body=f"Remark {n}") for n in range(1, 4)
    ]
    assert [r.status_code for r in responses] == [303, 303, 429]
    assert TOO_MANY_FOR_EMAIL in form_errors(responses[-1])
    assert Comment.objects.count() == 2


def test_rate_limits_can_be_switched_off(client, settings):
    settings.NEWSDESK_COMMENT_RATE_PER_IP = 0
    settings.NEWSDESK_COMMENT_RATE_PER_EMAIL = 0
    article = ArticleFactory()
    for n in range(15):
        assert post(client, article, body=f"Remark {n}").status_code == 303


# Duplicates


def test_the_same_comment_twice_is_refused(client):
    article = ArticleFactory()
    assert post(client, article).status_code == 303
    again = post(client, article, author_email="ADA@reader.example")
    assert again.status_code == 400
    assert DUPLICATE in form_errors(again)
    assert Comment.objects.count() == 1
    # On another article, or in other words, it is welcome.
    assert post(client, ArticleFactory()).status_code == 303
    assert post(client, article, body="Something new.").status_code == 303


# Scoring layers


def test_a_filled_honeypot_files_the_comment_as_spam_with_the_reason(client):
    article = ArticleFactory()
    response = post(client, article, homepage="https://buy.example")
    assert response.status_code == 303  # a bot learns nothing
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.spam_score >= 5
    assert "honeypot" in comment.spam_reasons[0]


def test_the_honeypot_is_hidden_by_the_stylesheet_not_inline(client):
    html = client.get(ArticleFactory().url).text
    honeypot = re.search(r'<p class="comment-form-hp" aria-hidden="true">.*?</p>', html, re.S)
    assert honeypot and 'name="homepage"' in honeypot[0] and "style=" not in honeypot[0]
    from django.contrib.staticfiles import finders

    with open(finders.find("newsdesk/css/site.css")) as stylesheet:
        css = stylesheet.read()
    assert re.search(r"\.comment-form-hp \{[^}]*left: -10000px", css)


def test_too_many_links_hold_even_a_known_commenter(client, settings):
    settings.NEWSDESK_COMMENT_MAX_LINKS = 2
    article = ArticleFactory()
    known = CommentFactory(
        page=article, author_name=VALID["author_name"], author_email=VALID["author_email"]
    )
    remember_in(client, known)
    body = "See https://a.example and http://b.example and www.c.example"
    post(client, article, body=body)
    comment = Comment.objects.latest("pk")
    assert comment.status == Comment.Status.PENDING
    assert comment.spam_reasons == ["3 links in the comment (more than 2)."]
    post(client, article, body="Only https://a.example here.")
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED


def test_editor_word_lists_hold_or_file_as_spam(client):
    lists = CommentWordLists.load()
    lists.moderation_words = "Casino\n\n  "
    lists.disallowed_words = "cheap pills\n203.0.113.66"
    lists.save()
    article = ArticleFactory()
    post(client, article, body="I won at the CASINO last night.")
    held = Comment.objects.latest("pk")
    assert held.status == Comment.Status.PENDING
    assert held.spam_reasons == ["Contains the moderation word “casino”."]
    post(client, article, body="Buy cheap pills now.")
    assert Comment.objects.latest("pk").status == Comment.Status.SPAM
    post(client, article, body="An innocent remark.", address="203.0.113.66")
    blocked = Comment.objects.latest("pk")
    assert blocked.status == Comment.Status.SPAM
    assert blocked.spam_reasons == ["Contains the disallowed word “203.0.113.66”."]


def test_score_thresholds_are_settings(client, settings):
    settings.NEWSDESK_COMMENT_MAX_LINKS = 0
    settings.NEWSDESK_SPAM_SPAM_SCORE = 2
    article = ArticleFactory()
    post(client, article, body="Look: https://a.example")
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_a_clean_comment_has_no_score(client):
    post(client, ArticleFactory())
    comment = Comment.objects.get()
    assert (comment.spam_score, comment.spam_reasons) == (0, [])


# What moderators see and decide


@pytest.fixture
def editor_client(client):
    client.force_login(SuperuserFactory(username="ed"))
    return client


def test_moderators_see_why_a_comment_was_held(client, editor_client, settings):
    settings.NEWSDESK_COMMENT_MAX_LINKS = 0
    article = ArticleFactory()
    post(client, article, body="Visit https://a.example")
    comment = Comment.objects.get()
    listing = editor_client.get("/admin/comments/").text
    assert "Spam score 2: 1 links in the comment (more than 0)." in listing
    inspect = editor_client.get(f"/admin/comments/inspect/{comment.pk}/").text
    assert "1 links in the comment (more than 0)." in inspect


def test_moderators_decisions_are_kept_with_the_features(client, editor_client):
    article = ArticleFactory()
    post(client, article, body="Visit https://a.example and https://b.example and www.c.example")
    held = Comment.objects.get()
    editor_client.post(f"/admin/comments/moderate/{held.pk}/spam/")
    held.refresh_from_db()
    assert held.status == Comment.Status.SPAM
    decision = SpamDecision.objects.get()
    assert (decision.decision, decision.previous_status) == ("spam", "pending")
    assert decision.comment == held and decision.decided_by.username == "ed"
    assert decision.features["body"] == held.body
    assert decision.features["email_domain"] == "reader.example"
    assert decision.features["spam_reasons"] == held.spam_reasons
    assert "ada@reader.example" not in str(decision.features)
    editor_client.post(f"/admin/comments/moderate/{held.pk}/approved/")
    assert SpamDecision.objects.latest("pk").decision == "ham"
    # A status change by code, not by a moderator, is not a decision.
    held.moderate(Comment.Status.TRASH)
    assert SpamDecision.objects.count() == 2


def test_editors_keep_the_word_lists_in_the_admin_settings(editor_client, client):
    listing = editor_client.get("/admin/settings/comments/commentwordlists/")
    url = listing["Location"]  # the one instance's edit view
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url, {"moderation_words": "casino", "disallowed_words": "cheap pills"}
    )
    assert response.status_code == 302
    assert CommentWordLists.load().disallowed_words == "cheap pills"
