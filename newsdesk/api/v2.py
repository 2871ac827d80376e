"""Read-only content API on Wagtail's API v2: articles, sections and authors.

    /api/v2/articles/            published articles, newest first (?section=ID, ?tags=…,
                                 ?authors=ID, ?search=…, ?order=… including -views,
                                 ?limit/offset, ?fields=…)
    /api/v2/articles/<id>/       one article, with its body blocks
    /api/v2/articles/most_read/  the "Most read" list (?window=, ?section=, ?limit=): most_read.py
    /api/v2/articles/find/?html_path=/section/slug/
    /api/v2/sections/ and /api/v2/sections/<id>/
    /api/v2/authors/ and /api/v2/authors/<id>/     (never the author's email)

Each endpoint is a Wagtail viewset whose fields are declared here rather than as `api_fields`
on the models, so that the API's shape lives in this app. Listings attach what every item
needs (section, tags, authors, further sections, view counts, approved comment counts) in a
fixed number of queries, whatever the number of items.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeAlias
from urllib.parse import urlencode

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet, prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from modelsearch.backends.base import BaseSearchResults
from rest_framework.fields import Field
from rest_framework.request import Request
from wagtail.api import APIField
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.utils import get_full_url
from wagtail.api.v2.filters import OrderingFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page
from wagtail.query import PageQuerySet

from newsdesk.articles.image_credits import ImageCredit, credit_of
from newsdesk.articles.listings import attach_sections
from newsdesk.articles.models import (
    ArticlePage,
    ArticlePageQuerySet,
    Author,
    HomePage,
    SectionPage,
)
from newsdesk.articles.sanitize import clean_html
from newsdesk.articles.visibility import published
from newsdesk.comments.models import Comment
from newsdesk.pageviews.counting import (
    ViewCounts,
    read_counts,
    read_counts_many,
    read_stored_counts_many,
)
from newsdesk.related.choice import related_choice

from .most_read import MostReadMixin, WagtailViewSet
from .ordering import VIEWS_ATTR, ByViews, ViewsOrderingFilter, views_order

# Attributes set on the items of a listing page by `prepare_items`, read by the fields below;
# without them (a detail view) each field reads its value itself.
VIEW_COUNTS_ATTR = "_api_view_counts"
MAX_ID = 2**63 - 1
COMMENT_COUNT_ATTR = "_api_comment_count"

# A filtered listing: a queryset, or with ?search= the search backend's results.
Matches: TypeAlias = QuerySet[Any] | BaseSearchResults


class Links:
    """Absolute URLs for one request: public pages, API endpoints and the comments API."""

    def __init__(self, request: Request, router: WagtailAPIRouter) -> None:
        self.request = request
        self.router = router

    @cached_property
    def home(self) -> HomePage | None:
        # The author listing is a route of the home page (HomePage.listing_url), looked up
        # once per request rather than once per author.
        return HomePage.objects.live().first()

    def page(self, page: Page) -> str | None:
        return page.get_full_url(self.request)

    def author(self, author: Author) -> str | None:
        if self.home is None:
            return None
        return self.home.listing_url("author", author.slug, self.request, full=True)

    def detail(self, model: type[Model], pk: int) -> str | None:
        return get_object_detail_url(self.router, self.request, model, pk)

    def articles(self, **filters: int) -> str:
        url = get_full_url(self.request, self.router.get_model_listing_urlpath(ArticlePage))
        return f"{url}?{urlencode(filters)}" if filters else url

    def comments(self, article: ArticlePage) -> str:
        return get_full_url(
            self.request, reverse("newsdesk_api:article_comments", args=[article.pk])
        )


# Fields


class ComputedField(Field):
    """A read-only field computed from the whole object."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance: Model) -> Model:
        return instance

    @property
    def links(self) -> Links:
        return self.context["links"]


def section_summary(section: SectionPage, links: Links) -> dict[str, Any]:
    return {
        "id": section.pk,
        "title": section.title,
        "url": links.page(section),
        "detail_url": links.detail(SectionPage, section.pk),
    }


def author_summary(author: Author, links: Links) -> dict[str, Any]:
    # Name, slug and links only: an author's email is for the newsroom.
    return {
        "id": author.pk,
        "name": author.name,
        "slug": author.slug,
        "url": links.author(author),
        "detail_url": links.detail(Author, author.pk),
    }


