"""Every namespace variant WordPress and WordPress.com have written is read the same way."""

import pytest

from newsdesk.wordpress.reader import Channel, Item, WXRError, read_wxr

from . import wxr

VARIANTS = [
    ("http", "1.0"),
    ("http", "1.1"),
    ("http", "1.2"),
    ("https", "1.0"),
    ("https", "1.1"),
    ("https", "1.2"),
]


def _namespaces(scheme: str, version: str, others: str = "http") -> dict:
    return {
        "excerpt": f"{scheme}://wordpress.org/export/{version}/excerpt/",
        "content": f"{others}://purl.org/rss/1.0/modules/content/",
        "wfw": f"{others}://wellformedweb.org/CommentAPI/",
        "dc": f"{others}://purl.org/dc/elements/1.1/",
        "wp": f"{scheme}://wordpress.org/export/{version}/",
    }


@pytest.mark.parametrize("scheme,version", VARIANTS)
@pytest.mark.parametrize("others", ["http", "https"])
def test_every_namespace_variant_reads_the_same(tmp_path, scheme, version, others):
    text = wxr.export(wxr.item(7, "hello", comments=wxr.comment(1, "Hi")))
    text = text.replace("<excerpt:encoded><![CDATA[]]>", "<excerpt:encoded><![CDATA[Short]]>")
    path = wxr.write(tmp_path, text.replace(
        " ".join(f'xmlns:{k}="{v}"' for k, v in wxr.NAMESPACES.items()),
        " ".join(f'xmlns:{k}="{v}"' for k, v in _namespaces(scheme, version, others).items()),
    ))  # fmt: skip
    channel, *rest = list(read_wxr(path))
    assert isinstance(channel, Channel) and channel.version == "1.2"
    post = next(r for r in rest if isinstance(r, Item))
    assert post.id == "7" and post.get("wp:post_name") == "hello"
    assert post.get("excerpt:encoded") == "Short"
    assert post.get("content:encoded") == "<p>Body of 7.</p>"
    assert post.get("dc:creator") == "ed"
    assert post.comments[0]["wp:comment_content"] == "Hi"


def test_wordpress_com_https_export_is_read(tmp_path):
    namespaces = _namespaces("https", "1.2")
    path = wxr.write(tmp_path, wxr.export(wxr.item(3, "com"), namespaces=namespaces))
    channel, post, *_ = [r for r in read_wxr(path) if isinstance(r, Channel | Item)]
    assert channel.site == wxr.SITE and post.id == "3"


def test_an_unknown_wxr_namespace_is_named_with_its_line(tmp_path):
    namespaces = {**wxr.NAMESPACES, "wp": "https://wordpress.org/export/9.9/"}
    path = wxr.write(tmp_path, wxr.export(wxr.item(3, "x"), namespaces=namespaces))
    with pytest.raises(WXRError) as caught:
        list(read_wxr(path))
    assert caught.value.reason == "unknown WXR namespace https://wordpress.org/export/9.9/"
    assert caught.value.line == 2  # the <rss> element that declares it
    assert "wxr_version" not in str(caught.value)


def test_an_unknown_namespace_used_deeper_is_named_at_its_element(tmp_path):
    text = wxr.export(wxr.item(3, "x")).replace(
        "<wp:post_id>3</wp:post_id>",
        '<wp:post_id>3</wp:post_id>\n<odd:x xmlns:odd="http://wordpress.org/export/2.0/">1</odd:x>',
    )
    with pytest.raises(WXRError) as caught:
        list(read_wxr(wxr.write(tmp_path, text)))
    assert caught.value.reason == "unknown WXR namespace http://wordpress.org/export/2.0/"
    assert caught.value.line == text[: text.index("<odd:x")].count("\n") + 1
