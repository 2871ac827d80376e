"""Page metadata: canonical URL, description, OpenGraph, Twitter cards and JSON-LD.

Pages are rendered through the test client and read back with extruct, as a crawler would.
"""

import json
import re
from datetime import UTC, datetime, timedelta

import extruct
import lxml.html
import pytest
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_factories import ImageFactory

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.articles.metadata import ARTICLE, PageMetadata, Person
from newsdesk.articles.models import Author, SectionPage
from newsdesk.comments.factories import CommentFactory
from newsdesk.security.factories import SuperuserFactory
from newsdesk.syndication.metadata import LOGO_SIZE, head_tags, json_ld_script

pytestmark = pytest.mark.django_db

BASE = "http://localhost"


def get_html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def extract(html: str) -> dict:
    return extruct.extract(
        html,
        base_url=BASE + "/",
        syntaxes=["json-ld", "opengraph"],
        uniform=True,
        with_og_array=True,
    )


def json_ld(html: str, schema_type: str) -> dict:
    found = [item for item in extract(html)["json-ld"] if item.get("@type") == schema_type]
    assert len(found) == 1, f"expected one {schema_type}, found {len(found)}"
    return found[0]


def opengraph(html: str) -> dict:
    (found,) = extract(html)["opengraph"]
    return found


def head(html: str):
    return lxml.html.fromstring(html).find("head")


def meta_name(html: str, name: str) -> str | None:
    found = head(html).xpath("meta[@name=$name]/@content", name=name)
    assert len(found) <= 1, name
    return found[0] if found else None


def canonical(html: str) -> str | None:
    found = head(html).xpath("link[@rel='canonical']/@href")
    assert len(found) <= 1
    return found[0] if found else None


def absolute(page) -> str:
    return BASE + page.url


