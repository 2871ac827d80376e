"""Page metadata for search engines and link previews: the tags of a page's <head>.

Canonical URL, meta description, OpenGraph and Twitter card tags, and schema.org JSON-LD
(NewsArticle, BreadcrumbList, CollectionPage with an ItemList). Each page type gives its facts
as `page.metadata(...)` (newsdesk/articles/metadata.py); the pure builders here turn them into
HeadTags, the template tag in templatetags/metadata_tags.py hands those to
syndication/head_meta.html, which escapes them.

Nothing here runs a query per listed article: listings use the articles already loaded for the
page, and page URLs come from Wagtail's per-request cache of site root paths. No email address
(an author's or a commenter's) is ever read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.images.models import SourceImageIOError

from newsdesk.articles.image_credits import credit_of
from newsdesk.articles.metadata import (
    ARTICLE,
    FRONT,
    LISTING,
    PageMetadata,
    Person,
    plain_text,
    site_name,
)

from .public_urls import absolute_url

SCHEMA_CONTEXT = "https://schema.org"
# The publisher logo: a PNG in this app's static/ folder (drawn once with Pillow), and its size
# in pixels, which the tests check against the file. Replace both to brand a site.
LOGO_STATIC_PATH = "syndication/logo.png"
LOGO_SIZE = (256, 256)
# Link previews (Facebook, Mastodon, Slack...) want about 1.91:1, at least 1200 wide.
OPENGRAPH_IMAGE_SPEC = "fill-1200x630"
# Search engines ask for 16:9, 4:3 and 1:1 versions of an article's image.
SCHEMA_IMAGE_SPECS = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")

# What Django's `json_script` escapes: enough that no string can end the <script> element or
# start an HTML comment in it. (`json_script` itself always writes type="application/json".)
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass
class HeadTags:
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
    # Google's image licence properties (creditText, license...), {} for an uncredited image.
    licence: dict[str, str] = field(default_factory=dict)

    def schema(self) -> list:
        """NewsArticle.image: the renditions' URLs, as ImageObjects when the image is
        credited (each rendition is the same image, with the same credit and licence)."""
        if not self.licence:
            return list(self.schema_urls)
        return [
            {"@type": "ImageObject", "url": url, "contentUrl": url, **self.licence}
            for url in self.schema_urls
        ]


@dataclass
class Absolute:
    """The facts' URLs made absolute for the request (see public_urls.absolute_url)."""

    url: str | None
    home_url: str | None
    breadcrumbs: list[tuple[str, str | None]]
    listed: list[str | None]
    authors: list[str | None]

    @classmethod
    def of(cls, meta: PageMetadata, request) -> Absolute:
        return cls(
            url=absolute_url(request, meta.url),
            home_url=absolute_url(request, meta.home_url),
            breadcrumbs=[(name, absolute_url(request, url)) for name, url in meta.breadcrumbs],
            listed=[absolute_url(request, url) for url in meta.listed],
            authors=[absolute_url(request, person.url) for person in meta.authors],
        )


# Helpers -----------------------------------------------------------------------------------


def json_ld_script(data) -> SafeString:
    """`data` as a <script type="application/ld+json"> that no string inside can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def iso_datetime(value: datetime | None) -> str | None:
    """An aware ISO 8601 timestamp in the site's time zone, to the second."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).replace(microsecond=0).isoformat()


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
        licence=image_licence(credit_of(image)),
    )


def image_licence(credit) -> dict[str, str]:
    """schema.org's (and Google's image licence metadata's) names for an image's credit."""
    if credit is None:
        return {}
    return compact(
        {
            "creditText": credit.credit,
            "copyrightNotice": credit.copyright_notice,
            "license": credit.licence_url,
            "acquireLicensePage": credit.acquire_licence_url,
        }
    )


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


def person(author: Person, url: str | None) -> dict:
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


