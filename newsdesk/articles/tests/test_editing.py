"""Editors write, preview, schedule and publish articles in Wagtail's admin."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.pageviews.counting import read_counts
from newsdesk.security.factories import SuperuserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(SuperuserFactory())
    return client


def article_form(**overrides):
    data = {
        "title": "Bridge reopens after repairs",
        "slug": "bridge-reopens",
        "excerpt": "Traffic is back on the old bridge.",
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>The bridge reopened at dawn.</p>")),
                ("subheading", "What was fixed"),
                ("quote", {"text": "It feels new.", "attribution": "A cyclist"}),
            ]
        ),
        "tags": "bridge, traffic",
        "comments_open": "on",
        "notes": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_admin_forms_for_each_page_type_load(editor_client, home):
    section = SectionFactory()
    article = ArticleFactory(parent=section)
    for url in (
        f"/admin/pages/add/articles/articlepage/{section.pk}/",
        f"/admin/pages/add/articles/sectionpage/{home.pk}/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/{section.pk}/edit/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/snippets/articles/author/add/",
    ):
        assert editor_client.get(url).status_code == 200, url


def test_editor_creates_a_draft_then_publishes(editor_client):
    section = SectionFactory(title="City")
    url = f"/admin/pages/add/articles/articlepage/{section.pk}/"
    response = editor_client.post(url, article_form())
    assert response.status_code == 302, response.content[:2000]
    article = ArticlePage.objects.get(slug="bridge-reopens")
    assert not article.live and article.section == section
    response = editor_client.post(
        f"/admin/pages/{article.pk}/edit/", article_form(**{"action-publish": "publish"})
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.publication_date is not None
    assert sorted(t.name for t in article.tags.all()) == ["bridge", "traffic"]
    assert article.revisions.count() == 2


def test_editor_adds_a_correction_in_the_admin(editor_client, client):
    article = ArticleFactory(title="Bridge reopens after repairs", slug="bridge-reopens")
    note = {
        "kind": "correction",
        "date": "2026-03-02 10:00",
        "text": "The bridge is 120 m long, not 210 m.",
        "position": "bottom",
    }
    form = article_form(notes=inline_formset([note]), **{"action-publish": "publish"})
    response = editor_client.post(f"/admin/pages/{article.pk}/edit/", form)
    assert response.status_code == 302, response.content[:2000]
    (saved,) = ArticlePage.objects.get(pk=article.pk).notes.all()
    assert (saved.kind, saved.position) == ("correction", "bottom")
    assert "120 m long, not 210 m" in client.get(article.url).content.decode()


def test_preview_renders_without_counting(editor_client):
    section = SectionFactory()
    preview_url = f"/admin/pages/add/articles/articlepage/{section.pk}/preview/"
    response = editor_client.post(preview_url, article_form())
    assert response.json()["is_valid"]
    response = editor_client.get(preview_url)
    assert response.status_code == 200
    assert b"Bridge reopens after repairs" in response.content
    article = ArticleFactory(parent=section)
    edit_preview = f"/admin/pages/{article.pk}/edit/preview/"
    editor_client.post(edit_preview, article_form(slug=article.slug))
    assert editor_client.get(edit_preview).status_code == 200
    assert read_counts(article.pk).total == 0


def test_scheduling_in_the_admin_keeps_the_article_offline(editor_client):
    section = SectionFactory()
    go_live = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    response = editor_client.post(
        f"/admin/pages/add/articles/articlepage/{section.pk}/",
        article_form(go_live_at=go_live, **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="bridge-reopens")
    assert not article.live
    assert article.revisions.exclude(approved_go_live_at=None).exists()


def test_default_section_cannot_be_deleted_in_the_admin(editor_client):
    default = SectionPage.get_default()
    response = editor_client.post(f"/admin/pages/{default.pk}/delete/")
    assert response.status_code == 302
    assert SectionPage.objects.filter(pk=default.pk).exists()


def test_authors_and_further_sections_are_tick_boxes(editor_client):
    from newsdesk.articles.factories import AuthorFactory

    article = ArticleFactory(parent=SectionFactory(title="Politics"))
    author = AuthorFactory(name="Ana Reyes")
    html = editor_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f'type="checkbox" name="authors" value="{author.pk}"' in html
    assert 'type="checkbox" name="further_sections"' in html
    assert '<select name="authors"' not in html and '<select name="further_sections"' not in html


def test_editors_see_the_user_bar_and_readers_do_not(client):
    article = ArticleFactory(parent=SectionFactory(title="Politics"))
    assert b"<wagtail-userbar" not in client.get(article.url).content
    client.force_login(SuperuserFactory())
    assert b"<wagtail-userbar" in client.get(article.url).content


def test_publishing_updates_an_alias_and_skips_the_alias_work_without_one():
    article = ArticleFactory(title="Bridge reopens")
    other_section = SectionFactory(title="Transport")
    alias = article.create_alias(parent=other_section, update_slug="bridge-reopens-transport")
    alone = ArticleFactory(title="Harbour dredging")

    article.title = "Bridge reopens after repairs"
    article.save_revision().publish()
    assert ArticlePage.objects.get(pk=alias.pk).title == "Bridge reopens after repairs"

    alone.title = "Harbour dredging starts"
    with CaptureQueriesContext(connection) as queries:
        alone.save_revision().publish()
    alias_joins = [
        q["sql"]
        for q in queries
        if '"articles_articlepage"' in q["sql"] and '"alias_of_id" =' in q["sql"]
    ]
    assert alias_joins == []


def test_the_related_box_chooser_opens_among_the_articles_not_at_the_tree_root(editor_client):
    home = SectionFactory(title="Harbour").get_parent()
    for title in ("Harbour", "Council"):
        section = SectionPage.objects.filter(title=title).first() or SectionFactory(title=title)
        ArticleFactory(parent=section, title=f"{title} story")
    url = reverse("wagtailadmin_choose_page") + "?page_type=articles.articlepage"
    answer = editor_client.get(url).json()
    assert answer["step"] == "browse" and answer["parent_page_id"] == home.pk
    assert "Harbour" in answer["html"] and "Council" in answer["html"]  # a click from either