class SectionField(ComputedField):
    """The section an article is filed under: {id, title, url, detail_url}."""

    def to_representation(self, article: ArticlePage) -> dict[str, Any] | None:
        section = article.section
        return section_summary(section, self.links) if section is not None else None


class FurtherSectionsField(ComputedField):
    """The other (live) sections that also list the article."""

    def to_representation(self, article: ArticlePage) -> list[dict[str, Any]]:
        return [
            section_summary(section, self.links)
            for section in article.further_sections.all()
            if section.live
        ]


class AuthorsField(ComputedField):
    """The byline: [{id, name, slug, url, detail_url}], never an email."""

    def to_representation(self, article: ArticlePage) -> list[dict[str, Any]]:
        return [author_summary(author, self.links) for author in article.authors.all()]


class TagsField(ComputedField):
    """Tag names, in alphabetical order. (Wagtail's own TagsField makes a query per article
    even when the tags are prefetched.)"""

    def to_representation(self, article: ArticlePage) -> list[str]:
        return sorted((tag.name for tag in article.tags.all()), key=str.casefold)


class ViewCountsField(ComputedField):
    """{total, today}, as newsdesk.pageviews.counting.read_counts answers them (listings
    ordered by views: the stored counts they were ordered by, see prepare_items)."""

    def to_representation(self, article: ArticlePage) -> dict[str, int]:
        counts = getattr(article, VIEW_COUNTS_ATTR, None) or read_counts(article.pk)
        return {"total": counts.total, "today": counts.today}


class CommentCountField(ComputedField):
    """The number of approved comments (CommentQuerySet.approved_counts)."""

    def to_representation(self, article: ArticlePage) -> int:
        count = getattr(article, COMMENT_COUNT_ATTR, None)
        if count is None:
            count = approved_comment_counts([article.pk]).get(article.pk, 0)
        return count


class CommentsUrlField(ComputedField):
    def to_representation(self, article: ArticlePage) -> str:
        return self.links.comments(article)


class BodyField(ComputedField):
    """The body as StreamField JSON ([{type, value, id}], Wagtail's API representation),
    without "related" boxes pointing at articles readers cannot see, as on the page."""

    def to_representation(self, article: ArticlePage) -> list[dict[str, Any]]:
        blocks = article.body.stream_block.get_api_representation(article.body, self.context)
        visible = article.visible_related_targets()
        shown = [
            block
            for block in blocks
            if block["type"] != "related" or block["value"].get("article") in visible
        ]
        for block in shown:
            if block["type"] == "paragraph" and isinstance(block["value"], str):
                # Rich text written by code (an import, a script) is stored as given; API
                # clients render it as HTML, so it leaves through the site's allow-list.
                block["value"] = clean_html(block["value"])
        return shown


class RelatedField(ComputedField):
    """The ids of the related articles the page shows by itself (the automatic box, then the
    "Related" list; newsdesk/related/choice.py), best first."""

    def to_representation(self, article: ArticlePage) -> list[int]:
        choice = related_choice(article)
        return [each.pk for each in ([choice.box] if choice.box else []) + choice.listed]


# The lead image's size in the API: the largest the article page itself sends.
LEAD_IMAGE_SPEC = "width-1200"


class LeadImageField(ComputedField):
    """The lead image: {url, width, height, alt, caption, credit}; `credit` is the image's
    credit and licence (newsdesk/articles/image_credits.py) or null. Null without an image,
    and `url` null when its file is missing."""

    def to_representation(self, article: ArticlePage) -> dict[str, Any] | None:
        image = article.image
        if image is None:
            return None
        try:
            rendition = image.get_rendition(LEAD_IMAGE_SPEC)
        except SourceImageIOError:
            rendition = None
        credit = credit_of(image)
        return {
            "url": get_full_url(self.links.request, rendition.url) if rendition else None,
            "width": rendition.width if rendition else None,
            "height": rendition.height if rendition else None,
            "alt": article.lead_image_alt,
            "caption": article.image_caption,
            "credit": {name: getattr(credit, name) for name in ImageCredit.FIELDS}
            if credit
            else None,
        }


class AuthorUrlField(ComputedField):
    def to_representation(self, author: Author) -> str | None:
        return self.links.author(author)


class ArticlesUrlField(ComputedField):
    """The articles listing filtered to this section or author."""

    def to_representation(self, obj: Author | SectionPage) -> str:
        if isinstance(obj, Author):
            return self.links.articles(authors=obj.pk)
        return self.links.articles(section=obj.pk)