@pytest.fixture(autouse=True)
def empty_caches():
    """Wagtail caches renditions by image id and file hash; ids come back after a rollback."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def big_image():
    return ImageFactory(title="Boats at the quay", file__width=1600, file__height=1200)


@pytest.fixture
def article(big_image):
    """A published article in "Sport", by two authors, tagged, with an image, later updated."""
    section = SectionFactory(title="Sport", description="Every club in the valley.")
    authors = [
        AuthorFactory(name="Pia Lund", website="https://pia.example"),
        AuthorFactory(name="Ole Brun"),
    ]
    article = ArticleFactory(
        parent=section,
        title="Rovers win the derby",
        excerpt="A late goal settles it.",
        image=big_image,
        tags=["football", "rovers"],
        authors=authors,
        publication_date=datetime(2024, 3, 5, 14, 30, tzinfo=UTC),
    )
    article.save_revision().publish()  # an update: last_published_at is now
    article.refresh_from_db()
    return article


# Articles ----------------------------------------------------------------------------------


def test_article_is_a_news_article(client, settings, article, big_image):
    settings.TIME_ZONE = "Europe/Oslo"
    html = get_html(client, article.url)
    data = json_ld(html, "NewsArticle")

    assert data["@context"] in ("https://schema.org", "http://schema.org")
    assert data["headline"] == "Rovers win the derby"
    assert data["description"] == "A late goal settles it."
    # Dates are aware ISO 8601 in the site's time zone; modified is the later publication.
    assert data["datePublished"] == "2024-03-05T15:30:00+01:00"
    modified = datetime.fromisoformat(data["dateModified"])
    assert modified.utcoffset() is not None
    assert abs(modified - article.last_published_at) < timedelta(seconds=1)
    # Three absolute image URLs, renditions of the article's image (16:9, 4:3, 1:1).
    images = data["image"]
    assert len(images) == 3 and all(url.startswith(f"{BASE}/media/images/") for url in images)
    sizes = {BASE + r.url: (r.width, r.height) for r in big_image.renditions.all()}
    assert [sizes[url] for url in images] == [(1200, 675), (1200, 900), (1200, 1200)]
    # Authors are people with their page on this site; an author's own website is sameAs.
    assert [(a["@type"], a["name"], a["url"]) for a in data["author"]] == [
        ("Person", "Ole Brun", f"{BASE}/authors/ole-brun/"),
        ("Person", "Pia Lund", f"{BASE}/authors/pia-lund/"),
    ]
    assert data["author"][1]["sameAs"] == ["https://pia.example"]
    for author in data["author"]:
        get_html(client, author["url"].removeprefix(BASE))
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == settings.WAGTAIL_SITE_NAME
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"] == f"{BASE}/static/syndication/logo.png"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": absolute(article)}
    assert data["articleSection"] == "Sport"
    assert data["keywords"] == ["football", "rovers"]


def test_publisher_logo_is_a_collectable_png_of_the_stated_size(client, article):
    logo = json_ld(get_html(client, article.url), "NewsArticle")["publisher"]["logo"]
    path = finders.find("syndication/logo.png")
    assert path, "the logo must be found by the static files finders (collectstatic)"
    with PILImage.open(path) as image:
        assert image.format == "PNG"
        assert image.size == LOGO_SIZE == (logo["width"], logo["height"])
        assert min(image.size) >= 112  # the smallest logo search engines take


def test_article_breadcrumbs(client, article):
    data = json_ld(get_html(client, article.url), "BreadcrumbList")
    items = data["itemListElement"]
    assert [(i["@type"], i["position"], i["name"], i["item"]) for i in items] == [
        ("ListItem", 1, "newsdesk", f"{BASE}/"),
        ("ListItem", 2, "Sport", f"{BASE}/sport/"),
        ("ListItem", 3, "Rovers win the derby", absolute(article)),
    ]


def test_article_opengraph_and_twitter_card(client, settings, article, big_image):
    settings.TIME_ZONE = "Europe/Oslo"
    html = get_html(client, article.url)
    og = opengraph(html)
    assert og["@type"] == "article"
    assert og["og:title"] == "Rovers win the derby"
    assert og["og:description"] == "A late goal settles it."
    assert og["og:url"] == absolute(article)
    assert og["og:site_name"] == settings.WAGTAIL_SITE_NAME
    preview = big_image.renditions.get(filter_spec="fill-1200x630")
    assert og["og:image"] == BASE + preview.url
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    assert og["og:image:alt"] == "Boats at the quay"
    assert og["article:published_time"] == "2024-03-05T15:30:00+01:00"
    modified = datetime.fromisoformat(og["article:modified_time"])
    assert modified.utcoffset() is not None and modified > datetime(2024, 3, 6, tzinfo=UTC)
    assert og["article:section"] == "Sport"
    assert og["article:tag"] == ["football", "rovers"]
    assert og["article:author"] == [f"{BASE}/authors/ole-brun/", f"{BASE}/authors/pia-lund/"]

    assert meta_name(html, "twitter:card") == "summary_large_image"
    assert meta_name(html, "twitter:title") == "Rovers win the derby"
    assert meta_name(html, "twitter:description") == "A late goal settles it."
    assert meta_name(html, "twitter:image") == og["og:image"]


def test_article_without_image_gets_a_small_card(client):
    article = ArticleFactory(title="Plain text story")
    html = get_html(client, article.url)
    assert meta_name(html, "twitter:card") == "summary"
    assert meta_name(html, "twitter:image") is None
    assert "og:image" not in opengraph(html)
    assert "image" not in json_ld(html, "NewsArticle")


def test_canonical_url_has_no_query_string(client, article):
    html = get_html(client, article.url + "?utm_source=feed&replytocom=3")
    assert canonical(html) == absolute(article)
    assert opengraph(html)["og:url"] == absolute(article)


@pytest.mark.parametrize(
    ("fields", "section_description", "intro", "expected"),
    [
        ({"search_description": "Chosen for search."}, "S", "I", "Chosen for search."),
        ({}, "S", "I", "What happened in Story."),
        ({"excerpt": ""}, "About the section.", "I", "About the section."),
        ({"excerpt": ""}, "", "The valley's paper.", "The valley's paper."),
    ],
)
def test_article_description_falls_back(client, home, fields, section_description, intro, expected):
    home.intro = intro
    home.save_revision().publish()
    section = SectionFactory(description=section_description)
    article = ArticleFactory(parent=section, title="Story", **fields)
    html = get_html(client, article.url)
    assert meta_name(html, "description") == expected
    assert opengraph(html)["og:description"] == expected
    assert json_ld(html, "NewsArticle").get("description", "") == expected


def test_text_is_escaped_in_attributes(client):
    excerpt = 'Five "quoted" <b>words</b> & more"><script>alert(1)</script>'
    html = get_html(client, ArticleFactory(excerpt=excerpt).url)
    assert meta_name(html, "description") == excerpt
    assert opengraph(html)["og:description"] == excerpt
    assert "<script>alert(1)" not in html
    assert 'content="Five &quot;quoted&quot; &lt;b&gt;words&lt;/b&gt; &amp; more' in html


def test_headline_cannot_break_out_of_the_json_ld_script(client):
    headline = 'The "end" </script><script>alert("x")</script><!-- it\'s & over'
    author = AuthorFactory(name="</SCRIPT><img src=x onerror=alert(2)>")
    article = ArticleFactory(title=headline, excerpt=headline, authors=[author])
    html = get_html(client, article.url)
    data = json_ld(html, "NewsArticle")
    assert data["headline"] == headline
    assert data["author"][0]["name"] == author.name
    assert json_ld(html, "BreadcrumbList")["itemListElement"][-1]["name"] == headline
    assert "</script><" not in html and "</SCRIPT><" not in html
    assert "<script>alert" not in html.lower() and "<img src=x" not in html
    # Every script element in the head is one JSON-LD document that parses on its own.
    scripts = head(html).xpath("script")
    assert scripts and all(s.get("type") == "application/ld+json" for s in scripts)
    assert [json.loads(s.text)["@type"] for s in scripts] == ["NewsArticle", "BreadcrumbList"]


def test_json_ld_script_escapes_what_could_end_the_element():
    markup = json_ld_script({"x": "</script><!-- & -->"})
    assert markup.startswith('<script type="application/ld+json">{')
    assert markup.endswith("}</script>")
    inner = markup.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not {"<", ">", "&"} & set(inner)
    assert json.loads(inner) == {"x": "</script><!-- & -->"}


def test_no_email_address_is_ever_shown(client, article):
    reader_emails = ["reader@home.example", "pending@home.example"]
    for email, status in zip(reader_emails, ["approved", "pending"], strict=True):
        CommentFactory(page=article, author_email=email, status=status)
    author_emails = [a.email for a in article.authors.all()]
    assert all(author_emails)
    pages = [article.url, "/", "/sport/", "/tags/football/", "/authors/pia-lund/"]
    for url in pages:
        html = get_html(client, url)
        for email in author_emails + reader_emails:
            assert email not in html, (url, email)
        # The share-by-email link is `mailto:?subject=…` (no address); a mailto: with an
        # address would show one.
        assert "@newsroom.example" not in html and not re.search(r"mailto:[^?]", html)
        for data in extract(html)["json-ld"]:
            assert "email" not in json.dumps(data), url


# Listings ----------------------------------------------------------------------------------


def make_listing(n=3, first=0):
    """`n` articles, newest first, in "Business", tagged "budget", by Ada Sum."""
    section = SectionPage.objects.filter(slug="business").first() or SectionFactory(
        title="Business", description="Money matters."
    )
    author = Author.objects.filter(slug="ada-sum").first() or AuthorFactory(
        name="Ada Sum", bio="Counts everything."
    )
    now = timezone.now()
    return [
        ArticleFactory(
            parent=section,
            title=f"Story {i}",
            publication_date=now - timedelta(hours=i),
            tags=["budget"],
            authors=[author],
        )
        for i in range(first, first + n)
    ]


@pytest.mark.parametrize(
    ("url", "name", "description"),
    [
        ("/", "newsdesk", "The valley's paper."),
        ("/business/", "Business", "Money matters."),
        ("/tags/budget/", "Tag: budget", "Articles tagged “budget” in newsdesk."),
        ("/authors/ada-sum/", "Ada Sum", "Counts everything."),
    ],
)
def test_listing_is_a_collection_page_of_its_articles(client, home, url, name, description):
    home.intro = "The valley's paper."
    home.save_revision().publish()
    articles = make_listing()
    html = get_html(client, url)
    assert canonical(html) == BASE + url
    assert meta_name(html, "description") == description

    data = json_ld(html, "CollectionPage")
    assert data["@id"] == data["url"] == BASE + url
    assert data["name"] == name and data["description"] == description
    item_list = data["mainEntity"]
    assert item_list["@type"] == "ItemList"
    assert [(i["@type"], i["position"], i["url"]) for i in item_list["itemListElement"]] == [
        ("ListItem", position, absolute(article))
        for position, article in enumerate(articles, start=1)
    ]

    og = opengraph(html)
    assert og["@type"] == "website"
    assert og["og:title"] == name and og["og:url"] == BASE + url
    assert meta_name(html, "twitter:card") == "summary"
    assert "NewsArticle" not in html


@pytest.mark.parametrize("url", ["/business/", "/tags/budget/", "/authors/ada-sum/"])
def test_listing_breadcrumbs(client, url):
    make_listing(1)
    items = json_ld(get_html(client, url), "BreadcrumbList")["itemListElement"]
    assert [(i["position"], i["item"]) for i in items] == [(1, f"{BASE}/"), (2, BASE + url)]


def test_home_page_describes_the_site(client, settings):
    data = json_ld(get_html(client, "/"), "WebSite")
    assert data["name"] == settings.WAGTAIL_SITE_NAME and data["url"] == f"{BASE}/"
    assert data["publisher"]["logo"]["url"] == f"{BASE}/static/syndication/logo.png"


@pytest.mark.parametrize("url", ["/", "/business/", "/tags/budget/", "/authors/ada-sum/"])
def test_paginated_listing_keeps_only_its_page_number(client, settings, url):
    settings.NEWSDESK_LISTING_PAGE_SIZE = 2
    articles = make_listing(5)
    assert canonical(get_html(client, url + "?page=1&utm_source=x")) == BASE + url
    html = get_html(client, url + "?page=2&utm_source=x")
    assert canonical(html) == f"{BASE}{url}?page=2"
    items = json_ld(html, "CollectionPage")["mainEntity"]["itemListElement"]
    assert [(i["position"], i["url"]) for i in items] == [
        (3, absolute(articles[2])),
        (4, absolute(articles[3])),
    ]
    # Past the end the listing shows its last page, and says so.
    assert canonical(get_html(client, url + "?page=99")) == f"{BASE}{url}?page=3"


@pytest.mark.parametrize("url", ["/", "/business/", "/tags/budget/", "/authors/ada-sum/"])
def test_listing_metadata_costs_no_query_per_article(client, django_assert_num_queries, url):
    make_listing(2)
    client.get(url)  # warm Wagtail's site and content type caches
    with CaptureQueriesContext(connection) as few:
        get_html(client, url)
    make_listing(6, first=2)
    with django_assert_num_queries(len(few.captured_queries)):
        html = get_html(client, url)
    assert len(json_ld(html, "CollectionPage")["mainEntity"]["itemListElement"]) == 8


# Pages that are not content ----------------------------------------------------------------


@pytest.mark.parametrize("url", ["/no-such-page/", "/tags/nothing/", "/authors/nobody/"])
def test_not_found_page_still_renders(client, url):
    html = get_html(client, url, status=404)
    assert "Page not found" in html
    assert canonical(html) is None and extract(html)["json-ld"] == []


def test_preview_of_a_new_article_has_metadata(client):
    client.force_login(SuperuserFactory())
    section = SectionFactory(title="Sport")
    preview_url = f"/admin/pages/add/articles/articlepage/{section.pk}/preview/"
    form = {
        "title": "Draft </script> headline",
        "slug": "draft-headline",
        "excerpt": "Not out yet.",
        "body": streamfield([("paragraph", rich_text("<p>Soon.</p>"))]),
        "tags": "draft",
        "comments_open": "on",
        "notes": inline_formset([]),
    }
    assert client.post(preview_url, nested_form_data(form)).json()["is_valid"]
    html = get_html(client, preview_url)
    data = json_ld(html, "NewsArticle")
    assert data["headline"] == "Draft </script> headline"
    assert data["articleSection"] == "Sport" and data["keywords"] == ["draft"]
    assert "ed@newsroom.example" not in html


# The builders, from facts alone ------------------------------------------------------------


def test_head_tags_are_built_from_a_pages_facts_alone():
    facts = PageMetadata(
        kind=ARTICLE,
        title="Title",
        description="Said.",
        url="/a/",
        home_url="/",
        headline="Headline",
        published=datetime(2024, 3, 5, 14, 30, tzinfo=UTC),
        section="Sport",
        authors=[Person("Pia Lund", "/authors/pia-lund/", "https://pia.example")],
        tags=["rovers"],
        breadcrumbs=[("newsdesk", "/"), ("Title", "/a/")],
    )
    tags = head_tags(facts, RequestFactory().get("/", HTTP_HOST="localhost"))
    assert tags.canonical == f"{BASE}/a/"
    assert ("og:type", "article") in tags.opengraph
    assert ("article:author", f"{BASE}/authors/pia-lund/") in tags.opengraph
    article, crumbs = tags.json_ld
    assert article["headline"] == "Headline" and article["author"][0]["url"].startswith(BASE)
    assert [item["item"] for item in crumbs["itemListElement"]] == [f"{BASE}/", f"{BASE}/a/"]
