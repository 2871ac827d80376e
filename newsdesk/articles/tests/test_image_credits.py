"""Image credits and licences: edited on the image's admin form, shown under the image, sent
in the article's JSON-LD (Google's image licence metadata) and in its feed items (Media RSS).
(A changed credit drops the cached pages: delivery/tests/test_invalidation.py.)"""

import xml.etree.ElementTree as ET

import extruct
import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection
from wagtail_factories import ImageFactory

from newsdesk.articles.factories import ArticleFactory
from newsdesk.articles.image_credits import ImageCredit, credit_of
from newsdesk.security.factories import SuperuserFactory

pytestmark = pytest.mark.django_db

CREDIT = {
    "credit": "Photo: Ana Ruiz <Harbour Times>",
    "credit_url": "https://ana-ruiz.example/",
    "copyright_notice": "© 2026 Ana Ruiz",
    "licence": "CC BY 4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "acquire_licence_url": "https://ana-ruiz.example/licensing",
}
MEDIA = "{http://search.yahoo.com/mrss/}"


@pytest.fixture
def credited_image():
    image = ImageFactory(title="Boats at the quay", file__width=1600, file__height=1200)
    ImageCredit.objects.create(image=image, **CREDIT)
    return image


@pytest.fixture
def article(credited_image):
    article = ArticleFactory(
        title="The quay reopens",
        image=credited_image,
        image_caption="Boats back at the quay.",
        body=[
            ("paragraph", "<p>The quay is open again.</p>"),
            ("image", {"image": credited_image, "caption": "At dawn", "alt_text": ""}),
        ],
    )
    article.save_revision().publish()
    return article


def news_article(client, article) -> dict:
    html = client.get(article.url).content.decode()
    data = extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld"])["json-ld"]
    (news,) = [item for item in data if item.get("@type") == "NewsArticle"]
    return news


# Editing ------------------------------------------------------------------------------------


def edit_form_data(image, **fields) -> dict:
    return {"title": image.title, "collection": image.collection_id, "tags": "", **fields}


def test_an_editor_credits_an_image_on_its_edit_form():
    image = ImageFactory(title="Ferry at the pier")
    editor = Client()
    editor.force_login(SuperuserFactory())
    url = reverse("wagtailimages:edit", args=[image.pk])
    form = editor.get(url).content.decode()
    assert 'name="credit"' in form and 'name="licence_url"' in form

    response = editor.post(url, edit_form_data(image, **CREDIT))
    assert response.status_code == 302, response.content.decode()[:2000]
    credit = ImageCredit.objects.get(image=image)
    assert {name: getattr(credit, name) for name in ImageCredit.FIELDS} == CREDIT
    # Shown again when the form opens next.
    assert "Photo: Ana Ruiz &lt;Harbour Times&gt;" in editor.get(url).content.decode()


def test_a_bad_licence_link_is_refused_and_the_typed_credit_kept():
    image = ImageFactory(title="Gulls")
    editor = Client()
    editor.force_login(SuperuserFactory())
    url = reverse("wagtailimages:edit", args=[image.pk])
    data = edit_form_data(image, credit="Photo: Lee Park", licence_url="not a link")
    page = editor.post(url, data).content.decode()
    assert "Enter a valid URL." in page
    assert 'value="Photo: Lee Park"' in page
    assert not ImageCredit.objects.filter(image=image).exists()


def test_an_image_nobody_credits_gets_no_credit_row():
    image = ImageFactory(title="Nets")
    editor = Client()
    editor.force_login(SuperuserFactory())
    url = reverse("wagtailimages:edit", args=[image.pk])
    assert editor.post(url, edit_form_data(image)).status_code == 302
    assert not ImageCredit.objects.filter(image=image).exists()
    assert credit_of(image) is None


# Readers ------------------------------------------------------------------------------------


def test_the_credit_and_licence_show_under_the_lead_image_and_body_images(client, article):
    html = client.get(article.url).content.decode()
    lead = html[html.index('class="lead-image"') :]
    lead = lead[: lead.index("</figure>")]
    assert "Boats back at the quay." in lead
    assert '<a href="https://ana-ruiz.example/">Photo: Ana Ruiz &lt;Harbour Times&gt;</a>' in lead
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in lead
    )
    body = html[html.index('class="block-image"') :]
    body = body[: body.index("</figure>")]
    assert "At dawn" in body and "Photo: Ana Ruiz &lt;Harbour Times&gt;" in body
    assert "<Harbour Times>" not in html


