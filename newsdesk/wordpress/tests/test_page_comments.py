"""Comments on WordPress pages are shown on the page and, when open, new ones are taken."""

import pytest

from newsdesk.comments.models import Comment
from newsdesk.comments.testing import VALID, typed_token
from newsdesk.pages.models import StandardPage

from . import wxr
from .helpers import run_import

pytestmark = pytest.mark.django_db


def import_pages(tmp_path):
    items = wxr.item(
        20, "about", post_type="page", title="About us",
        comments=wxr.comment(200, "Nice <em>team</em>") + wxr.comment(201, "Agreed", parent=200),
    ) + wxr.item(21, "closed", post_type="page", comment_status="closed",
                 comments=wxr.comment(210, "Old remark"))  # fmt: skip
    run_import(wxr.write(tmp_path, wxr.export(items)))
    return StandardPage.objects.get(slug="about"), StandardPage.objects.get(slug="closed")


def test_imported_page_comments_are_shown_with_the_form_when_open(home, client, tmp_path):
    about, closed = import_pages(tmp_path)
    assert about.comments_open and not closed.comments_open
    html = client.get(about.url).content.decode()
    assert "Nice <em>team</em>" in html and "Agreed" in html
    assert 'class="children"' in html  # the reply is threaded under its parent
    assert "Leave a Reply" in html and f"/comments/post/{about.pk}/" in html
    html = client.get(closed.url).content.decode()
    assert "Old remark" in html
    assert f"/comments/post/{closed.pk}/" not in html


def test_a_new_comment_on_an_open_page_is_taken_by_the_posting_service(home, client, tmp_path):
    about, closed = import_pages(tmp_path)
    data = {"form_token": typed_token(about), **VALID}
    response = client.post(f"/comments/post/{about.pk}/", data)
    assert response.status_code == 303
    assert response["Location"].startswith(about.url)
    assert Comment.objects.filter(page=about, body=VALID["body"]).exists()
    refused = client.post(
        f"/comments/post/{closed.pk}/", {"form_token": typed_token(closed), **VALID}
    )
    assert refused.status_code == 403
    assert not Comment.objects.filter(page=closed, body=VALID["body"]).exists()
