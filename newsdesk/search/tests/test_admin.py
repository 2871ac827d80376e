"""Editors keep synonym sets in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group

from newsdesk.articles.factories import ArticleFactory
from newsdesk.search.models import SynonymSet
from newsdesk.security.factories import UserFactory

from .utils import found, paragraphs

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/newsdesk_search/synonymset/"
ADD_URL = LIST_URL + "add/"


@pytest.fixture
def editor(db):
    """A member of Wagtail's Editors group, not a superuser."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(editor):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(editor)
    return client


def test_editors_add_a_synonym_set_and_search_uses_it(client, editor_client):
    ArticleFactory(title="Old map", body=paragraphs("A map of Kiev."))
    assert found(client, "Kyiv") == []
    home = editor_client.get("/admin/").content.decode()
    assert "Search synonyms" in home and LIST_URL in home
    response = editor_client.post(ADD_URL, {"name": "Kyiv", "terms": "Kyiv\nKiev\nКиїв"})
    assert response.status_code == 302
    assert SynonymSet.objects.get().term_list() == ["Kyiv", "Kiev", "Київ"]
    listing = editor_client.get(LIST_URL).content.decode()
    assert "Kyiv, Kiev, Київ" in listing
    assert found(client, "Kyiv") == ["Old map"]


def test_a_set_needs_two_terms(editor_client):
    response = editor_client.post(ADD_URL, {"name": "Lonely", "terms": "Kyiv, kyiv"})
    assert response.status_code == 200
    assert "Give at least two terms" in response.content.decode()
    assert not SynonymSet.objects.exists()


def test_the_listing_can_be_searched(editor_client):
    SynonymSet.objects.create(name="Kyiv", terms="Kyiv, Kiev")
    SynonymSet.objects.create(name="Lviv", terms="Lviv, Lwów, Lemberg")
    listing = editor_client.get(LIST_URL, {"q": "Lemberg"}).content.decode()
    assert "Lviv" in listing and "Kiev" not in listing