def approved_comment_counts(article_ids: Iterable[int]) -> dict[int, int]:
    return Comment.objects.approved_counts(article_ids)


# Viewsets


class QueryRulesMixin(WagtailViewSet):
    """Only the listed fields may be used as filters (?field=value) and orderings (?order=).

    Wagtail allows every database field of `api_fields`; some of those make no sense as
    filters (the body) or would repeat rows when ordered by (many-to-many relations). A
    filter value the database cannot take is a 400, not a 500.
    """

    filter_fields: frozenset[str] = frozenset()
    order_fields: frozenset[str] = frozenset()

    @classmethod
    def get_available_fields(cls, model: type[Model], db_fields_only: bool = False) -> list[str]:
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            fields = [field for field in fields if field in cls.filter_fields]
        return fields

    def filter_queryset(self, queryset: QuerySet[Any]) -> Matches:
        order = self.request.GET.get("order")
        if order:
            for name in order.split(","):
                if name != "random" and name.lstrip("-") not in self.order_fields:
                    raise BadRequestError(f"cannot order by '{name}'")
        try:
            return super().filter_queryset(queryset)
        except (DjangoValidationError, ValueError, TypeError) as exc:
            raise BadRequestError("field filter error: invalid value") from exc

    def get_object(self) -> Model:
        # A URL id beyond 64 bits would reach the database as an error, not as no match.
        if int(self.kwargs.get("pk", 0)) > MAX_ID:
            raise Http404
        return super().get_object()

    def paginate_queryset(self, queryset: Matches | ByViews) -> list[Any]:
        offset = self.request.GET.get("offset", "")
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_ID:
            raise BadRequestError("offset is too large")
        items = list(super().paginate_queryset(queryset))
        self.prepare_items(items)
        return items

    def prepare_items(self, items: list[Any]) -> None:
        """Attach what the fields of every item need, in a fixed number of queries."""

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["links"] = Links(self.request, self.request.wagtailapi_router)
        return context


class PublicPagesMixin(QueryRulesMixin):
    # No ?type=: each endpoint serves one page type.
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"type"}

    def get_base_queryset(self) -> PageQuerySet:
        # Wagtail's public pages of the requested site, and, as on the site, not pages
        # behind a privacy restriction even when this request could pass it. (Each call
        # reads the restrictions, and Wagtail calls this several times per request.)
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = published(super().get_base_queryset())
        return self._base_queryset

    def get_queryset(self) -> PageQuerySet:
        # The base queryset's conditions on this page type's own rows, where Wagtail filters
        # by "pk IN (the base queryset)": with that list the database read every article and
        # sorted them (1.2 s a listing page at 100,000 articles on SQLite); without it, it
        # walks the index of the listing's order and stops after the page shown.
        # (Kept for the request, as the base queryset is: each call reads the restrictions.)
        if not hasattr(self, "_queryset"):
            try:
                pages = get_public_pages_queryset(self.request, model=self.model)
            except ValueError as exc:
                raise BadRequestError(str(exc)) from exc
            self._queryset = published(pages)
        return self._queryset.all()

    def prepare_items(self, pages: list[Page]) -> None:
        prefetch_related_objects(pages, "locale")  # the "locale" meta field


