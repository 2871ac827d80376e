import re
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection

from newsdesk.articles.factories import ArticleFactory
from newsdesk.related import similarity
from newsdesk.related.choice import related_choice
from newsdesk.related.models import ArticleTerm, Neighbour
from newsdesk.related.similarity import Neighbours, Options

pytestmark = pytest.mark.django_db
LIST_LINKS = re.compile(r'<li><a href="[^"]+">([^<]+)</a></li>')

FLOOD = "The river flood burst its banks; rescue crews pumped water from flooded homes."
VOTE = "The election count went on all night; voters waited for the ballot results."
MATCH = "The striker scored twice as the league leaders won the match at the stadium."


def story(title, text, **kwargs):
    return ArticleFactory(title=title, body=[("paragraph", f"<p>{text}</p>")], **kwargs)


def publish(article):
    article.save_revision().publish()  # sends page_published, as the editor's button does


def neighbours_of(article):
    return list(
        Neighbour.objects.filter(article=article)
        .order_by("rank")
        .values_list("neighbour_id", flat=True)
    )


@pytest.fixture
def site():
    articles = {
        "flood": story("River flood", FLOOD),
        "flood2": story("Flood rescue", FLOOD.replace("rescue", "emergency")),
        "vote": story("Election night", VOTE),
        "vote2": story("Ballot count", VOTE.replace("night", "day")),
        "match": story("League match", MATCH),
    }
    call_command("related_rebuild", "--no-progress", stdout=StringIO())
    return articles


def test_rebuild_stores_neighbours_on_topic_and_the_box_uses_them(site, client):
    assert neighbours_of(site["flood"])[0] == site["flood2"].pk
    assert related_choice(site["vote"]).box.pk == site["vote2"].pk
    html = client.get(site["flood"].url).content.decode()
    assert f'<a href="{site["flood2"].url}">Flood rescue</a>' in html


def test_publishing_enters_an_article_into_the_lists_it_beats(site):
    third = story("Flood water", FLOOD)
    publish(third)
    assert neighbours_of(third)[:2] == sorted(
        [site["flood"].pk, site["flood2"].pk], key=neighbours_of(third)[:2].index
    )
    assert third.pk in neighbours_of(site["flood"])[:2]
    assert third.pk not in neighbours_of(site["match"])[:1]


def test_an_article_entering_full_lists_moves_the_rest_down_and_the_last_out(site, settings):
    settings.NEWSDESK_RELATED_NEIGHBOURS = 2
    call_command("related_rebuild", "--no-progress", stdout=StringIO())
    before = {pk: neighbours_of(pk) for pk in (site["flood"].pk, site["flood2"].pk)}
    assert all(len(ids) == 2 for ids in before.values())
    third = story("Flood water", FLOOD)
    publish(third)
    for owner, old in before.items():
        new = neighbours_of(owner)
        assert third.pk in new and len(new) == 2
        assert [pk for pk in new if pk != third.pk] == old[: 2 - 1]  # the old last dropped
    for owner in Neighbour.objects.values_list("article_id", flat=True).distinct():
        rows = list(Neighbour.objects.filter(article_id=owner).order_by("rank"))
        assert [row.rank for row in rows] == list(range(1, len(rows) + 1))
        assert [row.score for row in rows[1:]] == sorted((r.score for r in rows[1:]), reverse=True)


def test_unpublishing_and_deleting_leave_every_list(site):
    site["flood2"].unpublish()
    assert not Neighbour.objects.filter(neighbour=site["flood2"]).exists()
    assert not ArticleTerm.objects.filter(article=site["flood2"]).exists()
    site["vote2"].delete()
    assert not Neighbour.objects.filter(neighbour_id=site["vote2"].pk).exists()
    assert (
        related_choice(site["vote"].specific_deferred.__class__.objects.get(pk=site["vote"].pk)).box
        != site["vote2"]
    )


def test_no_box_under_the_similarity_threshold(site, settings):
    settings.NEWSDESK_RELATED_MIN_SIMILARITY = 0.99
    assert related_choice(site["match"]).box is None


def test_the_box_skips_an_article_the_body_links_to_and_the_list_follows(site, client, settings):
    settings.NEWSDESK_RELATED_LIST_COUNT = 1
    extra = story("Flood homes", FLOOD)
    publish(extra)
    linking = story("Flood again", FLOOD)
    linking.body = [
        ("paragraph", f'<p>{FLOOD} <a linktype="page" id="{site["flood2"].pk}">Earlier</a></p>')
    ]
    linking.save()
    publish(linking)
    assert site["flood2"].pk in neighbours_of(linking)
    choice = related_choice(linking)
    shown = [choice.box.pk] + [each.pk for each in choice.listed]
    assert sorted(shown) == sorted([site["flood"].pk, extra.pk])
    html = client.get(linking.url).content.decode()
    assert '<h2 id="related-list-heading" class="related-list-heading">Related</h2>' in html
    listed = html[
        html.index('class="related-list"') : html.index(
            "</nav>", html.index('class="related-list"')
        )
    ]
    assert len(LIST_LINKS.findall(listed)) == 1


def test_editor_placed_boxes_win_and_the_api_lists_related_ids(site, client):
    placed = story("Vote placed", VOTE)
    placed.body = [("paragraph", f"<p>{VOTE}</p>"), ("related", {"article": site["match"]})]
    placed.save()
    publish(placed)
    choice = related_choice(placed)
    assert choice.box is None
    assert site["match"].pk not in [each.pk for each in choice.listed]
    detail = client.get(f"/api/v2/articles/{site['vote'].pk}/").json()
    assert site["vote2"].pk in detail["related"][:2]
    assert placed.pk in detail["related"][:2]


def test_the_first_pick_cap_moves_later_articles_to_their_next_neighbour():
    """Ten articles whose best match is article 0: at most first_pick_cap() keep it."""
    n, options = 10, Options(neighbours=2, max_share=0.01, min_similarity=0.1)
    found = Neighbours(
        index=np.array([[1, 2]] + [[0, (i + 1) % n or 1] for i in range(1, n)], dtype=np.int32),
        score=np.array(
            [[0.5, 0.4]] + [[0.9 - i / 100, 0.3] for i in range(1, n)], dtype=np.float32
        ),
        similarity=np.full((n, 2), 0.5, dtype=np.float32),
    )
    similarity.diversify(found, options)
    firsts = found.index[:, 0].tolist()
    assert firsts.count(0) == similarity.first_pick_cap(n, 0.01) == 3
    assert firsts[1:4] == [0, 0, 0]  # the strongest matches chose first
    assert firsts[4] == 5 and found.index[4, 1] == 0  # the next one, the full one second


def test_recency_halves_per_half_life_and_stops_at_the_maximum_age():
    options = Options(half_life_days=10, max_age_days=25)
    weights = similarity.recency(np.array([0, 10, -20, 30], dtype=np.float32), options)
    assert weights.tolist() == pytest.approx([1, 0.5, 0.25, 0])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rebuild_on_postgresql_leaves_the_terms_index_readable_alone():
    if connection.vendor != "postgresql":
        pytest.skip("the visibility map is PostgreSQL's")
    for n in range(6):
        story(f"Flood {n}", FLOOD if n % 2 else VOTE)
    call_command("related_rebuild", "--no-progress", stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relallvisible FROM pg_class WHERE relname = %s", [ArticleTerm._meta.db_table]
        )
        assert cursor.fetchone()[0] > 0  # vacuumed: an index-only scan needs no table read