def item_list(urls: list[str | None], start: int) -> dict:
    """The listed articles as an ItemList, positions counted across the listing's pages."""
    items = [
        {"@type": "ListItem", "position": position, "url": url}
        for position, url in enumerate(urls, start=start)
    ]
    return {
        "@type": "ItemList",
        "itemListOrder": "https://schema.org/ItemListOrderDescending",
        "numberOfItems": len(items),
        "itemListElement": items,
    }


def collection_page(meta: PageMetadata, urls: Absolute) -> dict:
    return compact(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "CollectionPage",
            "@id": urls.url,
            "url": urls.url,
            "name": meta.title,
            "description": meta.description,
            "inLanguage": language_tag(),
            "isPartOf": compact({"@type": "WebSite", "name": site_name(), "url": urls.home_url}),
            "mainEntity": item_list(urls.listed, meta.first_position),
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


def news_article(meta: PageMetadata, urls: Absolute, image: ImageMeta | None, request) -> dict:
    url = urls.url
    return compact(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "NewsArticle",
            "headline": meta.headline,
            "description": meta.description,
            "image": image.schema() if image else None,
            "datePublished": iso_datetime(meta.published),
            "dateModified": iso_datetime(meta.modified),
            "author": [person(a, u) for a, u in zip(meta.authors, urls.authors, strict=True)],
            "publisher": organization(request, urls.home_url),
            "mainEntityOfPage": compact({"@type": "WebPage", "@id": url}) if url else None,
            "url": url,
            "articleSection": meta.section,
            "keywords": meta.tags,
            "inLanguage": language_tag(),
            "correction": [
                {
                    "@type": "CorrectionComment",
                    "text": note.text,
                    "datePublished": iso_datetime(note.date),
                }
                for note in meta.corrections
            ],
        }
    )


def json_ld(meta: PageMetadata, urls: Absolute, image: ImageMeta | None, request) -> list[dict]:
    """The page's main entity (an article, or a listing and, on the front page, the site),
    then its breadcrumbs when it has more than the site's."""
    documents = []
    if meta.kind == ARTICLE:
        documents.append(news_article(meta, urls, image, request))
    if meta.kind == FRONT:
        documents.append(website(request, urls.home_url))
    if meta.kind in (FRONT, LISTING):
        documents.append(collection_page(meta, urls))
    if len(urls.breadcrumbs) > 1:
        documents.append(breadcrumb_list(urls.breadcrumbs))
    return documents


# Tags for link previews --------------------------------------------------------------------


def opengraph_tags(meta: PageMetadata, urls: Absolute, image: ImageMeta | None):
    tags = [
        ("og:type", "article" if meta.kind == ARTICLE else "website"),
        ("og:site_name", site_name()),
        ("og:locale", locale_name()),
        ("og:title", meta.title),
        ("og:description", meta.description),
        ("og:url", urls.url),
    ]
    if image:
        tags += [
            ("og:image", image.url),
            ("og:image:width", str(image.width)),
            ("og:image:height", str(image.height)),
            ("og:image:alt", image.alt),
        ]
    if meta.kind == ARTICLE:
        tags += [
            ("article:published_time", iso_datetime(meta.published)),
            ("article:modified_time", iso_datetime(meta.modified)),
            ("article:section", meta.section),
        ]
        tags += [("article:author", author_url) for author_url in urls.authors]
        tags += [("article:tag", tag) for tag in meta.tags]
    return [(name, content) for name, content in tags if content]


def twitter_tags(meta: PageMetadata, image: ImageMeta | None) -> list[tuple[str, str]]:
    tags = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", meta.title),
        ("twitter:description", meta.description),
    ]
    if image:
        tags += [("twitter:image", image.url), ("twitter:image:alt", image.alt)]
    return [(name, content) for name, content in tags if content]


def head_tags(meta: PageMetadata, request) -> HeadTags:
    """Everything the <head> says about a page, from the facts it gives about itself."""
    urls = Absolute.of(meta, request)
    image = image_meta(meta.image, request)
    return HeadTags(
        canonical=urls.url,
        description=meta.description,
        opengraph=opengraph_tags(meta, urls, image),
        twitter=twitter_tags(meta, image),
        json_ld=json_ld(meta, urls, image, request),
    )
