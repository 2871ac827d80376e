"""Comment moderation in the Wagtail admin."""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from newsdesk.articles.factories import ArticleFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.security.factories import SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/comments/"


def moderate_url(comment, status):
    return f"/admin/comments/moderate/{comment.pk}/{status}/"


def bulk_url(action, comments, next_url=LIST_URL):
    query = [("id", c.pk) for c in comments] + [("next", next_url)]
    return f"/admin/bulk/comments/comment/{action}/?{urlencode(query)}"


def status_of(comment):
    comment.refresh_from_db()
    return comment.status


@pytest.fixture
def editor(db):
    return SuperuserFactory()


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def admin_user(username, *permissions):
    """A user who may use the admin, with the given extra "app.codename" permissions."""
    user = UserFactory(username=username)
    group = Group.objects.create(name=f"{username} group")
    codenames = ["wagtailadmin.access_admin", *permissions]
    for name in codenames:
        app_label, codename = name.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user.groups.add(group)
    return user


@pytest.fixture
def article():
    return ArticleFactory(title="Council passes the budget")


@pytest.fixture
def other_article():
    return ArticleFactory(title="Harbour bridge reopens")


@pytest.fixture
def comments(article, other_article):
    return {
        "alice": CommentFactory(
            page=article,
            author_name="Alice",
            author_email="alice@readers.example",
            body="Alice thinks the council got it wrong.",
            ip_address="203.0.113.7",
            pending=True,
        ),
        "bob": CommentFactory(page=article, author_name="Bob"),
        "carl": CommentFactory(
            page=article, author_name="Carl", body="Cheap pills here", spam=True
        ),
        "dora": CommentFactory(
            page=other_article,
            author_name="Dora",
            body="Finally, the bridge is open.",
            pending=True,
        ),
        "emil": CommentFactory(page=article, author_name="Emil", trash=True),
    }


# The listing


def test_listing_shows_comments_with_author_article_status_and_private_details(
    admin_client, comments, article
):
    response = admin_client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Alice", "Bob", "Carl", "Dora", "Emil"):
        assert name in html
    assert "Alice thinks the council got it wrong." in html
    # The private details are for the newsroom's eyes: fine in the admin.
    assert "alice@readers.example" in html
    assert "203.0.113.7" in html
    # The article, linked to the comment on the public page.
    assert f'href="{article.url}#comment-{comments["alice"].pk}"' in html
    assert "Council passes the budget" in html
    for label in ("Pending", "Approved", "Spam", "Trash"):
        assert label in html


def test_listing_filters_by_status(admin_client, comments):
    # Whole words: a random CSRF token in the page once held "Bob" (CI, PostgreSQL run).
    def names(status):
        html = admin_client.get(LIST_URL, {"status": status}).content.decode()
        return {n for n in ("Alice", "Bob", "Carl", "Dora", "Emil") if re.search(rf"\b{n}\b", html)}

    assert names("pending") == {"Alice", "Dora"}
    assert "Carl" in names("spam") and not {"Alice", "Dora"} & names("spam")


def test_listing_filters_by_article(admin_client, comments, other_article):
    html = admin_client.get(LIST_URL, {"page": other_article.pk}).content.decode()
    assert "Dora" in html
    assert "Alice" not in html and "Bob" not in html


def test_listing_searches_names_and_text(admin_client, comments):
    html = admin_client.get(LIST_URL, {"q": "bridge"}).content.decode()
    assert "Dora" in html and "Alice" not in html
    html = admin_client.get(LIST_URL, {"q": "carl"}).content.decode()
    assert "Carl" in html and "Dora" not in html


def test_each_row_has_post_buttons_for_the_other_statuses(admin_client, comments):
    html = admin_client.get(LIST_URL).content.decode()
    alice, bob = comments["alice"], comments["bob"]
    for status in ("approved", "spam", "trash"):
        assert f'data-w-action-url-value="{moderate_url(alice, status)}"' in html
    assert f'data-w-action-url-value="{moderate_url(alice, "pending")}"' not in html
    # An approved comment can be unapproved, but not approved again.
    assert f'data-w-action-url-value="{moderate_url(bob, "pending")}"' in html
    assert f'data-w-action-url-value="{moderate_url(bob, "approved")}"' not in html
    assert 'data-action="w-action#post"' in html


def test_listing_offers_the_moderation_bulk_actions(admin_client, comments):
    html = admin_client.get(LIST_URL).content.decode()
    for action in ("approve", "pending", "spam", "trash"):
        assert f'href="/admin/bulk/comments/comment/{action}/"' in html


def test_menu_item_shows_the_pending_count(admin_client, comments):
    html = admin_client.get("/admin/").content.decode()
    assert '"label": "Comments (2)"' in html
    assert '"url": "/admin/comments/"' in html


# Moderating one comment


