import gzip
import shutil

import pytest

from newsdesk.wordpress.reader import Author, Channel, Item, Term, WXRError, read_wxr

from .helpers import fixture


def records(path):
    return list(read_wxr(path))


@pytest.mark.parametrize("name,version", [("site-1.0.xml", "1.0"), ("site-1.1.xml", "1.1")])
def test_older_wxr_versions_read_with_the_same_names(name, version):
    channel, *rest = records(fixture(name))
    assert isinstance(channel, Channel) and channel.version == version
    item = next(r for r in rest if isinstance(r, Item))
    assert item.id == "5"
    assert item.get("wp:post_name") == "cafe-reopens"
    assert item.get("title") == "Café & <Bar> reopens"
    assert item.comments[0]["wp:comment_content"] == "Great news!"


def test_wxr_1_2_records_in_file_order():
    channel, *rest = records(fixture("site-1.2.xml"))
    assert channel.site == "https://old.example.com"
    assert [r.login for r in rest if isinstance(r, Author)] == ["jdoe", "amir"]
    terms = [(t.taxonomy, t.slug, t.parent) for t in rest if isinstance(t, Term)]
    assert ("category", "local", "news") in terms and ("post_tag", "flood", "") in terms
    items = [r for r in rest if isinstance(r, Item)]
    assert [i.id for i in items][:3] == ["10", "11", "12"]
    assert items[0].meta["post_views_count"] == "1234"
    assert ("category", "local", "Local & Regional") in items[0].categories


def test_cdata_split_around_its_own_end_marker_is_joined():
    item = next(r for r in records(fixture("site-1.2.xml")) if isinstance(r, Item))
    assert "CDATA end ]]> kept." in item.get("content:encoded")


def test_gzip_is_recognised_by_its_magic_bytes(tmp_path):
    packed = tmp_path / "export.xml"  # no .gz suffix on purpose
    with open(fixture("site-1.0.xml"), "rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    assert [r.id for r in records(packed) if isinstance(r, Item)] == ["5"]


def test_malformed_file_names_file_line_and_reason():
    with pytest.raises(WXRError) as raised:
        records(fixture("malformed.xml"))
    assert raised.value.path.endswith("malformed.xml")
    assert raised.value.line == 15
    assert "malformed.xml, line 15" in str(raised.value)


def test_a_file_that_is_not_wxr_is_refused(tmp_path):
    other = tmp_path / "feed.xml"
    other.write_text('<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>')
    with pytest.raises(WXRError, match="not a WordPress export"):
        records(other)
    html = tmp_path / "page.xml"
    html.write_text("<html><body/></html>")
    with pytest.raises(WXRError, match="not a WXR file"):
        records(html)


def test_entities_are_not_expanded(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version><item><title>&b;</title></item></channel></rss>"
    )
    item = next(r for r in records(bomb) if isinstance(r, Item))
    assert "aaaaaaaaaa" not in item.get("title")
