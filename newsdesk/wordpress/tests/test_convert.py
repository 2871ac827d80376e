"""Content conversion, block by block and shortcode by shortcode (no database needed)."""

import pytest

from newsdesk.wordpress.convert import ImageRef, convert_content
from newsdesk.wordpress.convert.gutenberg import parse_blocks
from newsdesk.wordpress.convert.shortcodes import parse_attributes
from newsdesk.wordpress.convert.wpautop import wpautop

SITE = "https://old.example.com"


class Site:
    """The rest of an import, as a conversion sees it: attachment 7 is a local image (id 70),
    attachment 8 stayed remote; /known/ is page 5 and ?p=3 is page 6."""

    post_id = "1"

    def image_for(self, attachment_id, url):
        if str(attachment_id) == "7" or (url or "").endswith("/local.jpg"):
            return ImageRef(url=url or f"{SITE}/local.jpg", image_id=70)
        if str(attachment_id) == "8":
            return ImageRef(url=f"{SITE}/remote.jpg")
        return None

    def attachments_of(self, post_id):
        return ["7", "8"] if post_id == "1" else []

    def page_for_url(self, url):
        if not url.startswith((SITE, "/")):
            return False
        if url.endswith("/known/"):
            return 5
        return 6 if url.endswith("?p=3") else None

    def page_for_post(self, post_id):
        return 6 if post_id == "3" else None


def convert(content):
    return convert_content(content, Site())


def kinds(body):
    return [block["type"] for block in body.blocks]


def values(body):
    return [block["value"] for block in body.blocks]


@pytest.mark.parametrize(
    "text,html",
    [
        ("One\ntwo\n\nThree", "<p>One<br>\ntwo</p>\n<p>Three</p>"),
        ("<ul>\n<li>a</li>\n</ul>\nafter", "<ul>\n<li>a</li>\n</ul>\n<p>after</p>"),
        ("<blockquote>q1\n\nq2</blockquote>", "<blockquote><p>q1</p>\n<p>q2</p></blockquote>"),
        ("<pre>a\n\nb</pre>\n\nx", "<pre>a\n\nb</pre>\n<p>x</p>"),
        ("\r\n\r\n", ""),
    ],
)  # fmt: skip
def test_wpautop(text, html):
    assert wpautop(text) == html


def test_shortcode_attributes_in_every_quoting_style():
    attributes = parse_attributes(' ids="1,2" size=\'large\' columns=3 "loose" flag')
    assert attributes == {"ids": "1,2", "size": "large", "columns": "3", "3": "loose", "4": "flag"}


def test_caption_with_local_and_remote_image():
    body = convert(
        '[caption id="attachment_7" width="300"]<a href="/x"><img class="wp-image-7" '
        'src="https://old.example.com/a-300x200.jpg" alt="Alt" /></a> A caption[/caption]\n\n'
        '[caption id="attachment_9"]<img src="https://cdn.example/b.jpg" alt="B"> Other[/caption]'
    )
    assert body.blocks[0] == {
        "type": "image",
        "value": {"image": 70, "caption": "A caption", "alt_text": "Alt"},
    }
    figure = '<figure><img src="https://cdn.example/b.jpg" alt="B"><figcaption>Other</figcaption>'
    assert body.blocks[1]["value"] == figure + "</figure>"
    assert body.remote_images == ["https://cdn.example/b.jpg"]


def test_gallery_with_ids_and_without():
    assert kinds(convert('[gallery ids="7,8"]')) == ["image", "paragraph"]
    assert kinds(convert("[gallery]")) == ["image", "paragraph"]  # the post's attachments


def test_embed_video_and_audio_shortcodes():
    body = convert(
        "[embed]https://www.youtube.com/watch?v=a1[/embed]\n\n"
        '[video src="https://vimeo.com/1"][/video]\n\n'
        '[video mp4="https://old.example.com/v.mp4"][/video]\n\n'
        '[audio mp3="https://old.example.com/a.mp3"]'
    )
    assert values(body)[:2] == [
        {"embed": "https://www.youtube.com/watch?v=a1", "caption": ""},
        {"embed": "https://vimeo.com/1", "caption": ""},
    ]
    assert "Video: <a" in values(body)[2] and "v.mp4</a>" in values(body)[2]
    assert "Audio: <a" in values(body)[3] and "a.mp3</a>" in values(body)[3]


def test_unknown_and_escaped_shortcodes_stay_as_text():
    body = convert('Sign up: [newsletter list="3"] now. Literal [[gallery]] here.')
    assert values(body) == ['<p>Sign up: [newsletter list="3"] now. Literal [gallery] here.</p>']
    assert body.unknown_shortcodes == {"newsletter": 1}


def test_lone_url_of_a_known_provider_becomes_an_embed_others_a_link():
    body = convert("Intro\n\nhttps://youtu.be/xyz\n\nhttps://unknown.example/page")
    assert kinds(body) == ["paragraph", "embed", "paragraph"]
    assert 'href="https://unknown.example/page"' in values(body)[2]


