"""A split export in one run, images from --media-root, gzip files."""

import gzip
import shutil

import pytest
from PIL import Image as PillowImage
from wagtail.images import get_image_model

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
