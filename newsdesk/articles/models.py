"""The content model: home, sections, articles and authors."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from .blocks import ArticleBodyBlock
from .visibility import only_public

DEFAULT_SECTION_TITLE = "Uncategorized"


class Author(index.Indexed, models.Model):
    """A byline. The email is for the newsroom only and never shown on the site."""

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    bio = models.TextField(blank=True)
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True, help_text="Private: never shown on the site.")
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = ["name", "slug", "bio", "website", "email", "image"]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True) or "author"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        home = HomePage.objects.live().first()
        return home.url + home.reverse_subpage("author", args=[self.slug]) if home else ""


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageQuerySet(PageQuerySet):
    def published(self):
        """What readers may see: live and not behind a privacy restriction."""
        return only_public(self.live())

    def newest_first(self):
        return self.order_by("-publication_date", "-pk")

    def in_section(self, section: SectionPage):
        """Articles filed under the section, as their main section or a further one."""
        # A join would need DISTINCT, which sorts the whole archive (seconds at 100,000).
        further = ArticlePage.further_sections.through.objects.filter(sectionpage=section)
        return self.filter(
            Q(path__startswith=section.path, depth=section.depth + 1)
            | Q(pk__in=further.values("articlepage_id"))
        )

    # Subqueries rather than joins, here and in in_section: the database then reads the
    # listing along the date index and stops after the page shown, instead of sorting every
    # article with the tag (or byline) first.
    def tagged(self, tag: Tag):
        return self.filter(
            pk__in=ArticlePageTag.objects.filter(tag=tag).values("content_object_id")
        )

    def by_author(self, author: Author):
        byline = ArticlePage.authors.through.objects.filter(author=author)
        return self.filter(pk__in=byline.values("articlepage_id"))

    def with_comment_counts(self):
        return self.annotate(
            approved_comment_count=Count(
                "comments", filter=Q(comments__status="approved"), distinct=True
            )
        )

    def for_listing(self):
        """Newest first; paginate_listing() adds the comment counts of the page shown (counting
        them here would join every comment of the archive before a page is cut)."""
        # Listings never show the body: leaving it out keeps the rows sorted small.
        return self.published().select_related("image").defer("body").newest_first()


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ListingPaginator(Paginator):
    """Cuts the page from the ids alone, then reads the full rows of that page only: sorting
    20,000 tagged articles' ids is cheap, sorting their whole rows is not (page 500 of a
    listing at 100,000 articles: milliseconds instead of a second)."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(list(self.object_list.filter(pk__in=ids)), number, self)


