"""Page metadata for search engines and link previews.

Canonical URL, meta description, OpenGraph and Twitter card tags, and schema.org JSON-LD
(NewsArticle, BreadcrumbList, CollectionPage with an ItemList). Small functions return plain
data; `page_metadata()` picks them for the page being rendered, the template tag in
templatetags/metadata_tags.py hands them to syndication/head_meta.html, which escapes them.

Nothing here runs a query per listed article: listings use the articles already loaded for the
page, and page URLs come from Wagtail's per-request cache of site root paths. No email address
(an author's or a commenter's) is ever read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page as ListingPage
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from taggit.models import Tag
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage, Author, HomePage, SectionPage

SCHEMA_CONTEXT = "https://schema.org"
# The publisher logo: a PNG in this app's static/ folder (drawn once with Pillow), and its size
# in pixels, which the tests check against the file. Replace both to brand a site.
LOGO_STATIC_PATH = "syndication/logo.png"
LOGO_SIZE = (256, 256)
# Link previews (Facebook, Mastodon, Slack...) want about 1.91:1, at least 1200 wide.
OPENGRAPH_IMAGE_SPEC = "fill-1200x630"
# Search engines ask for 16:9, 4:3 and 1:1 versions of an article's image.
SCHEMA_IMAGE_SPECS = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")
DESCRIPTION_MAX_CHARS = 300

# What Django's `json_script` escapes: enough that no string can end the <script> element or
# start an HTML comment in it. (`json_script` itself always writes type="application/json".)
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass
class PageMetadata:
    canonical: str | None = None
    description: str = ""
    # (property, content) pairs for <meta property=...>, in order; a property may repeat.
    opengraph: list[tuple[str, str]] = field(default_factory=list)
    # (name, content) pairs for <meta name=...>.
    twitter: list[tuple[str, str]] = field(default_factory=list)
    # JSON-LD documents, one <script> each.
    json_ld: list[dict] = field(default_factory=list)


@dataclass
class ImageMeta:
    url: str
    width: int
    height: int
    alt: str
    schema_urls: list[str]


# Helpers -----------------------------------------------------------------------------------


def json_ld_script(data) -> SafeString:
    """`data` as a <script type="application/ld+json"> that no string inside can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def absolute_url(request, url: str | None) -> str | None:
    """`url` (a path, or already absolute) as an absolute URL on the host that was asked."""
    if not url:
        return None
    return request.build_absolute_uri(url) if request is not None else url


def page_url(page: Page, request) -> str | None:
    """A page's absolute URL, or None if it has none (e.g. a new page in preview)."""
    return absolute_url(request, page.get_url(request))


def paginated_url(url: str | None, articles) -> str | None:
    """The canonical URL of one page of a listing: ?page=N from the second page on."""
    if url and isinstance(articles, ListingPage) and articles.number > 1:
        return f"{url}?page={articles.number}"
    return url


def iso_datetime(value: datetime | None) -> str | None:
    """An aware ISO 8601 timestamp in the site's time zone, to the second."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def plain_text(text: str | None, limit: int = DESCRIPTION_MAX_CHARS) -> str:
    """One line of text, shortened to `limit` characters. Escaping is the template's job."""
    return Truncator(" ".join((text or "").split())).chars(limit)


def first_text(*candidates: str | None) -> str:
    for candidate in candidates:
        text = plain_text(candidate)
        if text:
            return text
    return ""


def modified_date(page: ArticlePage) -> datetime | None:
    """When the article last changed: its last publication, never before its own date."""
    return max(filter(None, [page.date, page.last_published_at]), default=None)


def site_name() -> str:
    return settings.WAGTAIL_SITE_NAME


def language_tag() -> str:
    """The page's language as a BCP 47 tag, e.g. "en-US"."""
    return locale_name().replace("_", "-")


def locale_name() -> str:
    """The page's language as a locale name, e.g. "en_US" (what og:locale wants)."""
    return translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)


def compact(data: dict) -> dict:
    """`data` without the keys whose value is None or empty."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def image_meta(image, request) -> ImageMeta | None:
    """Absolute URLs of the renditions used for previews and JSON-LD (one query once made)."""
    if image is None:
        return None
    try:
        renditions = image.get_renditions(OPENGRAPH_IMAGE_SPEC, *SCHEMA_IMAGE_SPECS)
    except SourceImageIOError:
        return None  # the original file is missing: better no image than a broken page
    preview = renditions[OPENGRAPH_IMAGE_SPEC]
    return ImageMeta(
        url=absolute_url(request, preview.url),
        width=preview.width,
        height=preview.height,
        alt=plain_text(image.default_alt_text),
        schema_urls=[absolute_url(request, renditions[spec].url) for spec in SCHEMA_IMAGE_SPECS],
    )


class HomeFinder:
    """The home page: from the template context, else looked up once (e.g. in admin previews)."""

    def __init__(self, home: HomePage | None):
        self._home = home
        self._looked_up = home is not None

    def __call__(self) -> HomePage | None:
        if not self._looked_up:
            self._home = HomePage.objects.live().first()
            self._looked_up = True
        return self._home


def route_url(home: HomePage | None, request, name: str, slug: str) -> str | None:
    """The absolute URL of one of the home page's listing routes (tag, author)."""
    if home is None:
        return None
    base = home.get_url(request)
    return absolute_url(request, base + home.reverse_subpage(name, args=[slug])) if base else None


