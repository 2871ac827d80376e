"""Comment markup: line breaks, WordPress's comment allow-list, escaped tag-like text."""

import pytest

from newsdesk.comments.models import Comment
from newsdesk.wordpress.convert.comment_html import comment_bodies, wxr_comment_content
from newsdesk.wordpress.models import WordPressObject

from . import wxr
from .helpers import run_import

pytestmark = pytest.mark.django_db

ALLOWED = (
    'See <a href="https://example.org/x" title="X">this</a>, <abbr title="as soon">ASAP</abbr> '
    "<acronym title='t'>AC</acronym> <b>b</b> <blockquote cite=\"https://q.example\">quoted"
    "</blockquote> <cite>c</cite> <code>code()</code> <del>gone</del> <em>em</em> <i>i</i> "
    '<q cite="https://q.example">q</q> <s>s</s> <strike>st</strike> <strong>strong</strong>'
)


def test_a_br_is_a_line_break_not_glued_words():
    plain, markup = comment_bodies("Hi, this is a comment.<br />To delete a comment, log in.")
    assert plain == "Hi, this is a comment.\nTo delete a comment, log in."
    assert markup == ""  # nothing beyond breaks: the plain text says it all


def test_wordpress_allow_list_is_kept_and_the_rest_cleaned():
    plain, markup = comment_bodies(
        ALLOWED
        + ' <script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:x">j</a>'
        ' <span style="color:red">red</span>'
    )
    for kept in (
        '<a href="https://example.org/x" title="X" rel="nofollow ugc">this</a>',
        '<abbr title="as soon">ASAP</abbr>', '<acronym title="t">AC</acronym>', "<b>b</b>",
        '<blockquote cite="https://q.example">quoted</blockquote>', "<cite>c</cite>",
        "<code>code()</code>", "<del>gone</del>", "<em>em</em>", "<i>i</i>",
        '<q cite="https://q.example">q</q>', "<s>s</s>", "<strike>st</strike>",
        "<strong>strong</strong>",
    ):  # fmt: skip
        assert kept in markup
    assert "script" not in markup and "alert" not in markup and "<img" not in markup
    assert "javascript" not in markup and "<span" not in markup and " red" in markup
    assert plain.startswith("See this, ASAP AC b quoted c code() gone em i q s st strong")


def test_escaped_tag_like_text_stays_text_both_ways():
    plain, markup = comment_bodies("use the &lt;strike&gt; instead")
    assert (plain, markup) == ("use the <strike> instead", "")
    assert wxr_comment_content(plain) == "use the &lt;strike&gt; instead"
    assert comment_bodies(wxr_comment_content(plain)) == (plain, "")


def test_imported_markup_is_shown_on_the_page_cleaned(home, client, tmp_path):
    content = (
        "First line<br />second line\n\nA <strong>bold</strong> "
        '<a href="https://example.org/">link</a>, <em>em</em> and &lt;strike&gt; as text.'
        "<script>alert(1)</script>"
    )
    comments = wxr.comment(1, content) + wxr.comment(2, "Plain<br/>reply", parent=1)
    run_import(wxr.write(tmp_path, wxr.export(wxr.item(8, "talk", comments=comments))))
    row = WordPressObject.objects.get(kind="comment", key="1")
    comment = Comment.objects.get(pk=row.object_id)
    assert comment.body.startswith("First line\nsecond line\n\nA bold link, em and <strike>")
    html = client.get(comment.page.url).content.decode()
    assert "<p>First line<br>second line</p>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org/" rel="nofollow ugc">link</a>' in html
    assert "<em>em</em> and &lt;strike&gt; as text." in html
    assert "alert(1)" not in html
    assert "<p>Plain<br>reply</p>" in html