def test_an_uncredited_image_shows_its_caption_only(client):
    article = ArticleFactory(image=ImageFactory(), image_caption="The old mill.")
    html = client.get(article.url).content.decode()
    assert "<figcaption>The old mill.</figcaption>" in html
    assert "image-credit" not in html


def test_json_ld_image_objects_carry_the_licence(client, article):
    images = news_article(client, article)["image"]
    assert len(images) == 3
    for image in images:
        assert image["@type"] == "ImageObject"
        assert image["contentUrl"] == image["url"]
        assert image["url"].startswith("http://localhost/media/images/")
        assert image["creditText"] == CREDIT["credit"]
        assert image["copyrightNotice"] == CREDIT["copyright_notice"]
        assert image["license"] == CREDIT["licence_url"]
        assert image["acquireLicensePage"] == CREDIT["acquire_licence_url"]


def test_json_ld_of_an_uncredited_image_stays_a_list_of_urls(client):
    article = ArticleFactory(image=ImageFactory(file__width=1600, file__height=1200))
    images = news_article(client, article)["image"]
    assert len(images) == 3 and all(isinstance(url, str) for url in images)


@pytest.mark.parametrize("path", ["/feed/", "/feed/atom/"])
def test_feed_items_carry_the_credit_as_media_rss(client, article, path):
    content = client.get(path).content
    (entry,) = feedparser.parse(content).entries
    assert entry.media_credit[0]["content"] == CREDIT["credit"]
    assert entry.media_license["href"] == CREDIT["licence_url"]
    root = ET.fromstring(content)
    (copyright_notice,) = root.iter(f"{MEDIA}copyright")
    assert copyright_notice.text == CREDIT["copyright_notice"]
    assert copyright_notice.get("url") == CREDIT["acquire_licence_url"]


def test_a_feed_of_uncredited_articles_has_no_media_elements(client):
    ArticleFactory(image=ImageFactory())
    content = client.get("/feed/").content
    assert list(ET.fromstring(content).iter(f"{MEDIA}credit")) == []


def test_the_api_gives_the_lead_image_with_its_credit(client, article):
    detail = client.get(f"/api/v2/articles/{article.pk}/").json()
    lead = detail["lead_image"]
    assert lead["url"].startswith("http://") and "/media/images/" in lead["url"]
    assert (lead["width"], lead["height"]) == (1200, 900)
    assert lead["caption"] == lead["alt"] == "Boats back at the quay."
    assert lead["credit"] == CREDIT
    listing = client.get("/api/v2/articles/").json()
    assert "lead_image" not in listing["items"][0]  # the detail only: no rendition per row


def test_the_api_lead_image_is_null_without_one_and_credit_null_when_uncredited(client):
    plain = ArticleFactory(image=None)
    assert client.get(f"/api/v2/articles/{plain.pk}/").json()["lead_image"] is None
    uncredited = ArticleFactory(image=ImageFactory())
    assert client.get(f"/api/v2/articles/{uncredited.pk}/").json()["lead_image"]["credit"] is None


def test_an_image_uploaded_with_its_credit_keeps_it():
    editor = Client()
    editor.force_login(SuperuserFactory())
    data = {
        "title": "Lifeboat",
        "file": SimpleUploadedFile("lifeboat.png", get_test_image_file().file.getvalue()),
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "credit": "Photo: Lee Park",
        "licence": "All rights reserved",
    }
    response = editor.post(reverse("wagtailimages:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    credit = ImageCredit.objects.get(image__title="Lifeboat")
    assert (credit.credit, credit.licence, credit.licence_url) == (
        "Photo: Lee Park",
        "All rights reserved",
        "",
    )


def test_a_changed_credit_gives_the_feed_a_new_etag(client, article):
    etag = client.get("/feed/")["ETag"]
    assert client.get("/feed/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    credit = article.image.credit
    credit.licence = "CC BY-SA 4.0"
    credit.save()
    again = client.get("/feed/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and b"CC BY-SA 4.0" in again.content