class ArticlesAPIViewSet(MostReadMixin, PublicPagesMixin, PagesAPIViewSet):
    name = "articles"
    model = ArticlePage
    filter_backends = [
        ViewsOrderingFilter if backend is OrderingFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]
    known_query_parameters = PublicPagesMixin.known_query_parameters | {"section"}
    body_fields = PagesAPIViewSet.body_fields + [
        "excerpt",
        APIField("body", serializer=BodyField()),
        APIField("section", serializer=SectionField()),
        APIField("further_sections", serializer=FurtherSectionsField()),
        APIField("tags", serializer=TagsField()),
        APIField("authors", serializer=AuthorsField()),
        "publication_date",
        APIField("view_counts", serializer=ViewCountsField()),
        "comments_open",
        APIField("comment_count", serializer=CommentCountField()),
        APIField("comments_url", serializer=CommentsUrlField()),
        APIField("related", serializer=RelatedField()),
        APIField("lead_image", serializer=LeadImageField()),
    ]
    meta_fields = PagesAPIViewSet.meta_fields + ["last_published_at"]
    # A few queries per article (its related stories, its lead image): the detail only.
    detail_only_fields = PagesAPIViewSet.detail_only_fields + ["related", "lead_image"]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "last_published_at",
        "excerpt",
        "section",
        "tags",
        "authors",
        "publication_date",
        "view_counts",
        "comments_open",
        "comment_count",
        "comments_url",
    ]
    filter_fields = frozenset(
        [
            "id",
            "title",
            "slug",
            "tags",
            "authors",
            "further_sections",
            "publication_date",
            "first_published_at",
            "last_published_at",
            "comments_open",
        ]
    )
    order_fields = frozenset(
        [
            "id",
            "title",
            "slug",
            "publication_date",
            "first_published_at",
            "last_published_at",
            "views",
        ]
    )

    def get_queryset(self) -> ArticlePageQuerySet:
        queryset = super().get_queryset().newest_first()
        if "section" in self.request.GET:
            queryset = queryset.in_section(self._section_from_query())
        return queryset

    def filter_queryset(self, queryset: QuerySet[Any]) -> Matches | ByViews:
        matches = super().filter_queryset(queryset)
        descending = views_order(self.request)
        if descending is not None and isinstance(matches, QuerySet):
            return ByViews(matches, descending)  # a search's matches stay as they are
        return matches

    def _section_from_query(self) -> SectionPage:
        if not hasattr(self, "_section"):
            value = self.request.GET["section"]
            section = None
            if value.isascii() and value.isdigit() and len(value) < 12:
                section = SectionPage.objects.published().filter(pk=int(value)).first()
            if section is None:
                raise BadRequestError("section must be the id of a section")
            self._section = section
        return self._section

    def prepare_items(self, articles: list[ArticlePage]) -> None:
        super().prepare_items(articles)
        attach_sections(articles)
        prefetch_related_objects(articles, "tags", "authors", "further_sections")
        ids = [article.pk for article in articles]
        view_counts = self._view_counts(articles)
        comment_counts = approved_comment_counts(ids)
        for article in articles:
            setattr(article, VIEW_COUNTS_ATTR, view_counts[article.pk])
            setattr(article, COMMENT_COUNT_ATTR, comment_counts.get(article.pk, 0))

    def _view_counts(self, articles: list[ArticlePage]) -> dict[int, ViewCounts]:
        """The counts readers see (counting.read_counts_many), or, for a listing ordered by
        views, the stored counts: the total it was ordered by, and today's stored row. (With
        a buffer in front, the ones readers see can be ahead by up to a flush interval.)"""
        ids = [article.pk for article in articles]
        if not articles or not hasattr(articles[0], VIEWS_ATTR):
            return read_counts_many(ids)
        stored = read_stored_counts_many(ids)
        return {
            article.pk: ViewCounts(getattr(article, VIEWS_ATTR), stored[article.pk].today)
            for article in articles
        }


class SectionsAPIViewSet(PublicPagesMixin, PagesAPIViewSet):
    name = "sections"
    model = SectionPage
    body_fields = PagesAPIViewSet.body_fields + [
        "description",
        APIField("articles_url", serializer=ArticlesUrlField()),
    ]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "description",
        "articles_url",
    ]
    filter_fields = frozenset(["id", "title", "slug"])
    order_fields = frozenset(["id", "title", "slug", "first_published_at"])

    def get_queryset(self) -> PageQuerySet:
        return super().get_queryset().order_by("path")


class AuthorsAPIViewSet(QueryRulesMixin, BaseAPIViewSet):
    name = "authors"
    model = Author
    # Never "email": it is not a field here, so it can be neither shown (?fields=email is a
    # 400), nor filtered (?email=…), nor ordered by.
    body_fields = [
        "id",
        "name",
        "slug",
        "bio",
        "website",
        APIField("url", serializer=AuthorUrlField()),
        APIField("articles_url", serializer=ArticlesUrlField()),
    ]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["name", "slug", "url"]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["name", "slug", "url"]
    filter_fields = frozenset(["id", "name", "slug"])
    order_fields = frozenset(["id", "name", "slug"])

    def get_queryset(self) -> QuerySet[Author]:
        return Author.objects.order_by("name", "pk")


router = WagtailAPIRouter("newsdesk_api_v2")
router.register_endpoint("articles", ArticlesAPIViewSet)
router.register_endpoint("sections", SectionsAPIViewSet)
router.register_endpoint("authors", AuthorsAPIViewSet)