@pytest.mark.parametrize("status", ["approved", "spam", "trash"])
def test_row_action_changes_status_and_records_the_moderator(
    admin_client, editor, comments, status
):
    alice = comments["alice"]
    next_url = f"{LIST_URL}?status=pending"
    response = admin_client.post(moderate_url(alice, status), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    alice.refresh_from_db()
    assert alice.status == status
    assert alice.moderated_by == editor
    assert alice.moderated_at is not None
    # The other comments are untouched.
    assert status_of(comments["dora"]) == "pending"


def test_row_action_back_to_pending(admin_client, editor, comments):
    bob = comments["bob"]
    response = admin_client.post(moderate_url(bob, "pending"))
    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    bob.refresh_from_db()
    assert (bob.status, bob.moderated_by) == ("pending", editor)


def test_row_action_shows_a_message(admin_client, comments):
    response = admin_client.post(moderate_url(comments["alice"], "approved"), follow=True)
    assert "Comment by &#x27;Alice&#x27; approved." in response.content.decode()


def test_row_action_ignores_a_next_url_on_another_site(admin_client, comments):
    response = admin_client.post(
        moderate_url(comments["alice"], "spam"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == LIST_URL


def test_unknown_status_is_not_found(admin_client, comments):
    response = admin_client.post(moderate_url(comments["alice"], "published"))
    assert response.status_code == 404
    assert status_of(comments["alice"]) == "pending"


def test_get_on_an_action_url_changes_nothing(admin_client, comments):
    alice = comments["alice"]
    response = admin_client.get(moderate_url(alice, "approved"))
    assert response.status_code == 405
    alice.refresh_from_db()
    assert alice.status == "pending"
    assert alice.moderated_at is None


def test_post_without_csrf_token_is_refused(editor, comments):
    strict = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    strict.force_login(editor)
    response = strict.post(moderate_url(comments["alice"], "approved"))
    assert response.status_code == 403
    assert status_of(comments["alice"]) == "pending"


def test_user_without_change_permission_gets_403(client, comments):
    client.force_login(admin_user("intern"))
    response = client.post(moderate_url(comments["alice"], "approved"))
    assert response.status_code == 403
    response = client.post(bulk_url("approve", [comments["alice"]]))
    assert response.status_code == 403
    response = client.get(LIST_URL)
    assert response.status_code in (302, 403)
    assert status_of(comments["alice"]) == "pending"


def test_user_who_may_view_but_not_change_sees_no_moderation_buttons(client, comments):
    client.force_login(admin_user("reader", "comments.view_comment"))
    response = client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alice" in html
    assert "/admin/comments/moderate/" not in html
    assert client.post(moderate_url(comments["alice"], "approved")).status_code == 403


def test_anonymous_user_is_sent_to_login(client, comments):
    response = client.post(moderate_url(comments["alice"], "approved"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert status_of(comments["alice"]) == "pending"


def test_moderator_with_change_permission_can_moderate(client, comments):
    moderator = admin_user("moderator", "comments.change_comment")
    client.force_login(moderator)
    response = client.post(moderate_url(comments["alice"], "approved"))
    assert response.status_code == 302
    alice = comments["alice"]
    alice.refresh_from_db()
    assert (alice.status, alice.moderated_by) == ("approved", moderator)


def test_comments_are_never_added_in_the_admin(admin_client, comments):
    # Wagtail answers a denied admin page with a redirect to the dashboard and a message.
    response = admin_client.get("/admin/comments/add/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert 'href="/admin/comments/add/"' not in admin_client.get(LIST_URL).content.decode()


def test_edit_form_leaves_the_status_to_the_moderation_actions(admin_client, comments):
    alice = comments["alice"]
    response = admin_client.get(f"/admin/comments/edit/{alice.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="body"' in html
    assert 'name="status"' not in html


def test_inspect_view_shows_email_and_ip(admin_client, comments):
    html = admin_client.get(f"/admin/comments/inspect/{comments['alice'].pk}/").content.decode()
    assert "alice@readers.example" in html
    assert "203.0.113.7" in html


# Bulk actions


@pytest.mark.parametrize(
    "action,status", [("approve", "approved"), ("spam", "spam"), ("trash", "trash")]
)
def test_bulk_action_moderates_the_selected_comments(
    admin_client, editor, comments, action, status
):
    selected = [comments["alice"], comments["dora"]]
    response = admin_client.post(bulk_url(action, selected))
    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    for comment in selected:
        comment.refresh_from_db()
        assert comment.status == status
        assert comment.moderated_by == editor
        assert comment.moderated_at is not None
    assert status_of(comments["bob"]) == "approved"


def test_bulk_back_to_pending(admin_client, editor, comments):
    selected = [comments["carl"], comments["emil"]]
    admin_client.post(bulk_url("pending", selected))
    assert [status_of(c) for c in selected] == ["pending", "pending"]


def test_bulk_action_success_message(admin_client, comments):
    response = admin_client.post(
        bulk_url("approve", [comments["alice"], comments["dora"]]), follow=True
    )
    assert "2 comments approved." in response.content.decode()


def test_bulk_action_get_shows_a_confirmation_and_changes_nothing(admin_client, comments):
    selected = [comments["alice"], comments["dora"]]
    response = admin_client.get(bulk_url("approve", selected))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alice" in html and "Dora" in html
    assert "Yes, approve" in html
    assert 'method="POST"' in html
    assert [status_of(c) for c in selected] == ["pending", "pending"]


def test_bulk_select_all_keeps_to_the_listing_filter(admin_client, comments):
    url = "/admin/bulk/comments/comment/approve/?" + urlencode(
        {"id": "all", "next": f"{LIST_URL}?status=pending"}
    )
    response = admin_client.post(url)
    assert response.status_code == 302
    assert status_of(comments["alice"]) == "approved"
    assert status_of(comments["dora"]) == "approved"
    # Not pending, so not in the listing that was "all selected".
    assert status_of(comments["carl"]) == "spam"
    assert status_of(comments["emil"]) == "trash"


# Dashboard


def test_dashboard_shows_the_pending_count_linking_to_the_pending_list(admin_client, comments):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{LIST_URL}?status=pending"' in html
    assert "2 Pending comments" in html


def test_dashboard_panel_approves_with_a_csrf_protected_form(admin_client, editor, comments):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Comments awaiting moderation" in html
    alice = comments["alice"]
    form_start = html.index(f'action="{moderate_url(alice, "approved")}"')
    form = html[form_start : html.index("</form>", form_start)]
    assert 'name="csrfmiddlewaretoken"' in form
    response = admin_client.post(moderate_url(alice, "approved"), {"next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert status_of(alice) == "approved"


def test_dashboard_hides_comments_from_users_without_permission(client, comments):
    client.force_login(admin_user("intern"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Pending comment" not in html
    assert "Comments awaiting moderation" not in html


# The public page


def test_approved_comment_appears_on_the_article(admin_client, comments, article):
    reader = Client(HTTP_HOST="localhost")
    alice = comments["alice"]
    assert alice.body not in reader.get(article.url).content.decode()

    admin_client.post(moderate_url(alice, "approved"))

    html = reader.get(article.url).content.decode()
    assert alice.body in html
    assert f'id="comment-{alice.pk}"' in html


def test_spammed_comment_leaves_the_article(admin_client, comments, article):
    reader = Client(HTTP_HOST="localhost")
    bob = comments["bob"]
    assert bob.body in reader.get(article.url).content.decode()
    admin_client.post(moderate_url(bob, "spam"))
    assert bob.body not in reader.get(article.url).content.decode()


def reply_url(comment):
    return f"/admin/comments/reply/{comment.pk}/"


def test_a_moderator_replies_from_the_admin_and_readers_see_it_threaded(article, client):
    moderator = SuperuserFactory(first_name="Ada", last_name="Desk", email="ada@desk.example")
    question = CommentFactory(page=article, author_name="Reader", body="When does it start?")
    client.force_login(moderator)
    listing = client.get(LIST_URL).content.decode()
    assert f'href="{reply_url(question)}"' in listing
    form = client.get(reply_url(question))
    assert form.status_code == 200 and "When does it start?" in form.content.decode()

    answer = client.post(reply_url(question), {"body": "From Monday.", "next": LIST_URL})
    assert answer.status_code == 302 and answer["Location"] == LIST_URL
    reply = question.replies.get()
    assert (reply.author_name, reply.status, reply.moderated_by) == (
        "Ada Desk",
        "approved",
        moderator,
    )
    client.logout()
    page = client.get(article.url).content.decode()
    assert "From Monday." in page and "Ada Desk" in page
    assert "ada@desk.example" not in page


def test_replying_to_a_pending_comment_approves_it(article, admin_client):
    pending = CommentFactory(page=article, pending=True)
    form = admin_client.get(reply_url(pending)).content.decode()
    assert "Approve and reply" in form
    admin_client.post(reply_url(pending), {"body": "Thanks, fixed."})
    assert status_of(pending) == "approved"
    assert pending.replies.get().status == "approved"


def test_an_empty_reply_is_refused_and_nothing_is_stored(article, admin_client):
    question = CommentFactory(page=article)
    response = admin_client.post(reply_url(question), {"body": "  \x07 "})
    assert response.status_code == 200
    assert "Please type your comment." in response.content.decode()
    assert not question.replies.exists()


def test_only_moderators_reply_and_only_with_the_csrf_token(article):
    question = CommentFactory(page=article)
    viewer = Client()
    viewer.force_login(admin_user("viewer", "comments.view_comment"))
    assert viewer.post(reply_url(question), {"body": "Hello"}).status_code == 403
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(SuperuserFactory())
    assert guarded.post(reply_url(question), {"body": "Hello"}).status_code == 403
    assert not question.replies.exists()


def test_spam_and_trash_take_no_reply(article, admin_client):
    spam = CommentFactory(page=article, spam=True)
    response = admin_client.post(reply_url(spam), {"body": "No."})
    assert response.status_code == 302
    assert not spam.replies.exists()
