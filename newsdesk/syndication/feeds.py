"""RSS 2.0 and Atom feeds: the whole site, each section, tag and author, an article's comments.

Only published articles (live, not private), newest first, at most NEWSDESK_FEED_ITEMS of them;
the excerpt, or with NEWSDESK_FEED_FULL_TEXT the rendered body. Authors appear by name only:
no feed ever carries an email address. Every feed answers conditional GETs (ETag and
Last-Modified) with 304 Not Modified, without building the feed.
"""

from __future__ import annotations

import copy
import hashlib
from functools import cached_property

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape, linebreaks
from django.utils.http import http_date
from taggit.models import Tag
from wagtail.models import Site

from newsdesk.articles.image_credits import ImageCredit, credit_of
from newsdesk.articles.listings import attach_sections
from newsdesk.articles.metadata import site_name
from newsdesk.articles.models import ArticlePage, Author, SectionPage
from newsdesk.comments.models import Comment

from .common import ARTICLE_UPDATED, featured_image, with_featured_images
from .media_rss import MediaAtomFeed, MediaRssFeed
from .public_urls import Listings, absolutize_links, page_url

# The date in the tag: URIs (RFC 4151) that identify feed items; never change it.
GUID_DATE = "2025"


def feed_size() -> int:
    return settings.NEWSDESK_FEED_ITEMS


def full_text() -> bool:
    return settings.NEWSDESK_FEED_FULL_TEXT


def tag_uri(request, kind: str, pk: int) -> str:
    """A permanent id for an item, from its database id: the same whatever its title or URL.
    The authority is the hostname of the Wagtail site (not of the request, which may be an
    alias)."""
    site = Site.find_for_request(request)
    host = site.hostname if site is not None else request.get_host().rsplit(":", 1)[0]
    return f"tag:{host},{GUID_DATE}:{kind}/{pk}"


def render_body(request, article) -> str:
    """The article body as HTML with absolute URLs, with the editor-placed related boxes that
    readers may see (ArticlePage.visible_related_targets), as on the page."""
    context = {"request": request, "page": article}
    blocks = list(article.body)
    placed = any(block.block_type == "related" for block in blocks)
    visible = article.visible_related_targets() if placed else {}
    html = []
    for block in blocks:
        if block.block_type != "related":
            html.append(str(block.render(context=context)))
            continue
        target = block.value["article"]
        if target is not None and target.pk in visible:
            box = {"article": visible[target.pk]}
            html.append(render_to_string("related/box.html", box, request=request))
    return absolutize_links(request, "".join(html))