# JSON-LD builders --------------------------------------------------------------------------


def organization(request, home_url: str | None) -> dict:
    logo_width, logo_height = LOGO_SIZE
    return compact(
        {
            "@type": "Organization",
            "name": site_name(),
            "url": home_url,
            "logo": {
                "@type": "ImageObject",
                "url": absolute_url(request, static(LOGO_STATIC_PATH)),
                "width": logo_width,
                "height": logo_height,
            },
        }
    )


def person(author: Author, url: str | None) -> dict:
    """An author as a schema.org Person: name, their page here, their own website."""
    return compact(
        {
            "@type": "Person",
            "name": author.name,
            "url": url,
            "sameAs": [author.website] if author.website else None,
        }
    )


def breadcrumb_list(crumbs: list[tuple[str, str | None]]) -> dict:
    """A BreadcrumbList from (name, absolute URL) pairs, outermost first."""
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            compact({"@type": "ListItem", "position": position, "name": name, "item": url})
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def item_list(articles, request) -> dict:
    """The listed articles as an ItemList, positions counted across the listing's pages."""
    start = articles.start_index() if isinstance(articles, ListingPage) else 1
    items = [
        {"@type": "ListItem", "position": position, "url": page_url(article, request)}
        for position, article in enumerate(articles or [], start=start)
    ]
    return {
        "@type": "ItemList",
        "itemListOrder": "https://schema.org/ItemListOrderDescending",
        "numberOfItems": len(items),
        "itemListElement": items,
    }


def collection_page(
    *, name: str, description: str, url: str | None, home_url: str | None, articles, request
) -> dict:
    return compact(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "CollectionPage",
            "@id": url,
            "url": url,
            "name": name,
            "description": description,
            "inLanguage": language_tag(),
            "isPartOf": compact({"@type": "WebSite", "name": site_name(), "url": home_url}),
            "mainEntity": item_list(articles, request),
        }
    )


def website(request, home_url: str | None) -> dict:
    return compact(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "WebSite",
            "name": site_name(),
            "url": home_url,
            "inLanguage": language_tag(),
            "publisher": organization(request, home_url),
        }
    )


def news_article(
    page: ArticlePage,
    *,
    description: str,
    url: str | None,
    image: ImageMeta | None,
    authors: list[dict],
    section: SectionPage | None,
    tags: list[str],
    request,
    home_url: str | None,
) -> dict:
    return compact(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "NewsArticle",
            "headline": page.headline,
            "description": description,
            "image": image.schema_urls if image else None,
            "datePublished": iso_datetime(page.date),
            "dateModified": iso_datetime(modified_date(page)),
            "author": authors,
            "publisher": organization(request, home_url),
            "mainEntityOfPage": compact({"@type": "WebPage", "@id": url}) if url else None,
            "url": url,
            "articleSection": section.title if section else None,
            "keywords": tags,
            "inLanguage": language_tag(),
        }
    )


# Tags for link previews --------------------------------------------------------------------


def opengraph_tags(
    *, og_type: str, title: str, description: str, url: str | None, image: ImageMeta | None
) -> list[tuple[str, str]]:
    tags = [
        ("og:type", og_type),
        ("og:site_name", site_name()),
        ("og:locale", locale_name()),
        ("og:title", title),
        ("og:description", description),
        ("og:url", url),
    ]
    if image:
        tags += [
            ("og:image", image.url),
            ("og:image:width", str(image.width)),
            ("og:image:height", str(image.height)),
            ("og:image:alt", image.alt),
        ]
    return [(name, content) for name, content in tags if content]


def twitter_tags(*, title: str, description: str, image: ImageMeta | None) -> list[tuple[str, str]]:
    tags = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]
    if image:
        tags += [("twitter:image", image.url), ("twitter:image:alt", image.alt)]
    return [(name, content) for name, content in tags if content]


# Per kind of page --------------------------------------------------------------------------


