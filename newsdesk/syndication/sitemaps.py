"""Sitemaps: /sitemap.xml indexes paginated sitemaps of articles (with their featured images),
sections, tags and authors; /news-sitemap.xml is the Google News sitemap of the last 48 hours.

Only published articles (live, not private, not behind a password or login) and the sections,
tags and authors that list some are included. A sitemap file is listed in the index only when
it has entries. Asked for directly, page 1 of an empty sitemap answers with an empty <urlset>
(so the news sitemap named in robots.txt never 404s, even on a quiet weekend); a page past the
last answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Max, QuerySet
from django.db.models.functions import Length, Substr
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe
from taggit.models import Tag
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage, Author, HomePage, SectionPage
from newsdesk.articles.visibility import published

from .common import ARTICLE_UPDATED, featured_images, featured_rendition, w3c_datetime
from .public_urls import Listings, PageUrls, absolute_url, page_url

# URLs per sitemap file: well under the protocol's 50,000 URLs and 50 MB.
ITEMS_PER_SITEMAP = 10_000
# Google News reads at most 1,000 URLs per news sitemap file; more go into further files.
NEWS_ITEMS_PER_SITEMAP = 1_000
# How recent an article must be for the news sitemap.
NEWS_WINDOW = timedelta(hours=48)

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE_NAMESPACE = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass
class Entry:
    loc: str
    lastmod: datetime | None = None
    images: list[str] = field(default_factory=list)
    title: str = ""
    publication_date: datetime | None = None

    @property
    def lastmod_w3c(self) -> str:
        return w3c_datetime(self.lastmod) if self.lastmod else ""

    @property
    def publication_date_w3c(self) -> str:
        return w3c_datetime(self.publication_date) if self.publication_date else ""


def newest(*dates):
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


class Sitemap:
    """One sitemap, split into files of limit() entries: /sitemap-<name>.xml?p=<n>.

    items() is an ordered sequence; a queryset is annotated with `lastmod` so that the index
    can date each file with one aggregate query."""

    name = ""
    template = "syndication/sitemap.xml"

    def __init__(self, request):
        self.request = request

    def limit(self) -> int:
        return ITEMS_PER_SITEMAP

    def items(self):
        raise NotImplementedError

    def entries(self, items) -> list[Entry]:
        raise NotImplementedError

    def latest(self, items) -> datetime | None:
        """The newest lastmod among one file's items."""
        if isinstance(items, QuerySet):
            return items.aggregate(latest=Max("lastmod"))["latest"]
        return newest(*(entry.lastmod for entry in self.entries(items)))

    def paginator(self) -> Paginator:
        return Paginator(self.items(), self.limit())

    def files(self) -> list[tuple[int, datetime | None]]:
        """(number, newest lastmod) of each non-empty file, for the index."""
        paginator = self.paginator()
        if paginator.count == 0:
            return []
        return [
            (number, self.latest(paginator.page(number).object_list))
            for number in paginator.page_range
        ]

    def path(self) -> str:
        return reverse("syndication:sitemap", kwargs={"name": self.name})

    def url(self, number: int) -> str:
        url = self.request.build_absolute_uri(self.path())
        return url if number == 1 else f"{url}?p={number}"

    def context(self) -> dict:
        return {}


class ArticlesSitemap(Sitemap):
    name = "articles"

    def items(self):
        return (
            ArticlePage.objects.published()
            .annotate(lastmod=ARTICLE_UPDATED)
            # By id, so that each file keeps its articles as new ones are published.
            .order_by("pk")
        )

    def files(self):
        # Each file's articles as a range of ids: a MAX over OFFSET n reads the n articles
        # before the file as well (ten files: half a million rows at 100,000 articles).
        ids = list(self.items().values_list("pk", flat=True))
        limit = self.limit()
        files = []
        for number, start in enumerate(range(0, len(ids), limit), start=1):
            chunk = ids[start : start + limit]
            in_file = self.items().filter(pk__gte=chunk[0], pk__lte=chunk[-1])
            files.append((number, in_file.aggregate(latest=Max("lastmod"))["latest"]))
        return files

    def entries(self, articles):
        # Plain rows, not page objects: see PageUrls.
        rows = list(articles.values_list("url_path", "lastmod", "image_id"))
        images = featured_images(image_id for _, _, image_id in rows)
        urls = PageUrls(self.request)
        entries = []
        for url_path, lastmod, image_id in rows:
            loc = urls(url_path)
            if loc is None:
                continue
            rendition = featured_rendition(images.get(image_id))
            image_urls = [absolute_url(self.request, rendition.url)] if rendition else []
            entries.append(Entry(loc, lastmod, images=image_urls))
        return entries


class SectionsSitemap(Sitemap):
    """The front page and the sections, dated by their newest article."""

    name = "sections"

    def items(self):
        # Two grouped passes over the archive (by parent page, by further section) rather
        # than two sorting subqueries per section.
        by_parent = (
            ArticlePage.objects.published()
            .order_by()
            .annotate(parent=Substr("path", 1, Length("path") - ArticlePage.steplen))
            .values("parent")
            .annotate(lastmod=Max(ARTICLE_UPDATED))
            .values_list("parent", "lastmod")
        )
        filed = dict(by_parent)
        further = latest_changes("further_sections")
        pages = list(published(Page.objects.type(HomePage, SectionPage)).order_by("path"))
        for page in pages:
            page.latest_filed = newest(
                *(lastmod for parent, lastmod in filed.items() if parent.startswith(page.path))
            )
            page.latest_further = further.get(page.pk)
        return pages

    def entries(self, pages):
        entries = []
        for page in pages:
            loc = page_url(self.request, page)
            if loc is not None:
                lastmod = newest(page.last_published_at, page.latest_filed, page.latest_further)
                entries.append(Entry(loc, lastmod))
        return entries


