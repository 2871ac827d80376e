"""Export -> import -> export gives the same file, ids and dates aside."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from newsdesk.articles.factories import ArticleFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.comments.factories import CommentFactory
from newsdesk.wordpress.exporter import export_site
from newsdesk.wordpress.importer.status import schedule

from . import wxr
from .helpers import run_import
from .test_export import empty_the_site, site  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
IDS = re.compile(
    r"<wp:(post_id|comment_id|comment_parent|term_id|author_id|post_parent)>\d+<"
    r'|\?p=\d+|"post":\d+|/feed/comments/\d+/|<wp:meta_value><!\[CDATA\[\d+\]\]>'
)
DATES = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def normalised(path) -> str:
    text = path.read_text(encoding="utf-8")
    return DATES.sub("DATE", IDS.sub(lambda m: re.sub(r"\d+", "N", m.group()), text))


@pytest.fixture
def fuller_site(site, uncategorized):  # noqa: F811 - the fixture
    Tag.objects.create(name="Unused", slug="unused")
    missed = ArticleFactory(parent=uncategorized, title="Missed", slug="missed", live=False)
    missed.go_live_at = timezone.now() - timedelta(days=2)
    missed.save()
    schedule(missed)
    CommentFactory(page=site["first"], body="use the <strike> instead\nthanks")
    top = CommentFactory(page=site["first"])
    top.body_html = 'A <a href="https://example.org/" rel="nofollow ugc">link</a> <em>kept</em>'
    top.body = "A link kept"
    top.save()
    return site


def test_export_import_export_gives_the_same_file(fuller_site, tmp_path):
    first, second = tmp_path / "first.xml", tmp_path / "second.xml"
    export_site(first)
    text = first.read_text()
    assert "<wp:tag_slug><![CDATA[unused]]>" in text
    assert "use the &lt;strike&gt; instead\nthanks" in text
    assert re.search(r"missed\]\]></wp:post_name><wp:status><!\[CDATA\[future", text)
    empty_the_site()
    run_import(str(first))
    export_site(second)
    before, after = normalised(first).splitlines(), normalised(second).splitlines()
    assert [(a, b) for a, b in zip(before, after, strict=False) if a != b] == []
    assert len(after) == len(before)


def test_two_tags_of_one_name_and_two_slugs_stay_two(home, tmp_path):
    terms = wxr.tag("apple", "Apple") + wxr.tag("apple-2", "Apple")
    items = wxr.item(1, "fruit", tags=(("apple", "Apple"), ("apple-2", "Apple")))
    first = wxr.write(tmp_path, wxr.export(items, terms))
    run_import(first)
    page = ArticlePage.objects.get(slug="fruit")
    assert sorted(page.tags.values_list("slug", flat=True)) == ["apple", "apple-2"]
    out = tmp_path / "out.xml"
    export_site(out)
    text = out.read_text()
    assert text.count("<wp:tag_name><![CDATA[Apple]]></wp:tag_name>") == 2
    assert '<category domain="post_tag" nicename="apple-2"><![CDATA[Apple]]>' in text
