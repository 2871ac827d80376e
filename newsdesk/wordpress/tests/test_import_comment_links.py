"""Commenters' websites from a WordPress export: unsafe ones are dropped and counted, and
the comments are kept (newsdesk.comments.links has the rule)."""

import pytest

from newsdesk.comments.models import Comment

from .helpers import FIXTURES, run_import

pytestmark = pytest.mark.django_db

UNSAFE = {
    "https://bob.example": "javascript:alert(document.cookie)",
    "https://otherblog.example/post": "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
}


def test_unsafe_websites_are_dropped_counted_and_the_comments_kept(home, tmp_path):
    export = (FIXTURES / "site-1.2.xml").read_text(encoding="utf-8")
    for safe, unsafe in UNSAFE.items():
        assert f"<wp:comment_author_url>{safe}</wp:comment_author_url>" in export
        export = export.replace(safe, unsafe)
    path = tmp_path / "unsafe-websites.xml"
    path.write_text(export, encoding="utf-8")

    report = run_import(str(path))

    assert "comment: 6 imported, 0 updated" in report
    assert "comment website: 2 skipped (not a safe web address; the comment is kept)" in report
    bob = Comment.objects.get(author_name="Bob")
    pingback = Comment.objects.get(author_name="Other Blog")
    assert (bob.author_url, pingback.author_url) == ("", "")
    assert bob.body == "A reply that comes before its parent."
    assert not Comment.objects.exclude(author_url="").exists()


def test_safe_websites_are_kept(home):
    report = run_import("site-1.2.xml")
    assert "comment website" not in report
    assert Comment.objects.get(author_name="Bob").author_url == "https://bob.example"
