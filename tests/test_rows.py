"""Rows written below the ORM (newsdesk/rows.py), on whichever database the suite runs."""

import pytest
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from newsdesk.rows import RowWriter, reserve_ids

pytestmark = pytest.mark.django_db


def redirect(path: str, link: str) -> dict:
    return {
        "old_path": path,
        "site_id": Site.objects.get(is_default_site=True).pk,
        "redirect_link": link,
    }


def test_rows_without_an_id_take_the_tables_next_ones_and_the_defaults():
    before = Redirect.objects.create(old_path="/before", redirect_link="/x")
    RowWriter(Redirect).write([redirect("/one", "/a"), redirect("/two", "/b")])
    after = Redirect.objects.create(old_path="/after", redirect_link="/y")
    rows = {r.old_path: r for r in Redirect.objects.filter(old_path__in=["/one", "/two"])}
    assert sorted(rows) == ["/one", "/two"]
    assert all(before.pk < row.pk < after.pk for row in rows.values())
    assert rows["/one"].is_permanent  # the field's default
    assert rows["/one"].redirect_page_id is None


def test_automatic_dates_a_row_does_not_give_are_taken_when_it_is_written():
    writer = RowWriter(Redirect)  # built before: the date must not be the writer's own
    start = timezone.now()
    writer.write([redirect("/dated", "/d")])
    written = Redirect.objects.get(old_path="/dated").created_at
    assert start <= written <= timezone.now()


def test_reserved_ids_are_the_ones_written_and_never_handed_out_again():
    ids = reserve_ids(Redirect, 3)
    assert len(set(ids)) == 3
    objects = [Redirect(pk=pk, old_path=f"/r{pk}", redirect_link="/z", site=None) for pk in ids]
    RowWriter(Redirect).write_objects(objects)
    assert set(Redirect.objects.filter(pk__in=ids).values_list("old_path", flat=True)) == {
        f"/r{pk}" for pk in ids
    }
    later = Redirect.objects.create(old_path="/later", redirect_link="/z")
    assert later.pk > max(ids)


def test_instances_without_a_pk_are_inserted_with_new_ids():
    RowWriter(Redirect).write_objects([Redirect(old_path="/new", redirect_link="/n")])
    assert Redirect.objects.get(old_path="/new").created_at is not None  # pre_save ran


def test_upsert_updates_the_row_with_the_same_unique_fields_and_inserts_the_rest():
    home = Page.objects.get(depth=2)
    existing = Redirect.objects.create(
        old_path="/old", site=Site.objects.get(is_default_site=True), redirect_page=home
    )
    writer = RowWriter(Redirect, upsert=(("old_path", "site"), ("redirect_page", "redirect_link")))
    writer.write(
        [
            {**redirect("/old", "/elsewhere"), "redirect_page_id": None},
            {**redirect("/fresh", "/f"), "redirect_page_id": None},
        ]
    )
    existing.refresh_from_db()
    assert existing.redirect_link == "/elsewhere"
    assert existing.redirect_page_id is None
    assert Redirect.objects.filter(old_path="/old").count() == 1
    assert Redirect.objects.get(old_path="/fresh").redirect_link == "/f"