def test_classic_headings_quotes_images_iframes_and_more():
    body = convert(
        "First part.\n\n<!--more-->\n\nAfter.\n\n<h3>Sub <em>head</em></h3>\n"
        "<blockquote><p>Said.</p><p>Twice.</p><footer>Her</footer></blockquote>\n"
        '<p><a href="/big.jpg"><img src="https://old.example.com/local.jpg" alt="L"></a></p>\n'
        '<iframe src="https://www.youtube.com/embed/Q1"></iframe>'
    )
    assert kinds(body) == ["paragraph", "paragraph", "subheading", "quote", "image", "embed"]
    assert values(body)[2] == "Sub head"
    assert values(body)[3] == {"text": "Said.\n\nTwice.", "attribution": "Her"}
    assert values(body)[5]["embed"] == "https://www.youtube.com/watch?v=Q1"
    assert body.excerpt() == "First part."


def test_html_is_sanitised_and_encodings_survive():
    body = convert(
        '<p onclick="x()">Caf&eacute; &amp; &#8220;quotes&#8221; 🚀 שלום <script>bad()</script></p>'
        '<a href="javascript:alert(1)">js</a>'
    )
    html = " ".join(values(body))
    assert "Café &amp; “quotes” 🚀 שלום" in html
    assert "script" not in html and "onclick" not in html and "javascript" not in html


def test_old_site_links_become_page_links_and_unknown_ones_are_flagged():
    body = convert(
        '<a href="https://old.example.com/known/">a</a> <a href="/?p=3">b</a> '
        '<a href="https://old.example.com/later/">c</a> <a href="https://else.org/">d</a>'
    )
    html = values(body)[0]
    assert '<a linktype="page" id="5">a</a>' in html and '<a linktype="page" id="6">b</a>' in html
    assert 'href="https://old.example.com/later/"' in html and 'href="https://else.org/"' in html
    assert body.pending_links


GUTENBERG = """<!-- wp:paragraph -->
<p>Hello <strong>world</strong></p>
<!-- /wp:paragraph -->

<!-- wp:heading {"level":3} --><h3>A head</h3><!-- /wp:heading -->

<!-- wp:image {"id":7} -->
<figure class="wp-block-image"><img src="https://old.example.com/local.jpg" alt="Pic"/><figcaption>Cap</figcaption></figure>
<!-- /wp:image -->

<!-- wp:more --><!--more--><!-- /wp:more -->

<!-- wp:gallery --><figure class="wp-block-gallery">
<!-- wp:image {"id":7} --><figure class="wp-block-image"><img src="https://old.example.com/local.jpg" class="wp-image-7"/></figure><!-- /wp:image -->
<!-- wp:image {"id":8} --><figure class="wp-block-image"><img src="https://old.example.com/remote.jpg" class="wp-image-8"/><figcaption>Far</figcaption></figure><!-- /wp:image -->
</figure><!-- /wp:gallery -->

<!-- wp:core-embed/vimeo {"url":"https://vimeo.com/9"} --><figure><div class="wp-block-embed__wrapper">https://vimeo.com/9</div></figure><!-- /wp:core-embed/vimeo -->
<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->
<!-- wp:pullquote --><figure class="wp-block-pullquote"><blockquote><p>Pulled.</p><cite>P</cite></blockquote></figure><!-- /wp:pullquote -->
<!-- wp:list --><ol><li>one</li></ol><!-- /wp:list -->
<!-- wp:group --><div class="wp-block-group"><!-- wp:paragraph --><p>Grouped.</p><!-- /wp:paragraph --></div><!-- /wp:group -->
<!-- wp:shortcode -->[gallery ids="7"]<!-- /wp:shortcode -->
<!-- wp:acme/widget {"x":1} /-->
<!-- wp:newsdesk/related {"post":3} /-->"""  # noqa: E501


def test_gutenberg_blocks_map_to_streamfield_blocks():
    body = convert(GUTENBERG)
    assert kinds(body) == [
        "paragraph", "subheading", "image", "image", "paragraph", "embed", "paragraph",
        "quote", "paragraph", "paragraph", "image", "related",
    ]  # fmt: skip
    assert values(body)[2] == {"image": 70, "caption": "Cap", "alt_text": "Pic"}
    assert values(body)[4].startswith('<figure><img src="https://old.example.com/remote.jpg"')
    assert values(body)[5] == {"embed": "https://vimeo.com/9", "caption": ""}
    assert values(body)[6] == "<hr>"
    assert values(body)[7] == {"text": "Pulled.", "attribution": "P"}
    assert values(body)[-1] == {"article": 6}
    assert body.excerpt() == "Hello world"
    assert body.unknown_blocks == {"acme/widget": 1}


def test_block_parser_keeps_freeform_html_and_unclosed_blocks():
    blocks = parse_blocks("<p>Before</p><!-- wp:paragraph --><p>In</p>")
    assert [(b.name, b.html) for b in blocks] == [
        (None, "<p>Before</p>"),
        ("core/paragraph", "<p>In</p>"),
    ]
