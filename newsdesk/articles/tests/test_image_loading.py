"""The largest image above the fold (the LCP element) is fetched first and never lazily;
thumbnails further down are lazy."""

import lxml.html
import pytest
from wagtail.images.models import Rendition
from wagtail_factories import ImageFactory

from newsdesk.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def images(client, url: str) -> list:
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.content).xpath("//main//img")


def test_article_lead_image_is_fetched_first_and_not_lazy(client):
    article = ArticleFactory(image=ImageFactory(), image_alt="Fishing boats at the quay")
    (lead, *_) = images(client, article.url)
    assert lead.get("alt") == "Fishing boats at the quay"
    assert lead.get("fetchpriority") == "high" and lead.get("loading") is None


def test_front_page_lead_is_fetched_first(client, home):
    ArticleFactory(image=ImageFactory())
    (lead, *_) = images(client, "/")
    assert lead.get("fetchpriority") == "high" and lead.get("loading") is None


def test_a_listing_loads_its_first_thumbnail_at_once_and_the_rest_lazily(client):
    section = SectionFactory(title="Harbour")
    for _ in range(3):
        ArticleFactory(parent=section, image=ImageFactory())
    thumbs = images(client, section.url)
    assert [img.get("loading") for img in thumbs] == [None, "lazy", "lazy"]
    assert all(img.get("fetchpriority") is None for img in thumbs)


def test_lead_image_caption_and_alt_text_never_the_file_name(client):
    # Wagtail titles an uploaded image after its file: that is no text for a reader.
    image = ImageFactory(title="IMG_20260301_0712.jpg", description="")
    article = ArticleFactory(image=image, image_caption="The harbour at dawn. Photo: the desk")
    page = lxml.html.fromstring(client.get(article.url).content)
    (figure,) = page.xpath("//figure[@class='lead-image']")
    assert figure.xpath("string(figcaption)") == "The harbour at dawn. Photo: the desk"
    assert figure.xpath(".//img/@alt") == ["The harbour at dawn. Photo: the desk"]

    article.image_caption = ""
    article.save_revision().publish()
    (figure,) = lxml.html.fromstring(client.get(article.url).content).xpath("//figure")
    assert figure.xpath(".//img/@alt") == [""] and not figure.xpath("figcaption")
    image.description = "Boats moored in the harbour"
    image.save()
    (figure,) = lxml.html.fromstring(client.get(article.url).content).xpath("//figure")
    assert figure.xpath(".//img/@alt") == ["Boats moored in the harbour"]


def test_the_lead_image_comes_in_webp_and_jpeg_at_three_widths(client):
    # A 1,200 px JPEG in a phone's 358 px slot was Lighthouse's complaint.
    article = ArticleFactory(image=ImageFactory(file__width=1600, file__height=900))
    page = lxml.html.fromstring(client.get(article.url).content)
    (picture,) = page.xpath("//figure[@class='lead-image']/picture")
    (webp,) = picture.xpath(".//source[@type='image/webp']")
    assert [c.split()[1] for c in webp.get("srcset").split(", ")] == ["480w", "800w", "1200w"]
    (img,) = picture.xpath(".//img")  # libxml2 nests it in the <source> it does not know
    assert img.get("sizes") and img.get("srcset").count("w,") == 2
    assert img.get("fetchpriority") == "high" and img.get("loading") is None
    renditions = Rendition.objects.filter(image=article.image)
    files = [r.file for r in renditions if r.file.name.endswith(".webp")]
    assert len(files) == 3
    with files[0].open("rb") as data:
        head = data.read(12)
    assert head[:4] == b"RIFF" and head[8:12] == b"WEBP"
