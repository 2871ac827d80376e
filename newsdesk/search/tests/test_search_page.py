"""The public search page: what it finds, in what order, and how it shows it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from newsdesk.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    PageViewRestrictionFactory,
    SectionFactory,
)
from newsdesk.comments.factories import CommentFactory
from newsdesk.search.models import SynonymSet

from .utils import found, paragraphs, search_page, snippets

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ranking")]


def test_finds_by_headline_excerpt_and_body(client):
    ArticleFactory(title="Ferry timetable changes")
    ArticleFactory(title="Quiet week", excerpt="The ferry was late again.")
    ArticleFactory(title="Council meets", body=paragraphs("Talk turned to the ferry pier."))
    ArticleFactory(title="Unrelated", body=paragraphs("Nothing about boats."))
    assert sorted(found(client, "ferry")) == [
        "Council meets",
        "Ferry timetable changes",
        "Quiet week",
    ]
    assert found(client, "FERRY pier") == ["Council meets"]  # every word, any case


def test_finds_by_tag_and_by_author_name(client):
    author = AuthorFactory(name="Olena Petrenko")
    ArticleFactory(title="Bridge opens", tags=["infrastructure"], authors=[author])
    ArticleFactory(title="Other story", tags=["sport"])
    assert found(client, "infrastructure") == ["Bridge opens"]
    assert found(client, "Petrenko") == ["Bridge opens"]
    assert found(client, "olena petrenko") == ["Bridge opens"]


def test_synonym_sets_find_other_spellings(client):
    SynonymSet.objects.create(name="Kyiv", terms="Kyiv\nKiev, Київ")
    SynonymSet.objects.create(name="New York", terms="New York City, NYC")
    ArticleFactory(title="Old map", body=paragraphs("A map of Kiev from 1900."))
    ArticleFactory(title="Ukrainian news", body=paragraphs("Новини з Київ сьогодні."))
    ArticleFactory(title="Marathon", body=paragraphs("The New York City marathon is on Sunday."))
    ArticleFactory(title="Elsewhere", body=paragraphs("A York pudding in the city."))

    for query in ("Kyiv", "kiev", "КИЇВ"):
        assert sorted(found(client, query)) == ["Old map", "Ukrainian news"], query
    html = search_page(client, "Kyiv")
    assert "A map of <mark>Kiev</mark> from 1900." in snippets(html)
    # A term of several words is searched as a phrase.
    assert found(client, "nyc") == ["Marathon"]
    assert found(client, "new york city") == ["Marathon"]
    # Words in quotes are searched as they are, without synonyms.
    assert found(client, '"Kyiv"') == []


def test_quoted_words_are_a_phrase(client):
    ArticleFactory(title="One", body=paragraphs("The city council voted."))
    ArticleFactory(title="Two", body=paragraphs("The council of the city voted."))
    assert sorted(found(client, "city council")) == ["One", "Two"]
    assert found(client, '"city council"') == ["One"]
    assert found(client, '"city council" voted') == ["One"]


def test_a_headline_hit_ranks_above_body_hits(client):
    ArticleFactory(title="Flood warnings", body=paragraphs("Rain."), excerpt="")
    ArticleFactory(
        title="Weather week",
        excerpt="Flood, flood and flood.",
        body=paragraphs("Flood flood flood.", "The flood came; the flood went."),
    )
    ArticleFactory(title="River walk", body=paragraphs("No flood this year."), excerpt="")
    results = found(client, "flood")
    assert results[0] == "Flood warnings"
    assert sorted(results[1:]) == ["River walk", "Weather week"]


def test_pages_run_on_from_headline_hits_to_body_hits(client, settings):
    settings.NEWSDESK_LISTING_PAGE_SIZE = 2
    for i in range(3):
        ArticleFactory(title=f"Flood news {i}", excerpt="", body=paragraphs("Rain."))
    for i in range(2):
        ArticleFactory(title=f"Weather {i}", excerpt="", body=paragraphs("Flood flood flood."))
    pages = [found(client, "flood", page=n) for n in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    order = [title.split()[0] for page in pages for title in page]
    assert order == ["Flood", "Flood", "Flood", "Weather", "Weather"]
    assert len({title for page in pages for title in page}) == 5


def test_filters_by_section(client):
    sport, culture = SectionFactory(title="Sport"), SectionFactory(title="Culture")
    ArticleFactory(parent=sport, title="Stadium match")
    ArticleFactory(parent=culture, title="Stadium concert", further_sections=[sport])
    ArticleFactory(parent=culture, title="Stadium tour")
    assert sorted(found(client, "stadium", section=sport.slug)) == [
        "Stadium concert",
        "Stadium match",
    ]
    assert sorted(found(client, "stadium", section=culture.slug)) == [
        "Stadium concert",
        "Stadium tour",
    ]
    html = search_page(client, "stadium", section=sport.slug)
    assert f'<option value="{sport.slug}" selected>Sport</option>' in html
    # An unknown section is said so, and the search runs over all sections.
    html = search_page(client, "stadium", section="no-such-section")
    assert "There is no section “no-such-section”." in html
    assert "3 results for “stadium”" in html


def test_filters_by_date_in_the_site_time_zone(client, settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    kyiv = ZoneInfo("Europe/Kyiv")
    # 23:30 on 10 March in UTC is already 11 March in Kyiv.
    ArticleFactory(
        title="Late report", publication_date=datetime(2024, 3, 10, 23, 30, tzinfo=ZoneInfo("UTC"))
    )
    ArticleFactory(
        title="Morning report", publication_date=datetime(2024, 3, 10, 8, 0, tzinfo=kyiv)
    )
    ArticleFactory(title="Spring report", publication_date=datetime(2024, 4, 1, 12, 0, tzinfo=kyiv))

    def dated(**params):
        return sorted(found(client, "report", **params))

    assert dated(**{"from": "2024-03-11"}) == ["Late report", "Spring report"]
    assert dated(to="2024-03-10") == ["Morning report"]
    assert dated(**{"from": "2024-03-10", "to": "2024-03-11"}) == ["Late report", "Morning report"]
    # Dates the wrong way round are swapped; a date that is not one is said so and ignored.
    assert dated(**{"from": "2024-03-11", "to": "2024-03-10"}) == ["Late report", "Morning report"]
    html = search_page(client, "report", **{"from": "2024-02-30"})
    assert "Dates look like 2024-05-31." in html and "3 results" in html


def test_paginates_keeping_the_query_and_filters(client, settings):
    settings.NEWSDESK_LISTING_PAGE_SIZE = 2
    section = SectionFactory(title="Harbour")
    now = timezone.now()
    for i in range(5):
        ArticleFactory(
            parent=section,
            title=f"Harbour story {i}",
            publication_date=now - timedelta(days=i),
        )
    ArticleFactory(title="Harbour elsewhere")
    page_one = search_page(client, "harbour", section=section.slug)
    assert "5 results for “harbour”, page 1 of 3" in page_one
    assert f'rel="next" href="?q=harbour&amp;section={section.slug}&amp;page=2"' in page_one
    seen = []
    for page in (1, 2, 3):
        seen += found(client, "harbour", section=section.slug, page=page)
    assert sorted(seen) == [f"Harbour story {i}" for i in range(5)]
    # Past the end: the last page; not a number: the first.
    assert len(found(client, "harbour", section=section.slug, page=99)) == 1
    assert found(client, "harbour", section=section.slug, page="x") == seen[:2]
    assert '<ol class="search-results" start="5">' in search_page(
        client, "harbour", section=section.slug, page=3
    )


def test_result_count_and_no_results(client):
    ArticleFactory(title="Harbour one")
    ArticleFactory(title="Harbour two")
    assert "2 results for “harbour”" in search_page(client, "harbour")
    ArticleFactory(title="Harbour three")
    assert "3 results for “Harbour”" in search_page(client, "Harbour")
    assert "No results for “lighthouse”." in search_page(client, "lighthouse")


def test_highlights_escaped_text(client):
    ArticleFactory(
        title="<script>alert(1)</script> Tom & Jerry at the harbour",
        excerpt="",
        body=paragraphs(
            "Intro.",
            "The harbour&#x27;s &lt;b&gt;owners&lt;/b&gt; say &amp; the Harbourmaster agrees.",
        ),
    )
    html = search_page(client, "harbour")
    assert "<script>alert(1)</script>" not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; Jerry at the <mark>harbour</mark>" in html
    )
    [snippet] = snippets(html)
    assert "<b>" not in snippet
    assert "&lt;b&gt;owners&lt;/b&gt;" in snippet
    assert "<mark>harbour</mark>&#x27;s" in snippet
    assert "<mark>Harbourmaster</mark>" in snippet  # longer words starting with a term
    # A term never matches inside an entity the escaping made.
    ArticleFactory(title="Amp story", body=paragraphs("Fish &amp; chips."), excerpt="")
    [snippet] = snippets(search_page(client, "amp story"))
    assert "<mark>" not in snippet and "Fish &amp; chips." in snippet


def test_snippet_is_cut_around_the_first_hit(client):
    before = " ".join(f"word{i}" for i in range(80))
    after = " ".join(f"more{i}" for i in range(80))
    ArticleFactory(
        title="Long read", excerpt="", body=paragraphs(before, f"Then the lighthouse. {after}")
    )
    [snippet] = snippets(search_page(client, "lighthouse"))
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "the <mark>lighthouse</mark>." in snippet
    assert len(snippet) < 320
    assert "word0 " not in snippet and "more79" not in snippet


def test_shows_section_date_and_link(client):
    section = SectionFactory(title="Business")
    article = ArticleFactory(
        parent=section,
        title="Harbour sold",
        publication_date=datetime(2024, 5, 31, 9, 0, tzinfo=ZoneInfo("UTC")),
    )
    html = search_page(client, "harbour")
    assert f'<a href="{section.url}">Business</a>' in html
    assert f'<a href="{article.url}"><mark>Harbour</mark> sold</a>' in html
    assert '<time datetime="2024-05-31T09:00:00+00:00">31 May 2024</time>' in html


def test_unpublished_and_private_articles_are_never_found(client, home):
    ArticleFactory(title="Harbour public")
    withdrawn = ArticleFactory(title="Harbour withdrawn")
    withdrawn.unpublish()
    ArticleFactory(title="Harbour draft", live=False)
    private = ArticleFactory(title="Harbour private")
    PageViewRestrictionFactory(page=private)
    private_section = SectionFactory(title="Members")
    ArticleFactory(parent=private_section, title="Harbour for members")
    PageViewRestrictionFactory(page=private_section, login=True)
    assert found(client, "harbour") == ["Harbour public"]
    assert "1 result for “harbour”" in search_page(client, "harbour")


def test_no_email_on_the_results_page(client):
    author = AuthorFactory(name="Pia Lund", email="pia.private@newsroom.example")
    article = ArticleFactory(title="Harbour news", authors=[author])
    CommentFactory(page=article, author_email="reader.private@mail.example", body="Harbour comment")
    for query in ("harbour", "Pia Lund", "comment"):
        html = search_page(client, query)
        assert "pia.private" not in html and "reader.private" not in html
        assert "newsroom.example" not in html and "mail.example" not in html
    # The email is not searchable either.
    assert found(client, "newsroom") == []
    assert found(client, "reader.private") == []


def test_the_page_has_a_labelled_search_form(client):
    html = search_page(client, "harbour")
    assert (
        '<form class="search-form" role="search" aria-label="Search articles" method="get"'
        ' action="/search/">' in html
    )
    assert '<label for="search-q">Search articles</label>' in html
    assert '<input type="search" id="search-q" name="q" value="harbour"' in html
    assert '<label for="search-section">Section</label>' in html
    assert '<input type="date" id="search-from" name="from"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "<title>Search: harbour – " in html


def test_snippets_read_the_body_without_loading_its_images_or_linked_pages(
    client, django_assert_max_num_queries
):
    linked = ArticleFactory(title="Linked story")
    for i in range(6):
        ArticleFactory(
            title=f"Harbour story {i}",
            excerpt="",
            body=[
                ("subheading", "At the quay"),
                ("quote", {"text": "The harbour is ours", "attribution": "A fisher"}),
                ("related", {"article": linked}),
                ("paragraph", "<p>Boats &amp; <b>nets</b>.</p>"),
            ],
        )
    with django_assert_max_num_queries(14):
        html = search_page(client, "harbour")
    assert "At the quay The <mark>harbour</mark> is ours A fisher Boats &amp; nets." in html


def test_only_get_and_head(client):
    assert client.post("/search/", {"q": "harbour"}).status_code in (403, 405)
    assert client.head("/search/?q=harbour").status_code == 200


def test_beyond_the_most_relevant_results_the_count_says_more(client, monkeypatch):
    monkeypatch.setattr("newsdesk.search.results.MAX_RESULTS", 2)
    ArticleFactory(title="Harbour one", body=paragraphs("harbour harbour"))
    ArticleFactory(title="Other", body=paragraphs("Harbour here."))
    ArticleFactory(title="Harbour two")
    html = search_page(client, "harbour")
    assert "More than 2 results for “harbour”: the 2 most relevant are listed" in html
    assert sorted(found(client, "harbour")) == ["Harbour one", "Harbour two"]