def paginate(request, queryset, per_page=None):
    """One page of a listing, with the section of each article attached (one query)."""
    paginator = Paginator(queryset, per_page or settings.NEWSDESK_LISTING_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    attach_sections(page.object_list)
    return page


def paginate_listing(request, queryset):
    """One page of a home, section, tag or author listing (the whole archive, newest first),
    with sections and comment counts attached."""
    paginator = ListingPaginator(queryset, settings.NEWSDESK_LISTING_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    attach_sections(page.object_list)
    attach_comment_counts(page.object_list)
    return page


def attach_sections(articles) -> None:
    """Set each article's section from its parent's tree path without a query per article."""
    articles = list(articles)
    parent_paths = {article.path[: -ArticlePage.steplen] for article in articles}
    sections = {s.path: s for s in SectionPage.objects.filter(path__in=parent_paths)}
    for article in articles:
        section = sections.get(article.path[: -ArticlePage.steplen])
        if section is not None:
            article.__dict__["section"] = section


def attach_comment_counts(articles) -> None:
    """Set `approved_comment_count` on each article of a listing page (one query)."""
    from newsdesk.comments.models import Comment

    articles = list(articles)
    counts = dict(
        Comment.objects.approved()
        .filter(page_id__in=[article.pk for article in articles])
        .values("page_id")
        .annotate(count=Count("pk"))
        .values_list("page_id", "count")
        .order_by()
    )
    for article in articles:
        article.approved_comment_count = counts.get(article.pk, 0)


class HomePage(RoutablePageMixin, Page):
    """The front page; also answers the tag and author listings."""

    intro = models.TextField(blank=True, help_text="A line under the site name.")

    content_panels = Page.content_panels + ["intro"]
    subpage_types = ["articles.SectionPage", "pages.StandardPage"]
    max_count = 1

    @path("")
    def front(self, request):
        featured_first = ("-featured", "-publication_date", "-pk")
        listing = ArticlePage.objects.for_listing().order_by(*featured_first)
        articles = paginate_listing(request, listing)
        return self.render(request, context_overrides={"articles": articles})

    @path("tags/<str:slug>/", name="tag")
    def tag_listing(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        articles = paginate_listing(request, ArticlePage.objects.for_listing().tagged(tag))
        return self.render(
            request,
            template="articles/tag_page.html",
            context_overrides={"tag": tag, "articles": articles},
        )

    @path("authors/<str:slug>/", name="author")
    def author_listing(self, request, slug):
        author = get_object_or_404(Author, slug=slug)
        articles = paginate_listing(request, ArticlePage.objects.for_listing().by_author(author))
        return self.render(
            request,
            template="articles/author_page.html",
            context_overrides={"author": author, "articles": articles},
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = only_public(SectionPage.objects.live().child_of(self))
        return context

    def tag_url(self, tag: Tag) -> str:
        return self.url + self.reverse_subpage("tag", args=[tag.slug])


class SectionPageQuerySet(PageQuerySet):
    def default(self):
        return self.filter(is_default=True)


class SectionPage(Page):
    """A section of the paper (a WordPress category). Articles live under their section."""

    description = models.TextField(blank=True)
    # The "Uncategorized" section that holds every article given no section; never deleted.
    is_default = models.BooleanField(default=False, editable=False)

    content_panels = Page.content_panels + ["description"]
    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    objects = PageManager.from_queryset(SectionPageQuerySet)()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate_listing(
            request, ArticlePage.objects.for_listing().in_section(self)
        )
        return context

    @classmethod
    def get_default(cls) -> SectionPage:
        """The "Uncategorized" section, created under the home page if it is missing."""
        section = cls.objects.default().first()
        if section is None:
            home = HomePage.objects.first()
            if home is None:
                raise LookupError("The site has no home page yet: run `newsdesk migrate`.")
            section = SectionPage(
                title=DEFAULT_SECTION_TITLE, slug="uncategorized", is_default=True
            )
            home.add_child(instance=section)
        return section


class ArticlePage(Page):
    """A news article. Its section is the SectionPage it lives under."""

    excerpt = models.TextField(
        blank=True, help_text="One or two sentences shown in listings and related boxes."
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Featured image, shown at the top and in listings.",
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    authors = ParentalManyToManyField(Author, blank=True, related_name="articles")
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    further_sections = ParentalManyToManyField(
        SectionPage,
        blank=True,
        related_name="further_articles",
        help_text="Other sections that also list this article.",
    )
    publication_date = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Shown as the article's date; set to the first publication when left empty.",
    )
    comments_open = models.BooleanField(default=True)
    # Shown before other articles where listings honour it (a WordPress "sticky" post).
    featured = models.BooleanField(default=False)

    content_panels = Page.content_panels + [
        "excerpt",
        "image",
        "body",
        MultiFieldPanel(["authors", "tags", "further_sections"], heading="Filing"),
    ]
    settings_panels = Page.settings_panels + [
        FieldPanel("publication_date"),
        FieldPanel("comments_open"),
        FieldPanel("featured"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("excerpt"),
        index.SearchField("body"),
        # Found by a search for a tag or a byline (see newsdesk/search).
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.FilterField("publication_date"),
    ]
    parent_page_types = ["articles.SectionPage"]
    subpage_types: list[str] = []

    objects = ArticlePageManager()

    class Meta:
        verbose_name = "article"
        indexes = [
            # The listings' orders (see HomePage.front and ArticlePageQuerySet.newest_first),
            # so that page 500 is read along an index instead of sorting the archive.
            models.Index(
                fields=["-featured", "-publication_date", "-page_ptr"], name="article_front_order"
            ),
            models.Index(fields=["-publication_date", "-page_ptr"], name="article_newest_order"),
        ]

    @property
    def headline(self) -> str:
        return self.title

    @cached_property
    def section(self) -> SectionPage | None:
        parent = self.get_parent()
        return parent.specific if parent is not None else None

    @property
    def date(self):
        return self.publication_date or self.first_published_at or self.latest_revision_created_at

    def save(self, *args, **kwargs):
        if self.live and self.publication_date is None:
            self.publication_date = self.first_published_at or timezone.now()
        super().save(*args, **kwargs)

    @classmethod
    def add_to_section(cls, article: ArticlePage, section: SectionPage | None = None):
        """File a new article under its section, or "Uncategorized" when given none."""
        return (section or SectionPage.get_default()).add_child(instance=article)

    def body_parts(self):
        """The body as a list of parts, related boxes resolved (see related.placement)."""
        from newsdesk.related.placement import body_with_related_boxes

        return body_with_related_boxes(self)

    def serve(self, request, *args, **kwargs):
        from newsdesk.pageviews.counting import counts_for_request

        kwargs.setdefault("view_counts", counts_for_request(request, self))
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, view_counts=None, comment_form=None, **kwargs):
        from newsdesk.comments.context import comments_context

        context = super().get_context(request, *args, **kwargs)
        context["view_counts"] = view_counts
        context.update(comments_context(request, self, comment_form))
        return context
