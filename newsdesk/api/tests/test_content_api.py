"""The Wagtail API v2 endpoints: /api/v2/articles/, /api/v2/sections/, /api/v2/authors/."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsdesk.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.comments.factories import CommentFactory
from newsdesk.pageviews.counting import read_counts, read_counts_many, record_view
from newsdesk.pageviews.models import DailyPageViews, PageViewTotal

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v2/articles/"


def make_articles(n, first=0, **kwargs):
    now = timezone.now()
    return [
        ArticleFactory(title=f"Story {i}", publication_date=now - timedelta(hours=i), **kwargs)
        for i in range(first, first + n)
    ]


def titles(listing) -> list[str]:
    return [item["title"] for item in listing["items"]]


def test_article_listing_items(api_get):
    sport = SectionFactory(title="Sport")
    writers = [AuthorFactory(name="Mara Ocampo"), AuthorFactory(name="Lin Weber")]
    older, newer = make_articles(2, parent=sport, tags=["harbour", "Boats"], authors=writers)[::-1]
    CommentFactory(page=newer)
    CommentFactory(page=newer)
    CommentFactory(page=newer, pending=True)
    CommentFactory(page=newer, spam=True)
    CommentFactory(page=older, trash=True)
    for _ in range(3):
        record_view(newer.pk)
    DailyPageViews.objects.create(page=newer, day=timezone.localdate() - timedelta(days=1), views=4)

    listing = api_get(ARTICLES)

    assert listing["meta"]["total_count"] == 2
    assert titles(listing) == ["Story 0", "Story 1"]  # newest first
    item = listing["items"][0]
    assert item["id"] == newer.pk
    assert item["meta"]["type"] == "articles.ArticlePage"
    assert item["meta"]["detail_url"] == f"http://localhost/api/v2/articles/{newer.pk}/"
    assert item["meta"]["html_url"] == f"http://localhost/sport/{newer.slug}/"
    assert item["excerpt"] == "What happened in Story 0."
    assert item["section"] == {
        "id": sport.pk,
        "title": "Sport",
        "url": "http://localhost/sport/",
        "detail_url": f"http://localhost/api/v2/sections/{sport.pk}/",
    }
    assert item["tags"] == ["Boats", "harbour"]
    assert item["authors"] == [
        {
            "id": writer.pk,
            "name": writer.name,
            "slug": writer.slug,
            "url": f"http://localhost/authors/{writer.slug}/",
            "detail_url": f"http://localhost/api/v2/authors/{writer.pk}/",
        }
        for writer in sorted(writers, key=lambda w: w.name)
    ]
    newer.refresh_from_db()
    assert item["publication_date"] == newer.publication_date.isoformat().replace("+00:00", "Z")
    assert "last_published_at" in item["meta"] and "first_published_at" in item["meta"]
    assert item["view_counts"] == {"total": 3, "today": 3}
    assert item["comment_count"] == 2  # approved only
    assert item["comments_open"] is True
    assert item["comments_url"] == f"http://localhost/api/articles/{newer.pk}/comments/"
    assert listing["items"][1]["comment_count"] == 0
    assert listing["items"][1]["view_counts"] == {"total": 0, "today": 0}
    assert "body" not in item  # the body is in the detail, or on request (?fields=body)
    assert api_get(ARTICLES, fields="body")["items"][0]["body"][0]["type"] == "paragraph"


def test_article_detail_with_body_blocks(api_get):
    culture, sport = SectionFactory(title="Culture"), SectionFactory(title="Sport")
    visible_target = ArticleFactory(title="Visible")
    hidden_target = ArticleFactory(title="Hidden")
    hidden_target.unpublish()
    article = ArticleFactory(
        parent=culture,
        further_sections=[sport],
        tags=["gallery"],
        body=[
            ("paragraph", "<p>Opening <b>paragraph</b>.</p>"),
            ("subheading", "What changes"),
            ("quote", {"text": "We’ll see.", "attribution": "The mayor"}),
            ("related", {"article": visible_target}),
            ("related", {"article": hidden_target}),
            ("embed", {"embed": "https://video.invalid/watch/1", "caption": "Footage"}),
        ],
    )
    CommentFactory(page=article)
    record_view(article.pk)

    detail = api_get(f"{ARTICLES}{article.pk}/")

    body = [(block["type"], block["value"]) for block in detail["body"]]
    assert body == [
        ("paragraph", "<p>Opening <b>paragraph</b>.</p>"),
        ("subheading", "What changes"),
        ("quote", {"text": "We’ll see.", "attribution": "The mayor"}),
        # A box pointing at an unpublished article is left out, as on the page.
        ("related", {"article": visible_target.pk}),
        ("embed", {"embed": "https://video.invalid/watch/1", "caption": "Footage"}),
    ]
    assert all(block["id"] for block in detail["body"])
    assert detail["section"]["title"] == "Culture"
    assert [s["title"] for s in detail["further_sections"]] == ["Sport"]
    assert detail["tags"] == ["gallery"]
    assert detail["comment_count"] == 1
    assert detail["view_counts"] == {"total": 1, "today": 1}
    assert detail["meta"]["parent"]["id"] == culture.pk
    # Rich text can be asked for as display HTML (Wagtail's ?rich_text_format=).
    html = api_get(f"{ARTICLES}{article.pk}/", rich_text_format="html")
    assert html["body"][0]["value"] == "<p>Opening <b>paragraph</b>.</p>"


def test_only_published_public_articles(api_get, client, home):
    kept, draft, private = make_articles(3)
    draft.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert titles(api_get(ARTICLES)) == ["Story 0"]
    for article in (draft, private):
        api_get(f"{ARTICLES}{article.pk}/", status=404)
        api_get(f"/api/v2/articles/find/?html_path={article.url}", status=404)
    found = client.get(f"{ARTICLES}find/", {"html_path": kept.url})
    assert found.status_code == 302 and found["Location"].startswith(
        f"http://localhost{ARTICLES}{kept.pk}/"
    )
    # Other page types are not articles.
    api_get(f"{ARTICLES}{home.pk}/", status=404)
    api_get(f"{ARTICLES}{kept.get_parent().pk}/", status=404)


def test_private_section_hides_its_articles(api_get):
    private = SectionFactory(title="Members")
    ArticleFactory(parent=private, title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert titles(api_get(ARTICLES)) == []
    assert [s["title"] for s in api_get("/api/v2/sections/")["items"]] == ["Uncategorized"]
    api_get(f"/api/v2/sections/{private.pk}/", status=404)


def test_article_filters(api_get):
    sport, culture = SectionFactory(title="Sport"), SectionFactory(title="Culture")
    pia = AuthorFactory(name="Pia Lund")
    ArticleFactory(parent=sport, title="Match report", tags=["football"], authors=[pia])
    ArticleFactory(parent=culture, title="Stadium concert", further_sections=[sport])
    ArticleFactory(parent=culture, title="Gallery opens", tags=["art"])
    assert sorted(titles(api_get(ARTICLES, section=sport.pk))) == [
        "Match report",
        "Stadium concert",
    ]
    assert titles(api_get(ARTICLES, tags="football")) == ["Match report"]
    assert titles(api_get(ARTICLES, authors=pia.pk)) == ["Match report"]
    assert titles(api_get(ARTICLES, child_of=culture.pk, order="title")) == [
        "Gallery opens",
        "Stadium concert",
    ]
    assert titles(api_get(ARTICLES, limit=1, offset=1, order="title")) == ["Match report"]


@pytest.mark.parametrize(
    "params",
    [
        {"type": "articles.SectionPage"},
        {"section": "x"},
        {"section": "99999999999999999999"},
        {"publication_date": "not a date"},
        {"authors": "x"},
        {"body": "x"},
        {"order": "authors"},
        {"order": "body"},
        {"fields": "nonsense"},
        {"limit": "-1"},
        {"offset": "x"},
        {"offset": "99999999999999999999"},
        {"rich_text_format": "nonsense"},
        {"whatever": "1"},
    ],
)
def test_bad_query_parameters_are_a_400(api_get, params):
    ArticleFactory()
    assert api_get(ARTICLES, status=400, **params)["message"]


def test_out_of_range_ids_are_not_found(api_get):
    ArticleFactory()
    assert titles(api_get(ARTICLES, id="99999999999999999999")) == []
    api_get(f"{ARTICLES}99999999999999999999/", status=404)


def test_sections(api_get):
    sport = SectionFactory(title="Sport", description="Matches and results.")
    draft = SectionFactory(title="Draft section")
    draft.unpublish()
    listing = api_get("/api/v2/sections/")
    assert [s["title"] for s in listing["items"]] == ["Uncategorized", "Sport"]
    item = listing["items"][1]
    assert item["description"] == "Matches and results."
    assert item["meta"]["html_url"] == "http://localhost/sport/"
    assert item["articles_url"] == f"http://localhost/api/v2/articles/?section={sport.pk}"
    detail = api_get(f"/api/v2/sections/{sport.pk}/")
    assert detail["title"] == "Sport"
    api_get(f"/api/v2/sections/{draft.pk}/", status=404)


def test_authors_without_email(api_get):
    pia = AuthorFactory(
        name="Pia Lund",
        bio="Covers the harbour.",
        website="https://pia.example",
        email="pia.secret@newsroom.example",
    )
    listing = api_get("/api/v2/authors/")
    assert listing["items"] == [
        {
            "id": pia.pk,
            "meta": {
                "type": "articles.Author",
                "detail_url": f"http://localhost/api/v2/authors/{pia.pk}/",
            },
            "name": "Pia Lund",
            "slug": "pia-lund",
            "url": "http://localhost/authors/pia-lund/",
        }
    ]
    detail = api_get(f"/api/v2/authors/{pia.pk}/")
    assert detail["bio"] == "Covers the harbour." and detail["website"] == "https://pia.example"
    assert detail["articles_url"] == f"http://localhost/api/v2/articles/?authors={pia.pk}"
    assert "email" not in detail
    assert "email" not in api_get("/api/v2/authors/", fields="*")["items"][0]
    # The email can be neither asked for, nor filtered or ordered by (no guessing game).
    api_get("/api/v2/authors/", status=400, fields="email")
    api_get("/api/v2/authors/", status=400, email="pia.secret@newsroom.example")
    api_get("/api/v2/authors/", status=400, order="email")
    api_get(ARTICLES, status=400, fields="authors(email)")


def test_listing_view_counts_are_read_counts(api_get):
    articles = make_articles(3)
    for i, article in enumerate(articles):
        for _ in range(i):
            record_view(article.pk)
    DailyPageViews.objects.create(
        page=articles[0], day=timezone.localdate() - timedelta(days=1), views=2
    )
    PageViewTotal.objects.create(page=articles[0], views=2)
    ids = [a.pk for a in articles]
    assert read_counts_many(ids) == {pk: read_counts(pk) for pk in ids}
    listed = {item["id"]: item["view_counts"] for item in api_get(ARTICLES)["items"]}
    for pk in ids:
        counts = read_counts(pk)
        assert listed[pk] == {"total": counts.total, "today": counts.today}
    assert listed[articles[0].pk] == {"total": 2, "today": 0}


@pytest.mark.parametrize(
    "url",
    [
        ARTICLES,
        ARTICLES + "?fields=*",
        ARTICLES + "?order=-views",
        ARTICLES + "?order=views&offset=1",
        "/api/v2/articles/most_read/?window=all&limit=50",
        "/api/v2/sections/",
        "/api/v2/authors/",
    ],
)
def test_listing_queries_do_not_grow_with_items(client, django_assert_max_num_queries, url):
    def add(n, first):
        writer = AuthorFactory()
        section = SectionFactory()
        for article in make_articles(
            n, first=first, tags=["t", f"t{first}"], authors=[writer], further_sections=[section]
        ):
            CommentFactory(page=article)
            record_view(article.pk)

    add(2, 0)
    client.get(url)  # warm Wagtail's site and content type caches
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    for first in range(2, 17, 3):
        add(3, first)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_rich_text_written_by_code_leaves_through_the_allow_list(api_get, home):
    internal = ArticleFactory(title="Target")
    hostile = (
        '<p onclick="steal()">Read <a href="javascript:alert(1)">this</a>'
        f'<script>alert(2)</script> and <a linktype="page" id="{internal.pk}">that</a>.</p>'
        '<iframe src="https://evil.example"></iframe>'
    )
    article = ArticleFactory(body=[("paragraph", hostile)])
    for params in ({}, {"rich_text_format": "html"}):
        value = api_get(f"{ARTICLES}{article.pk}/", **params)["body"][0]["value"]
        for gone in ("onclick", "javascript:", "<script", "alert(2)", "<iframe"):
            assert gone not in value, (params, value)
        assert "Read <a" in value and "this</a>" in value
    # The stored form keeps Wagtail's internal link markup, the display form a real URL.
    assert (
        f'linktype="page" id="{internal.pk}"'
        in api_get(f"{ARTICLES}{article.pk}/")["body"][0]["value"]
    )