def latest_changes(key: str) -> dict[int, datetime]:
    """The newest change among published articles, by the id of their tag (or author):
    one grouped pass over the archive. A subquery per tag sorting its articles took seconds
    at 100,000 articles, twice over (once to count the tags, once to date the file)."""
    rows = (
        ArticlePage.objects.published()
        .order_by()
        .values(key)
        .annotate(lastmod=Max(ARTICLE_UPDATED))
        .values_list(key, "lastmod")
    )
    return {pk: lastmod for pk, lastmod in rows if pk is not None}


class ListingsSitemap(Sitemap):
    """Tag or author listings that show some published article, by id, dated by their newest."""

    key = ""

    def queryset(self):
        raise NotImplementedError

    def items(self):
        latest = latest_changes(self.key)
        listed = [item for item in self.queryset().order_by("pk") if item.pk in latest]
        for item in listed:
            item.lastmod = latest[item.pk]
        return listed

    def latest(self, items) -> datetime | None:
        return newest(*(item.lastmod for item in items))


class TagsSitemap(ListingsSitemap):
    name = "tags"
    key = "tagged_items__tag"

    def queryset(self):
        return Tag.objects.only("pk", "slug")

    def entries(self, tags):
        listings = Listings(self.request)
        return [Entry(url, tag.lastmod) for tag in tags if (url := listings.tag_url(tag))]


class AuthorsSitemap(ListingsSitemap):
    name = "authors"
    key = "authors"

    def queryset(self):
        return Author.objects.only("pk", "slug")

    def entries(self, authors):
        listings = Listings(self.request)
        return [
            Entry(url, author.lastmod) for author in authors if (url := listings.author_url(author))
        ]


def news_language(language_code: str) -> str:
    """The ISO 639 code Google News wants: "en" for "en-us"; zh-cn / zh-tw for Chinese."""
    code = language_code.lower().replace("_", "-")
    if code in {"zh-hans", "zh-cn", "zh-sg", "zh-my"}:
        return "zh-cn"
    if code in {"zh-hant", "zh-tw", "zh-hk", "zh-mo"}:
        return "zh-tw"
    return code.split("-")[0]


class NewsSitemap(Sitemap):
    """Articles published in the last 48 hours, newest first, up to 1,000 per file."""

    name = "news"
    template = "syndication/news_sitemap.xml"

    def limit(self) -> int:
        return NEWS_ITEMS_PER_SITEMAP

    def items(self):
        return (
            ArticlePage.objects.published()
            .filter(publication_date__gte=timezone.now() - NEWS_WINDOW)
            .annotate(lastmod=ARTICLE_UPDATED)
            .defer("body")
            .newest_first()
        )

    def entries(self, articles):
        entries = []
        for article in articles:
            loc = page_url(self.request, article)
            if loc is not None:
                entries.append(
                    Entry(
                        loc,
                        article.lastmod,
                        title=article.title,
                        publication_date=article.publication_date,
                    )
                )
        return entries

    def path(self) -> str:
        return reverse("syndication:news_sitemap")

    def context(self) -> dict:
        return {
            "publication_name": settings.WAGTAIL_SITE_NAME,
            "language": news_language(settings.LANGUAGE_CODE),
        }


SITEMAPS: dict[str, type[Sitemap]] = {
    sitemap.name: sitemap
    for sitemap in (ArticlesSitemap, SectionsSitemap, TagsSitemap, AuthorsSitemap)
}


def xml_response(template: str, context: dict) -> HttpResponse:
    response = HttpResponse(
        render_to_string(template, context), content_type="application/xml; charset=utf-8"
    )
    # Sitemaps are for crawlers, not for search results.
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_safe
def sitemap_index(request):
    """Every non-empty sitemap file, with the newest lastmod among its entries."""
    files = []
    for sitemap_class in [*SITEMAPS.values(), NewsSitemap]:
        sitemap = sitemap_class(request)
        for number, latest in sitemap.files():
            files.append(Entry(sitemap.url(number), latest))
    return xml_response("syndication/sitemap_index.xml", {"sitemaps": files})


def url_elements(entries: list[Entry]) -> SafeString:
    """The <url> elements of a urlset, one a line, escaped as the template would escape them:
    a loop in the template took half of a 10,000-URL file's build."""
    lines = []
    for entry in entries:
        parts = ["<url><loc>", escape(entry.loc), "</loc>"]
        if entry.lastmod:
            parts += ["<lastmod>", escape(entry.lastmod_w3c), "</lastmod>"]
        for image in entry.images:
            parts += ["<image:image><image:loc>", escape(image), "</image:loc></image:image>"]
        parts.append("</url>\n")
        lines.append("".join(parts))
    return mark_safe("".join(lines))  # noqa: S308 (every value above is escaped)


def serve_sitemap(request, sitemap: Sitemap):
    try:
        page = sitemap.paginator().page(request.GET.get("p", 1))
    except InvalidPage as exc:
        raise Http404("No such sitemap page.") from exc
    entries = sitemap.entries(page.object_list)
    context = {"entries": entries, **sitemap.context()}
    if sitemap.template == Sitemap.template:
        context["urls"] = url_elements(entries)
    return xml_response(sitemap.template, context)


@require_safe
def sitemap(request, name):
    if name not in SITEMAPS:
        raise Http404("No such sitemap.")
    return serve_sitemap(request, SITEMAPS[name](request))


@require_safe
def news_sitemap(request):
    return serve_sitemap(request, NewsSitemap(request))
