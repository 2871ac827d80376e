"""A split export in one run, images from --media-root, gzip files."""

import gzip
import shutil
from pathlib import Path

import pytest
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from newsdesk.articles.image_credits import ImageCredit
from newsdesk.articles.models import ArticlePage

from .helpers import fixture, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads holding the one image of the split export."""
    folder = tmp_path / "uploads" / "2021" / "01"
    folder.mkdir(parents=True)
    PillowImage.new("RGB", (32, 24), "teal").save(folder / "photo.png")
    return tmp_path / "uploads"


def test_split_export_resolves_links_images_and_boxes_across_files(home, uploads):
    report = run_import("split-1.xml", "split-2.xml", media_root=str(uploads))
    one = ArticlePage.objects.get(slug="part-one")
    two = ArticlePage.objects.get(slug="part-two")
    image = get_image_model().objects.get()
    assert (image.width, image.height, image.description) == (32, 24, "A photo")
    assert one.image == image  # _thumbnail_id of an attachment in the other file
    blocks = list(one.body.raw_data)
    assert blocks[0]["value"] == f'<p>See <a linktype="page" id="{two.pk}">part two</a>.</p>'
    # The sized URL (-1024x768) found the original attachment.
    assert blocks[1]["type"] == "image" and blocks[1]["value"]["image"] == image.pk
    assert blocks[2] == {"type": "related", "value": {"article": two.pk}, "id": blocks[2]["id"]}
    assert "kept at their original URL" not in report


def test_without_media_root_images_stay_remote_and_are_listed(home):
    report = run_import("split-1.xml", "split-2.xml")
    one = ArticlePage.objects.get(slug="part-one")
    assert one.image is None
    assert not get_image_model().objects.exists()
    figure = next(b["value"] for b in one.body.raw_data if "<figure>" in str(b["value"]))
    assert 'src="https://split.example/wp-content/uploads/2021/01/photo-1024x768.png"' in figure
    assert "images kept at their original URL: 2" in report


def test_gzip_export_imports(home, tmp_path):
    packed = tmp_path / "export.xml.gz"
    with open(fixture("site-1.0.xml"), "rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    run_import(str(packed))
    assert ArticlePage.objects.filter(slug="cafe-reopens").exists()


ALT_META = "<wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"


def import_with_metadata(tmp_path, uploads, serialized: str) -> None:
    run_import(
        "split-1.xml", with_attachment_metadata(tmp_path, serialized), media_root=str(uploads)
    )


def with_attachment_metadata(tmp_path, serialized: str) -> str:
    """split-2.xml with WordPress's serialized metadata on its attachment."""
    meta = (
        "<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{serialized}]]></wp:meta_value></wp:postmeta>"
    )
    text = Path(fixture("split-2.xml")).read_text(encoding="utf-8")
    assert ALT_META in text
    path = tmp_path / "split-2-meta.xml"
    path.write_text(text.replace("<wp:postmeta>" + ALT_META, meta + "<wp:postmeta>" + ALT_META))
    return str(path)


def test_the_photographers_credit_and_copyright_come_over(home, uploads, tmp_path):
    # As WordPress writes it: byte lengths (í is two bytes), IPTC fields under image_meta.
    serialized = (
        'a:3:{s:5:"width";i:32;s:6:"height";i:24;s:10:"image_meta";a:3:{'
        's:6:"credit";s:9:"Ana Ruíz";s:9:"copyright";s:16:"© 2021 Ana Ruiz";'
        's:8:"aperture";d:2.8;}}'
    )
    run_import(
        "split-1.xml", with_attachment_metadata(tmp_path, serialized), media_root=str(uploads)
    )
    credit = ImageCredit.objects.get(image=get_image_model().objects.get())
    assert (credit.credit, credit.copyright_notice) == ("Ana Ruíz", "© 2021 Ana Ruiz")
    # A re-import keeps one credit row, and what an editor added to it.
    credit.licence = "All rights reserved"
    credit.save()
    run_import(
        "split-1.xml", with_attachment_metadata(tmp_path, serialized), media_root=str(uploads)
    )
    assert ImageCredit.objects.get().licence == "All rights reserved"


@pytest.mark.parametrize(
    "serialized",
    [
        'O:8:"stdClass":1:{s:6:"credit";s:1:"x";}',  # an object: refused, never built
        'a:1:{s:10:"image_meta";a:1:{s:6:"credit";s:40:"runs past the end";}}',
        "not serialized at all",
    ],
)
def test_metadata_that_is_not_a_plain_array_brings_no_credit(home, uploads, tmp_path, serialized):
    run_import(
        "split-1.xml", with_attachment_metadata(tmp_path, serialized), media_root=str(uploads)
    )
    assert get_image_model().objects.get().description == "A photo"
    assert not ImageCredit.objects.exists()
