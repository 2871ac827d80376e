"""The article editor's "Related articles" side panel and its "Use this" (admin.py, views.py)."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from wagtail.models import GroupPagePermission, Page, PageLogEntry

from newsdesk.articles.factories import ArticleFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.related.models import Neighbour
from newsdesk.security.factories import SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

FLOOD = "The river flood burst its banks; rescue crews pumped water from flooded homes."
VOTE = "The election count went on all night; voters waited for the ballot results."
MATCH = "The striker scored twice as the league leaders won the match at the stadium."
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def story(title, *texts):
    return ArticleFactory(title=title, body=[("paragraph", f"<p>{t}</p>") for t in texts])


@pytest.fixture
def site():
    articles = {
        "flood": story("River flood", FLOOD, "The water rose overnight.", "Crews worked.", "End."),
        "flood2": story("Flood rescue", FLOOD.replace("rescue", "emergency")),
        "vote": story("Election night", VOTE),
        "vote2": story("Ballot count", VOTE.replace("night", "day")),
        "match": story("League match", MATCH),
    }
    call_command("related_rebuild", "--no-progress", stdout=StringIO())
    return articles


def signed_in(user, **kwargs):
    client = Client(HTTP_HOST="localhost", **kwargs)
    client.force_login(user)
    return client


def edit_url(article):
    return f"/admin/pages/{article.pk}/edit/"


def use_url(article):
    return f"/admin/related/{article.pk}/use/"


def panel_of(html):
    start = html.index("data-related-suggestions")
    return html[start : html.index("</div>\n", html.index("</ol>", start))]


def editor_of(section_page, *, may_edit):
    """A signed-in admin user who may (or may not) edit the pages under `section_page`."""
    user = UserFactory()
    group = Group.objects.create(name=f"Desk {user.username}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    if may_edit:
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=group, page=section_page, permission=Permission.objects.get(codename=codename)
            )
    user.groups.add(group)
    return user


def test_the_panel_lists_the_stored_suggestions_with_scores_and_use_this(site):
    flood = site["flood"]
    stored = Neighbour.objects.get(article=flood, rank=1)
    html = signed_in(SuperuserFactory()).get(edit_url(flood)).content.decode()
    assert 'data-side-panel-toggle="related"' in html
    panel = panel_of(html)
    first = re.search(r'data-related-suggestion="(\d+)"', panel)
    assert int(first.group(1)) == stored.neighbour_id == site["flood2"].pk
    assert f"score {stored.score:.2f}, similarity {stored.similarity:.2f}" in panel
    assert '<button type="submit"' in panel and "Use this" in panel
    assert f'name="target" value="{site["flood2"].pk}"' in panel
    assert 'name="csrfmiddlewaretoken"' in panel


def test_use_this_places_the_box_in_a_new_draft_revision_and_does_not_publish(site):
    flood, target = site["flood"], site["flood2"]
    before = flood.revisions.count()
    live_body = list(ArticlePage.objects.get(pk=flood.pk).body.raw_data)
    client = signed_in(SuperuserFactory(), enforce_csrf_checks=True)
    token = CSRF_INPUT.search(client.get(edit_url(flood)).content.decode()).group(1)
    response = client.post(use_url(flood), {"target": target.pk, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == edit_url(flood)
    page = ArticlePage.objects.get(pk=flood.pk)
    assert page.revisions.count() == before + 1
    assert page.has_unpublished_changes and page.live
    assert list(page.body.raw_data) == live_body  # the live article is untouched
    draft = page.get_latest_revision_as_object()
    kinds = [block.block_type for block in draft.body]
    assert kinds == ["paragraph"] * 3 + ["related", "paragraph"]  # after paragraph 3
    assert draft.body[3].value["article"].pk == target.pk
    assert PageLogEntry.objects.filter(page=flood, action="wagtail.edit").exists()
    shown = client.get(edit_url(flood)).content.decode()
    assert f"A box with “{target.title}” is in a new draft." in shown
    assert "Placed in the draft" in panel_of(shown)
    again = client.post(use_url(flood), {"target": target.pk, "csrfmiddlewaretoken": token})
    assert again.status_code == 302 and page.revisions.count() == before + 1
    assert "The draft already has a box" in client.get(edit_url(flood)).content.decode()


def test_use_this_without_the_csrf_token_is_refused(site):
    flood = site["flood"]
    client = signed_in(SuperuserFactory(), enforce_csrf_checks=True)
    response = client.post(use_url(flood), {"target": site["flood2"].pk})
    assert response.status_code == 403
    assert flood.revisions.count() == ArticlePage.objects.get(pk=flood.pk).revisions.count()
    assert not ArticlePage.objects.get(pk=flood.pk).has_unpublished_changes


def test_use_this_needs_permission_to_edit_the_page(site):
    flood = site["flood"]
    section = Page.objects.get(pk=flood.get_parent().pk)
    outsider = editor_of(section, may_edit=False)
    before = flood.revisions.count()
    refused = signed_in(outsider).post(use_url(flood), {"target": site["flood2"].pk}, follow=True)
    # Wagtail's admin answers PermissionDenied with its own redirect and message.
    assert refused.redirect_chain == [("/admin/", 302)]
    assert "Sorry, you do not have permission to access this area." in refused.content.decode()
    assert flood.revisions.count() == before
    desk = editor_of(section, may_edit=True)
    response = signed_in(desk).post(use_url(flood), {"target": site["flood2"].pk})
    assert response.status_code == 302 and flood.revisions.count() == before + 1


def test_use_this_refuses_a_bad_target_with_a_message_and_no_revision(site):
    flood = site["flood"]
    client = signed_in(SuperuserFactory())
    before = flood.revisions.count()
    site["match"].unpublish()
    for target, message in (
        ("", "Choose an article to place"),
        ("x", "Choose an article to place"),
        (flood.pk, "cannot be its own related article"),
        (site["match"].pk, "is not published"),
    ):
        response = client.post(use_url(flood), {"target": target}, follow=True)
        assert message in response.content.decode()
    assert client.get(use_url(flood)).status_code == 405
    assert flood.revisions.count() == before


def test_a_draft_never_published_gets_the_suggestions_a_publish_would_compute(site):
    draft = story("Flood homes", FLOOD)
    draft.unpublish()
    html = signed_in(SuperuserFactory()).get(edit_url(draft)).content.decode()
    panel = panel_of(html)
    assert "What publishing this draft would suggest now." in panel
    ids = [int(pk) for pk in re.findall(r'data-related-suggestion="(\d+)"', panel)]
    assert set(ids[:2]) == {site["flood"].pk, site["flood2"].pk}
    assert not Neighbour.objects.filter(article=draft).exists()  # stored nowhere