class NewsdeskFeed(Feed):
    """A feed served from a per-request copy (so that item methods can use self.request),
    with conditional GET.

    Subclasses give versions(obj): (id, changed datetime) pairs of the feed's items, from a
    cheap query, and subject_version(obj): (what identifies the feed's own title and link,
    when that last changed). The ETag hashes them; Last-Modified is the newest change.
    """

    request = None
    subject = None

    def __call__(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        feed = copy.copy(self)
        feed.request = request
        return feed.serve(*args, **kwargs)

    def serve(self, *args, **kwargs):
        try:
            self.subject = self.get_object(self.request, *args, **kwargs)
        except ObjectDoesNotExist as exc:
            raise Http404("No such feed.") from exc
        etag, last_modified = self.validators(self.subject)
        timestamp = int(last_modified.timestamp()) if last_modified is not None else None
        response = get_conditional_response(self.request, etag=etag, last_modified=timestamp)
        if response is None:
            feed = self.get_feed(self.subject, self.request)
            response = HttpResponse(content_type=feed.content_type)
            feed.write(response, "utf-8")
        response.headers["ETag"] = etag
        if timestamp is not None:
            response.headers["Last-Modified"] = http_date(timestamp)
        return response

    def validators(self, obj):
        versions = [tuple(row) for row in self.versions(obj)]
        subject, subject_changed = self.subject_version(obj)
        fingerprint = repr(
            (
                type(self).__name__,
                self.request.build_absolute_uri("/"),
                feed_size(),
                full_text(),
                subject,
                versions,
            )
        )
        etag = f'W/"{hashlib.sha256(fingerprint.encode()).hexdigest()[:32]}"'
        changes = [row[-1] for row in versions if row[-1] is not None]
        if subject_changed is not None:
            changes.append(subject_changed)
        last_modified = min(max(changes), timezone.now()) if changes else None
        return etag, last_modified

    def versions(self, obj):
        raise NotImplementedError

    def subject_version(self, obj):
        return (), None

    @cached_property
    def listings(self) -> Listings:
        return Listings(self.request)

    def author_name(self, obj):
        # The feed's author in Atom, for entries without a byline.
        return site_name()


class AtomFeedMixin:
    """The Atom 1.0 variant of a feed: Atom calls the description a subtitle."""

    feed_type = MediaAtomFeed

    def subtitle(self, obj):
        return self._get_dynamic_attr("description", obj)


class ArticleFeed(NewsdeskFeed):
    """Published articles, newest first. Subclasses narrow articles(obj)."""

    item_guid_is_permalink = False
    feed_type = MediaRssFeed

    def articles(self, obj):
        return ArticlePage.objects.published()

    def newest_articles(self, obj):
        return self.articles(obj).newest_first()

    def versions(self, obj):
        # The lead image and its credit are in the item (media_rss.py) but change apart from
        # the article: they are part of its version, the changed date last.
        credit = [f"image__credit__{name}" for name in ImageCredit.FIELDS]
        return (
            self.newest_articles(obj)
            .annotate(changed=ARTICLE_UPDATED)
            .values_list("pk", "image_id", *credit, "changed")[: feed_size()]
        )

    def items(self, obj):
        queryset = self.newest_articles(obj).prefetch_related(
            # Names only: the email is for the newsroom and must never reach a feed.
            Prefetch("authors", queryset=Author.objects.only("pk", "name")),
            "tags",
            "notes",  # corrections and updates move an item's updated date
        )
        articles = list(with_featured_images(queryset)[: feed_size()])
        attach_sections(articles)
        return articles

    def item_title(self, article):
        return article.title

    def item_link(self, article):
        return page_url(self.request, article) or self.request.build_absolute_uri("/")

    def item_guid(self, article):
        return tag_uri(self.request, "article", article.pk)

    def item_description(self, article):
        if full_text():
            body = render_body(self.request, article)
            if body.strip():
                return body
        return escape(article.excerpt)

    def item_pubdate(self, article):
        return article.date

    def item_updateddate(self, article):
        return article.modified

    def item_author_name(self, article):
        names = [author.name for author in article.authors.all()]
        if len(names) > 1:
            return f"{', '.join(names[:-1])} and {names[-1]}"
        return names[0] if names else None

    def item_categories(self, article):
        section = article.__dict__.get("section")
        tags = [tag.name for tag in article.tags.all()]
        return ([section.title] if section is not None else []) + tags

    def item_extra_kwargs(self, article):
        # The lead image's credit and licence, as Media RSS elements (media_rss.py).
        return {"image_credit": credit_of(article.image)}

    def item_enclosures(self, article):
        image = featured_image(self.request, article)
        if image is None:
            return []
        return [Enclosure(image.url, str(image.length), image.mime_type)]


class SiteFeed(ArticleFeed):
    def title(self, obj):
        return site_name()

    def link(self, obj):
        home = self.listings.home
        return (page_url(self.request, home) if home else None) or "/"

    def description(self, obj):
        home = self.listings.home
        return (home.intro if home else "") or f"The latest articles from {site_name()}."

    def subject_version(self, obj):
        home = self.listings.home
        if home is None:
            return (), None
        return (home.pk, home.intro), home.last_published_at


class SectionFeed(ArticleFeed):
    """A section's articles: filed there, or there as a further section."""

    def get_object(self, request, slug):
        section = SectionPage.objects.published().filter(slug=slug).order_by("path").first()
        if section is None:
            raise SectionPage.DoesNotExist
        return section

    def articles(self, section):
        return ArticlePage.objects.published().in_section(section)

    def title(self, section):
        return f"{site_name()} – {section.title}"

    def link(self, section):
        return page_url(self.request, section) or "/"

    def description(self, section):
        return section.description or f"The latest articles in {section.title}."

    def subject_version(self, section):
        return (section.pk, section.title, section.description), section.last_published_at


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return Tag.objects.get(slug=slug)

    def articles(self, tag):
        return ArticlePage.objects.published().tagged(tag)

    def title(self, tag):
        return f"{site_name()} – Tag: {tag.name}"

    def link(self, tag):
        return self.listings.tag_url(tag) or "/"

    def description(self, tag):
        return f"The latest articles tagged “{tag.name}”."

    def subject_version(self, tag):
        return (tag.pk, tag.name), None


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return Author.objects.only("pk", "name", "slug", "bio").get(slug=slug)

    def articles(self, author):
        return ArticlePage.objects.published().by_author(author)

    def title(self, author):
        return f"{site_name()} – {author.name}"

    def link(self, author):
        return self.listings.author_url(author) or "/"

    def description(self, author):
        return author.bio or f"The latest articles by {author.name}."

    def subject_version(self, author):
        return (author.pk, author.name, author.bio), None


class CommentsFeed(NewsdeskFeed):
    """An article's approved comments, newest first: the commenter's name, never the email."""

    item_guid_is_permalink = False

    def get_object(self, request, article_id):
        return ArticlePage.objects.published().get(pk=article_id)

    def comments(self, article):
        return (
            Comment.objects.approved()
            .public_fields()
            .filter(page=article)
            .order_by("-created_at", "-pk")
        )

    def versions(self, article):
        return self.comments(article).values_list("pk", "created_at")[: feed_size()]

    def items(self, article):
        return self.comments(article)[: feed_size()]

    def subject_version(self, article):
        return (article.pk, article.title), article.last_published_at

    @cached_property
    def article_url(self):
        return page_url(self.request, self.subject) or self.request.build_absolute_uri("/")

    def title(self, article):
        return f"{site_name()} – Comments on “{article.title}”"

    def link(self, article):
        return self.article_url

    def description(self, article):
        return f"Reader comments on “{article.title}”."

    def item_title(self, comment):
        return f"{comment.author_name} on “{self.subject.title}”"

    def item_link(self, comment):
        return f"{self.article_url}#comment-{comment.pk}"

    def item_guid(self, comment):
        return tag_uri(self.request, "comment", comment.pk)

    def item_description(self, comment):
        return linebreaks(comment.body, autoescape=True)

    def item_author_name(self, comment):
        return comment.author_name

    def item_pubdate(self, comment):
        return comment.created_at


class SiteAtomFeed(AtomFeedMixin, SiteFeed):
    pass


class SectionAtomFeed(AtomFeedMixin, SectionFeed):
    pass


class TagAtomFeed(AtomFeedMixin, TagFeed):
    pass


class AuthorAtomFeed(AtomFeedMixin, AuthorFeed):
    pass


class CommentsAtomFeed(AtomFeedMixin, CommentsFeed):
    pass
