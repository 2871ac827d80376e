"""Small hand-written WXR exports for the round-2 tests: one post or page per call to `item`."""

from __future__ import annotations

from pathlib import Path

from newsdesk.wordpress.exporter.xml import cdata, escape

SITE = "https://round2.example"
NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}


def comment(cid: int, content: str, parent: int = 0, meta: dict | None = None) -> str:
    metas = "".join(
        f"<wp:commentmeta><wp:meta_key>{escape(k)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(v)}</wp:meta_value></wp:commentmeta>"
        for k, v in (meta or {}).items()
    )
    return (
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id>"
        f"<wp:comment_author>{cdata('Reader ' + str(cid))}</wp:comment_author>"
        f"<wp:comment_author_email>r{cid}@mail.example</wp:comment_author_email>"
        "<wp:comment_date_gmt>2020-01-02 10:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content>{cdata(content)}</wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent>{metas}</wp:comment>"
    )


def item(
    post_id: int,
    slug: str,
    *,
    post_type: str = "post",
    status: str = "publish",
    date: str = "2020-01-01 12:00:00",
    tags: tuple[tuple[str, str], ...] = (),
    comments: str = "",
    comment_status: str = "open",
    title: str = "",
) -> str:
    filing = "".join(
        f'<category domain="post_tag" nicename="{escape(s)}">{cdata(n)}</category>' for s, n in tags
    )
    link = f"{SITE}/{slug}/" if status == "publish" else f"{SITE}/?p={post_id}"
    return (
        f"<item><title>{cdata(title or f'Item {post_id}')}</title><link>{escape(link)}</link>"
        f'<guid isPermaLink="false">{SITE}/?p={post_id}</guid><dc:creator>ed</dc:creator>'
        f"<content:encoded>{cdata('<p>Body of ' + str(post_id) + '.</p>')}</content:encoded>"
        "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_date>{date}</wp:post_date>"
        f"<wp:post_date_gmt>{date}</wp:post_date_gmt>"
        f"<wp:comment_status>{comment_status}</wp:comment_status>"
        f"<wp:post_name>{escape(slug)}</wp:post_name><wp:status>{status}</wp:status>"
        f"<wp:post_parent>0</wp:post_parent><wp:post_type>{post_type}</wp:post_type>"
        f"{filing}{comments}</item>\n"
    )


def export(items: str = "", terms: str = "", namespaces: dict | None = None) -> str:
    declared = " ".join(f'xmlns:{k}="{v}"' for k, v in (namespaces or NAMESPACES).items())
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" {declared}>\n<channel>\n'
        f"<title>Round Two</title>\n<link>{SITE}</link>\n"
        "<wp:wxr_version>1.2</wp:wxr_version>\n"
        f"<wp:base_site_url>{SITE}</wp:base_site_url>\n"
        f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        "<wp:author><wp:author_login>ed</wp:author_login>"
        "<wp:author_display_name>Ed</wp:author_display_name></wp:author>\n"
        f"{terms}{items}</channel>\n</rss>\n"
    )


def tag(slug: str, name: str) -> str:
    return (
        f"<wp:tag><wp:tag_slug>{escape(slug)}</wp:tag_slug>"
        f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
    )


def write(tmp_path: Path, text: str, name: str = "export.xml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)
