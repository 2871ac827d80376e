"""Sitemaps: the index, the paginated sitemaps with images, the Google News sitemap.

Every sitemap is validated against the sitemaps.org and Google News schemas from
../shared/schemas beside the project. sitemap.xsd lets a <url> carry elements of other
namespaces with processContents="strict", and there is no schema for Google's image namespace
here, so xmlschema rejects image:image as an "unavailable namespace". The tests therefore check
the image:* elements with lxml first, then remove them and validate the rest strictly.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree
from wagtail_factories import ImageFactory

from newsdesk.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    PageViewRestrictionFactory,
    SectionFactory,
)
from newsdesk.syndication import sitemaps

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[3] / ".." / "shared" / "schemas"
SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SM, "image": IMAGE, "news": NEWS}


@pytest.fixture(scope="session")
def schemas():
    if not SCHEMAS.is_dir():
        message = (
            f"The sitemap schemas are not at {SCHEMAS.resolve()} (../shared/schemas beside the "
            "project): sitemap validation skipped."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    import xmlschema

    news = xmlschema.XMLSchema(str(SCHEMAS / "sitemap.xsd"), build=False)
    news.import_schema(NEWS, str(SCHEMAS / "sitemap-news.xsd"))
    news.build()
    return {
        "urlset": xmlschema.XMLSchema(str(SCHEMAS / "sitemap.xsd")),
        "index": xmlschema.XMLSchema(str(SCHEMAS / "siteindex.xsd")),
        "news": news,
    }


def fetch(client, url: str):
    """The parsed XML of a sitemap URL (absolute or not)."""
    response = client.get(url.removeprefix("http://localhost"))
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return etree.fromstring(response.content)


def check_images(root) -> None:
    """Image entries are image:image elements holding one absolute image:loc, and nothing
    else of the image namespace appears."""
    for image in root.iter(f"{{{IMAGE}}}image"):
        assert image.getparent().tag == f"{{{SM}}}url"
        (loc,) = image
        assert loc.tag == f"{{{IMAGE}}}loc" and loc.text.startswith("http://localhost/")
    assert all(
        el.tag in (f"{{{IMAGE}}}image", f"{{{IMAGE}}}loc")
        for el in root.iter()
        if isinstance(el.tag, str) and el.tag.startswith(f"{{{IMAGE}}}")
    )


def validate(schemas, root, kind: str) -> None:
    if kind == "urlset":
        check_images(root)
        root = etree.fromstring(etree.tostring(root))  # a copy to strip
        for image in list(root.iter(f"{{{IMAGE}}}image")):
            image.getparent().remove(image)
    schemas[kind].validate(etree.tostring(root).decode())


def locs(root) -> list[str]:
    return root.xpath("//sm:loc/text()", namespaces=NS)


def index_files(client, schemas) -> list[str]:
    root = fetch(client, "/sitemap.xml")
    validate(schemas, root, "index")
    return locs(root)


@pytest.fixture
def site(db):
    harbour = SectionFactory(title="Harbour", slug="harbour")
    culture = SectionFactory(title="Culture", slug="culture")
    closed = SectionFactory(title="Members", slug="members")
    PageViewRestrictionFactory(page=closed, login=True)
    pia = AuthorFactory(name="Pia Lund")
    ole = AuthorFactory(name="Ole Berg")
    AuthorFactory(name="Nobody Yet")
    now = timezone.now()

    def article(title, hours, **kwargs):
        return ArticleFactory(title=title, publication_date=now - timedelta(hours=hours), **kwargs)

    articles = {
        "ferry": article(
            "Ferry & crews",
            1,
            parent=harbour,
            tags=["ferries"],
            authors=[pia],
            image=ImageFactory(),
        ),
        "gallery": article(
            "Gallery", 47, parent=culture, further_sections=[harbour], tags=["art"], authors=[ole]
        ),
        "old": article("Old news", 49, parent=culture, tags=["art"], authors=[ole]),
        "withdrawn": article("Withdrawn", 2, parent=harbour, tags=["hidden"], authors=[pia]),
        "password": article("Password", 2, parent=harbour, tags=["hidden"]),
        "members": article("Members", 2, parent=closed, tags=["hidden"], authors=[pia]),
    }
    articles["withdrawn"].unpublish()
    PageViewRestrictionFactory(page=articles["password"])
    return {"harbour": harbour, "culture": culture, "closed": closed, **articles}


def url(page) -> str:
    return f"http://localhost{page.url}"


HIDDEN = ("withdrawn", "password", "members")


def test_index_lists_every_nonempty_sitemap(client, schemas, site):
    assert index_files(client, schemas) == [
        "http://localhost/sitemap-articles.xml",
        "http://localhost/sitemap-sections.xml",
        "http://localhost/sitemap-tags.xml",
        "http://localhost/sitemap-authors.xml",
        "http://localhost/news-sitemap.xml",
    ]
    root = fetch(client, "/sitemap.xml")
    lastmods = root.xpath("//sm:lastmod/text()", namespaces=NS)
    assert len(lastmods) == 5 and all("T" in d and d[-6] in "+-" for d in lastmods)


def test_every_listed_sitemap_validates(client, schemas, site):
    for file in index_files(client, schemas):
        kind = "news" if "news" in file else "urlset"
        validate(schemas, fetch(client, file), kind)


def test_articles_sitemap(client, schemas, site):
    root = fetch(client, "/sitemap-articles.xml")
    validate(schemas, root, "urlset")
    assert locs(root) == [url(site[name]) for name in ("ferry", "gallery", "old")]
    for name in HIDDEN:
        assert url(site[name]) not in locs(root)
    images = root.xpath(
        "//sm:url[sm:loc=$loc]/image:image/image:loc/text()", loc=url(site["ferry"]), namespaces=NS
    )
    rendition = site["ferry"].image.get_rendition("width-1200")
    assert images == [f"http://localhost{rendition.url}"]
    assert len(root.xpath("//image:image", namespaces=NS)) == 1
    gallery = root.xpath(
        "//sm:url[sm:loc=$loc]/sm:lastmod/text()", loc=url(site["gallery"]), namespaces=NS
    )
    assert gallery == [
        timezone.localtime(site["gallery"].publication_date).isoformat(timespec="seconds")
    ]


def test_sitemaps_use_the_request_scheme_and_host(client, site):
    response = client.get("/sitemap-articles.xml", secure=True, HTTP_HOST="news.example.org")
    assert f"<loc>https://news.example.org{site['ferry'].url}</loc>".encode() in response.content
    index = client.get("/sitemap.xml", secure=True, HTTP_HOST="news.example.org")
    assert b"<loc>https://news.example.org/sitemap-articles.xml</loc>" in index.content


def test_sections_sitemap_is_dated_by_newest_article(client, schemas, site):
    root = fetch(client, "/sitemap-sections.xml")
    validate(schemas, root, "urlset")
    home, harbour, culture = "http://localhost/", url(site["harbour"]), url(site["culture"])
    # Every public section, with the "Uncategorized" one; not the members-only section.
    assert locs(root) == [home, "http://localhost/uncategorized/", harbour, culture]

    def lastmod(loc):
        (value,) = root.xpath("//sm:url[sm:loc=$loc]/sm:lastmod/text()", loc=loc, namespaces=NS)
        return value

    def w3c(article):
        return timezone.localtime(article.publication_date).isoformat(timespec="seconds")

    assert lastmod(home) == lastmod(harbour) == w3c(site["ferry"])
    assert lastmod(culture) == w3c(site["gallery"])
    # An article filed under Culture and also under Harbour dates both.
    site["gallery"].save_revision().publish()
    site["gallery"].refresh_from_db()
    root = fetch(client, "/sitemap-sections.xml")
    newest = timezone.localtime(site["gallery"].last_published_at).isoformat(timespec="seconds")
    assert lastmod(harbour) == lastmod(culture) == newest


def test_tag_and_author_sitemaps_list_only_what_shows_published_articles(client, schemas, site):
    tags = fetch(client, "/sitemap-tags.xml")
    validate(schemas, tags, "urlset")
    assert sorted(locs(tags)) == ["http://localhost/tags/art/", "http://localhost/tags/ferries/"]
    authors = fetch(client, "/sitemap-authors.xml")
    validate(schemas, authors, "urlset")
    assert locs(authors) == [
        "http://localhost/authors/pia-lund/",
        "http://localhost/authors/ole-berg/",
    ]
    assert len(authors.xpath("//sm:lastmod", namespaces=NS)) == 2


def test_unknown_sitemaps_and_pages_are_404(client, site):
    for path in (
        "/sitemap-nothing.xml",
        "/sitemap-articles.xml?p=2",
        "/sitemap-articles.xml?p=0",
        "/sitemap-articles.xml?p=x",
        "/news-sitemap.xml?p=2",
    ):
        assert client.get(path).status_code == 404, path


def test_large_sitemaps_are_split(client, schemas, site, monkeypatch):
    monkeypatch.setattr(sitemaps, "ITEMS_PER_SITEMAP", 2)
    for n in range(3):
        ArticleFactory(title=f"More {n}")
    files = index_files(client, schemas)
    article_files = [f for f in files if "sitemap-articles" in f]
    assert article_files == [
        "http://localhost/sitemap-articles.xml",
        "http://localhost/sitemap-articles.xml?p=2",
        "http://localhost/sitemap-articles.xml?p=3",
    ]
    seen = []
    for file in article_files:
        root = fetch(client, file)
        validate(schemas, root, "urlset")
        assert 1 <= len(locs(root)) <= 2
        seen += locs(root)
    assert len(seen) == len(set(seen)) == 6
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404


# The Google News sitemap.


def news_entries(root) -> list[dict]:
    entries = []
    for entry in root.iterfind("sm:url", NS):
        assert entry.findtext("news:news/news:title", namespaces=NS), "news:title is required"
        entries.append(
            {
                "loc": entry.findtext("sm:loc", namespaces=NS),
                "title": entry.findtext("news:news/news:title", namespaces=NS),
                "name": entry.findtext("news:news/news:publication/news:name", namespaces=NS),
                "language": entry.findtext(
                    "news:news/news:publication/news:language", namespaces=NS
                ),
                "date": entry.findtext("news:news/news:publication_date", namespaces=NS),
            }
        )
    return entries


def test_news_sitemap_has_the_last_48_hours(client, schemas, site):
    root = fetch(client, "/news-sitemap.xml")
    validate(schemas, root, "news")
    entries = news_entries(root)
    assert [e["loc"] for e in entries] == [url(site["ferry"]), url(site["gallery"])]
    ferry = entries[0]
    assert ferry["title"] == "Ferry & crews"
    assert ferry["name"] == "newsdesk" and ferry["language"] == "en"
    assert ferry["date"] == timezone.localtime(site["ferry"].publication_date).isoformat(
        timespec="seconds"
    )
    assert re.search(r"T\d\d:\d\d:\d\d[+-]\d\d:\d\d$", ferry["date"])


def test_news_sitemap_language_and_name_follow_settings(client, schemas, site, settings):
    settings.LANGUAGE_CODE = "pt-br"
    settings.WAGTAIL_SITE_NAME = "Diário do Porto"
    settings.TIME_ZONE = "America/Sao_Paulo"
    root = fetch(client, "/news-sitemap.xml")
    validate(schemas, root, "news")
    (first, _) = news_entries(root)
    assert first["language"] == "pt" and first["name"] == "Diário do Porto"
    assert first["date"].endswith("-03:00")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en-us", "en"), ("en", "en"), ("nb", "nb"), ("zh-hans", "zh-cn"), ("zh-hant", "zh-tw")],
)
def test_news_language(code, expected):
    assert sitemaps.news_language(code) == expected


def test_news_sitemap_is_split_never_truncated(client, schemas, site, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_ITEMS_PER_SITEMAP", 3)
    now = timezone.now()
    for n in range(5):
        ArticleFactory(title=f"Breaking {n}", publication_date=now - timedelta(minutes=n))
    news_files = [f for f in index_files(client, schemas) if "news-sitemap" in f]
    assert news_files == [
        "http://localhost/news-sitemap.xml",
        "http://localhost/news-sitemap.xml?p=2",
        "http://localhost/news-sitemap.xml?p=3",
    ]
    titles = []
    for file in news_files:
        root = fetch(client, file)
        validate(schemas, root, "news")
        assert 1 <= len(news_entries(root)) <= 3
        titles += [e["title"] for e in news_entries(root)]
    assert titles == [f"Breaking {n}" for n in range(5)] + ["Ferry & crews", "Gallery"]


def test_no_empty_news_sitemap_is_listed(client, schemas, site):
    for name in ("ferry", "gallery"):
        site[name].publication_date = timezone.now() - timedelta(days=3)
        site[name].save()
    files = index_files(client, schemas)
    assert not [f for f in files if "news" in f]
    assert "http://localhost/sitemap-articles.xml" in files
    # Asked for anyway, the news sitemap is an empty <urlset>, not an error.
    root = fetch(client, "/news-sitemap.xml")
    assert root.tag == f"{{{SM}}}urlset" and len(root) == 0


def test_empty_site_lists_only_the_front_page(client, schemas, db):
    assert index_files(client, schemas) == ["http://localhost/sitemap-sections.xml"]


# Query counts must not grow with the number of items.


def make_articles(n, first=0):
    now = timezone.now()
    author = AuthorFactory(name=f"Writer {first}")
    section = SectionFactory(title=f"Desk {first}")
    for i in range(first, first + n):
        ArticleFactory(
            title=f"Story {i}",
            parent=section,
            publication_date=now - timedelta(minutes=i),
            tags=[f"tag{i}"],
            authors=[author],
            image=ImageFactory(),
        )


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        "/sitemap-tags.xml",
        "/sitemap-authors.xml",
        "/news-sitemap.xml",
    ],
)
def test_sitemap_queries_do_not_grow_with_items(client, django_assert_max_num_queries, path):
    make_articles(3)
    client.get(path)  # warm Wagtail's caches and make the renditions
    with django_assert_max_num_queries(20) as few:
        assert client.get(path).status_code == 200
    allowed = len(few.captured_queries)
    make_articles(10, first=3)
    client.get(path)
    with django_assert_max_num_queries(allowed):
        client.get(path)


@pytest.mark.parametrize(
    ("path", "table"),
    [
        ("/sitemap-tags.xml", "taggit_tag"),
        ("/sitemap-authors.xml", "articles_author"),
        ("/sitemap-sections.xml", "wagtailcore_page"),
    ],
)
def test_listings_are_dated_in_one_grouped_pass(client, django_assert_max_num_queries, path, table):
    """Not by a subquery per tag, author or section that sorts its articles: at 100,000
    articles that took seconds per sitemap file (and the index ran it twice)."""
    make_articles(3)
    with django_assert_max_num_queries(20) as captured:
        assert client.get(path).status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    assert any("GROUP BY" in query and "MAX(" in query for query in sql)
    correlated = [query for query in sql if f'FROM "{table}"' in query and "(SELECT" in query]
    assert correlated == []


def test_index_dates_each_file_by_its_newest_entry(client, site, monkeypatch):
    monkeypatch.setattr(sitemaps, "ITEMS_PER_SITEMAP", 2)
    index = fetch(client, "/sitemap.xml")
    dated = {
        entry.findtext(f"{{{SM}}}loc"): entry.findtext(f"{{{SM}}}lastmod")
        for entry in index.findall(f"{{{SM}}}sitemap")
    }
    files = [loc for loc in dated if "/sitemap-articles.xml" in loc]
    assert len(files) == 2  # ferry, gallery, old: the hidden three are left out
    for loc in files:
        newest_entry = max(fetch(client, loc).xpath("//sm:lastmod/text()", namespaces=NS))
        assert dated[loc] == newest_entry, loc


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_kept_sitemap_file_validates_and_a_publish_or_unpublish_rebuilds_it(schemas):
    """The hot path keeps a sitemap file after its first build (as the feeds), and the same
    invalidation drops it: a publish (committed) brings the new article, an unpublish
    takes it out. Every copy served validates."""
    from django.core.handlers.wsgi import WSGIHandler

    from newsdesk.delivery.hotpath import HotPath
    from newsdesk.delivery.tests.wsgi_client import call

    hotpath = HotPath(WSGIHandler())
    ArticleFactory(title="Ferry timetable changes", slug="ferry-timetable")
    draft = ArticleFactory(title="Night buses return", slug="night-buses", live=False)

    def served(expected_cache):
        answer = call(hotpath, "/sitemap-articles.xml")
        assert (answer.status, answer.cache) == (200, expected_cache)
        root = etree.fromstring(answer.body)
        validate(schemas, root, "urlset")
        return [loc.rsplit("/", 2)[-2] for loc in locs(root)]

    assert served("miss") == served("hit") == ["ferry-timetable"]
    draft.save_revision().publish()
    assert served("miss") == ["ferry-timetable", "night-buses"]
    assert served("hit") == ["ferry-timetable", "night-buses"]
    draft.refresh_from_db()
    draft.unpublish()
    assert served("miss") == served("hit") == ["ferry-timetable"]