def article_metadata(page: ArticlePage, request, home: HomeFinder) -> PageMetadata:
    url = page_url(page, request)
    section = page.section
    site_home = home()
    home_url = page_url(site_home, request) if site_home else None
    description = first_text(
        page.search_description,
        page.excerpt,
        getattr(section, "description", ""),
        getattr(site_home, "intro", ""),
    )
    title = page.seo_title or page.title
    image = image_meta(page.image, request)
    authors = list(page.authors.all())
    author_urls = [route_url(site_home, request, "author", a.slug) for a in authors]
    tags = [tag.name for tag in page.tags.all()]

    opengraph = opengraph_tags(
        og_type="article", title=title, description=description, url=url, image=image
    )
    opengraph += [
        ("article:published_time", iso_datetime(page.date)),
        ("article:modified_time", iso_datetime(modified_date(page))),
        ("article:section", section.title if section else None),
    ]
    opengraph += [("article:author", author_url) for author_url in author_urls]
    opengraph += [("article:tag", tag) for tag in tags]

    crumbs = [(site_name(), home_url)]
    if section is not None:
        crumbs.append((section.title, page_url(section, request)))
    crumbs.append((page.title, url))

    return PageMetadata(
        canonical=url,
        description=description,
        opengraph=[(name, content) for name, content in opengraph if content],
        twitter=twitter_tags(title=title, description=description, image=image),
        json_ld=[
            news_article(
                page,
                description=description,
                url=url,
                image=image,
                authors=[person(a, u) for a, u in zip(authors, author_urls, strict=True)],
                section=section,
                tags=tags,
                request=request,
                home_url=home_url,
            ),
            breadcrumb_list(crumbs),
        ],
    )


def listing_metadata(
    *,
    title: str,
    description: str,
    url: str | None,
    articles,
    request,
    home_url: str | None,
    crumbs: list[tuple[str, str | None]],
    extra_json_ld: tuple[dict, ...] = (),
) -> PageMetadata:
    """A home, section, tag or author listing: a CollectionPage of the articles shown."""
    canonical = paginated_url(url, articles)
    json_ld = [
        *extra_json_ld,
        collection_page(
            name=title,
            description=description,
            url=canonical,
            home_url=home_url,
            articles=articles,
            request=request,
        ),
    ]
    if len(crumbs) > 1:
        json_ld.append(breadcrumb_list(crumbs))
    return PageMetadata(
        canonical=canonical,
        description=description,
        opengraph=opengraph_tags(
            og_type="website", title=title, description=description, url=canonical, image=None
        ),
        twitter=twitter_tags(title=title, description=description, image=None),
        json_ld=json_ld,
    )


def home_metadata(page: HomePage, request, *, tag=None, author=None, articles=None):
    home_url = page_url(page, request)
    crumbs = [(site_name(), home_url)]
    if isinstance(tag, Tag):
        url = route_url(page, request, "tag", tag.slug)
        title = f"Tag: {tag.name}"
        description = first_text(f"Articles tagged “{tag.name}” in {site_name()}.")
    elif isinstance(author, Author):
        url = route_url(page, request, "author", author.slug)
        title = author.name
        description = first_text(author.bio, f"Articles by {author.name} in {site_name()}.")
    else:
        return listing_metadata(
            title=page.seo_title or site_name(),
            description=first_text(
                page.search_description, page.intro, f"The latest news from {site_name()}."
            ),
            url=home_url,
            articles=articles,
            request=request,
            home_url=home_url,
            crumbs=crumbs,
            extra_json_ld=(website(request, home_url),),
        )
    return listing_metadata(
        title=title,
        description=description,
        url=url,
        articles=articles,
        request=request,
        home_url=home_url,
        crumbs=[*crumbs, (title, url)],
    )


def section_metadata(page: SectionPage, request, home: HomeFinder, *, articles=None):
    site_home = home()
    home_url = page_url(site_home, request) if site_home else None
    url = page_url(page, request)
    return listing_metadata(
        title=page.seo_title or page.title,
        description=first_text(
            page.search_description,
            page.description,
            getattr(site_home, "intro", ""),
            f"{page.title}: the latest articles from {site_name()}.",
        ),
        url=url,
        articles=articles,
        request=request,
        home_url=home_url,
        crumbs=[(site_name(), home_url), (page.title, url)],
    )


def other_page_metadata(page: Page, request) -> PageMetadata:
    url = page_url(page, request)
    title = page.seo_title or page.title
    description = first_text(page.search_description)
    return PageMetadata(
        canonical=url,
        description=description,
        opengraph=opengraph_tags(
            og_type="website", title=title, description=description, url=url, image=None
        ),
        twitter=twitter_tags(title=title, description=description, image=None),
    )


def page_metadata(context) -> PageMetadata | None:
    """The metadata for the page a template context renders, or None if it is not a page."""
    page = context.get("page")
    if not isinstance(page, Page):
        return None  # e.g. a 404, or a view whose `page` is something else
    request = context.get("request")
    articles = context.get("articles")
    if not isinstance(articles, ListingPage):
        articles = None
    home = HomeFinder(context.get("home"))
    if isinstance(page, ArticlePage):
        return article_metadata(page, request, home)
    if isinstance(page, SectionPage):
        return section_metadata(page, request, home, articles=articles)
    if isinstance(page, HomePage):
        return home_metadata(
            page, request, tag=context.get("tag"), author=context.get("author"), articles=articles
        )
    return other_page_metadata(page, request)
