"""The content model: home, sections, articles and authors."""

from __future__ import annotations

from functools import cached_property

from django import forms
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from . import search_values
from .banner import BreakingNews  # noqa: F401 (a model of this app, in its own module)
from .blocks import ArticleBodyBlock
from .image_credits import ImageCredit  # noqa: F401 (likewise)
from .listings import (
    attach_sections,
    paginate_listing,
    paginate_notes,
    section_blocks,
    thumbnail_renditions,
)
from .metadata import (
    ARTICLE,
    FRONT,
    LISTING,
    Correction,
    PageMetadata,
    Person,
    first_text,
    listing_metadata,
    site_name,
    url_of,
)
from .visibility import PublishedPageQuerySet

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
        return (home.listing_url("author", self.slug) if home else None) or ""


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageQuerySet(PublishedPageQuerySet):
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

    def for_listing(self):
        """Newest first; paginate_listing() adds the comment counts of the page shown (counting
        them here would join every comment of the archive before a page is cut)."""
        # Listings never show the body: leaving it out keeps the rows sorted small.
        return self.published().select_related("image").defer("body").newest_first()


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class HomePage(RoutablePageMixin, Page):
    """The front page; also answers the tag and author listings."""

    intro = models.TextField(blank=True, help_text="A line under the site name.")
    lead_story = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The top story of the front page. Left empty: the latest story leads.",
    )

    content_panels = Page.content_panels + ["intro", PageChooserPanel("lead_story")]
    subpage_types = ["articles.SectionPage", "pages.StandardPage"]
    max_count = 1

    objects = PageManager.from_queryset(PublishedPageQuerySet)()

    @path("")
    def front(self, request):
        featured_first = ("-featured", "-publication_date", "-pk")
        listing = ArticlePage.objects.for_listing().order_by(*featured_first)
        articles = paginate_listing(request, listing)
        context = {"articles": articles}
        # The lead and the blocks on the front page itself, not on a page number clamped to 1.
        if request.GET.get("page", "1") in ("", "1"):
            context.update(self.front_blocks(listing))
        return self.render(request, context_overrides=context)

    def front_blocks(self, listing) -> dict:
        """The lead story (the editor's pick when it is published, else the first of the
        listing) and the section blocks under it: a fixed number of queries however many
        sections there are."""
        # The images come by prefetch with their renditions, not by join (for_listing).
        with_thumbs = listing.select_related(None).prefetch_related(thumbnail_renditions())
        lead = None
        if self.lead_story_id is not None:
            lead = with_thumbs.filter(pk=self.lead_story_id).first()
        lead = lead or with_thumbs.first()
        sections = list(SectionPage.objects.published().child_of(self).order_by("path"))
        exclude = []
        if lead is not None:
            exclude.append(lead.pk)
            by_path = {section.path: section for section in sections}
            lead.__dict__["section"] = by_path.get(lead.path[: -Page.steplen])
            if lead.section is None:  # under a section not shown (e.g. unpublished)
                del lead.__dict__["section"]
        blocks = section_blocks(self, sections, with_thumbs, exclude)
        return {"lead": lead, "section_blocks": blocks}

    @path("tags/<str:slug>/", name="tag")
    def tag_listing(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        articles = paginate_listing(request, ArticlePage.objects.for_listing().tagged(tag))
        return self.render(
            request,
            template="articles/tag_page.html",
            context_overrides={"tag": tag, "articles": articles},
        )

    @path("corrections/", name="corrections")
    def corrections_log(self, request):
        """The public corrections log: every correction on a published article, newest
        first, with a link to the article (one query, paginated like the other listings)."""
        notes = ArticleNote.objects.corrections_log()
        return self.render(
            request,
            template="articles/corrections_page.html",
            context_overrides={"notes": paginate_notes(request, notes)},
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
        context["sections"] = SectionPage.objects.published().child_of(self)
        return context

    def listing_url(self, route: str, slug: str, request=None, *, full=False) -> str | None:
        """The URL of a tag or author listing (`route` "tag" or "author"): the home page's
        URL as `get_url(request)` gives it (`get_full_url` with full=True), then the route.
        None when no site serves the home page."""
        base = self.get_full_url(request) if full else self.get_url(request)
        return base + self.reverse_subpage(route, args=[slug]) if base else None

    def metadata(self, request, *, home=None, listing=None, tag=None, author=None):
        """The front page, or the tag or author listing it shows (see articles/metadata.py)."""
        match = getattr(request, "routable_resolver_match", None)
        if tag is None and author is None and getattr(match, "url_name", "") != "corrections":
            return self.front_metadata(request, listing)
        if tag is not None:
            url, title = self.listing_url("tag", tag.slug, request), f"Tag: {tag.name}"
            description = first_text(f"Articles tagged “{tag.name}” in {site_name()}.")
        elif author is not None:
            url, title = self.listing_url("author", author.slug, request), author.name
            description = first_text(author.bio, f"Articles by {author.name} in {site_name()}.")
        else:
            base = self.get_url(request)
            url = base + self.reverse_subpage("corrections") if base else None
            title, description = "Corrections", f"Every correction made in {site_name()}."
        home_url = self.get_url(request)
        return listing_metadata(
            request,
            kind=LISTING,
            title=title,
            description=description,
            url=url,
            listing=listing,
            crumbs=[(site_name(), home_url), (title, url)],
            home_url=home_url,
        )

    def front_metadata(self, request, listing=None):
        home_url = self.get_url(request)
        return listing_metadata(
            request,
            kind=FRONT,
            title=self.seo_title or site_name(),
            description=first_text(
                self.search_description, self.intro, f"The latest news from {site_name()}."
            ),
            url=home_url,
            listing=listing,
            crumbs=[(site_name(), home_url)],
            home_url=home_url,
        )


class SectionPageQuerySet(PublishedPageQuerySet):
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

    def metadata(self, request, *, home=None, listing=None, tag=None, author=None):
        """The section's listing (see articles/metadata.py)."""
        home = home if home is not None else HomePage.objects.live().first()
        home_url = url_of(home, request)
        url = self.get_url(request)
        return listing_metadata(
            request,
            kind=LISTING,
            title=self.seo_title or self.title,
            description=first_text(
                self.search_description,
                self.description,
                getattr(home, "intro", ""),
                f"{self.title}: the latest articles from {site_name()}.",
            ),
            url=url,
            listing=listing,
            crumbs=[(site_name(), home_url), (self.title, url)],
            home_url=home_url,
        )

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
    # Per use, not per image: the same photo may need other words in another story.
    image_caption = models.CharField(
        "lead image caption", max_length=255, blank=True, help_text="Shown under the lead image."
    )
    image_alt = models.CharField(
        "lead image alt text",
        max_length=255,
        blank=True,
        help_text="Describes the lead image for screen readers; defaults to the caption, then "
        "to the image's own description.",
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
        MultiFieldPanel(["image", "image_caption", "image_alt"], heading="Lead image"),
        "body",
        InlinePanel("notes", heading="Corrections and updates", label="note"),
        MultiFieldPanel(
            [
                # Tick boxes, not a <select multiple> that needs Ctrl-click to pick several.
                FieldPanel("authors", widget=forms.CheckboxSelectMultiple),
                "tags",
                FieldPanel("further_sections", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Filing",
        ),
    ]
    settings_panels = Page.settings_panels + [
        FieldPanel("publication_date"),
        FieldPanel("comments_open"),
        FieldPanel("featured"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("excerpt"),
        # Read once per indexed save, not once per index column (search_values.py).
        search_values.SearchField("body"),
        # Found by a search for a tag or a byline (see newsdesk/search).
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.FilterField("publication_date"),
    ]
    parent_page_types = ["articles.SectionPage"]
    subpage_types: list[str] = []

    objects = ArticlePageManager()

    @classmethod
    def get_indexed_objects(cls):
        # modelsearch prefetches the search fields' relations, except a
        # ParentalManyToManyField: without this, indexing read each article's bylines once
        # per index column (every indexing path: the import, update_index, a publish).
        return super().get_indexed_objects().prefetch_related("authors")

    @property
    def lead_image_alt(self) -> str:
        """The lead image's alt text: the article's own, else its caption, else the image's
        description; never the title, which Wagtail takes from the file name."""
        description = self.image.description if self.image else ""
        return self.image_alt or self.image_caption or description

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

    @cached_property
    def note_list(self) -> list[ArticleNote]:
        """The article's correction and update notes, read once per page object (the page,
        its metadata and the feeds, which prefetch them, all read this list)."""
        return list(self.notes.all())

    @property
    def modified(self):
        """When the article last changed for a reader: its date, its last publication or its
        latest correction or update note, whichever is latest (JSON-LD and the feeds)."""
        notes = [note.date for note in self.note_list]
        return max(filter(None, [self.date, self.last_published_at, *notes]), default=None)

    def notes_at(self, position: str) -> list[ArticleNote]:
        """The correction and update notes shown at the "top" or "bottom", oldest first."""
        return sorted(
            (note for note in self.note_list if note.position == position),
            key=lambda note: note.date,
        )

    def save(self, *args, **kwargs):
        self.fill_publication_date()
        super().save(*args, **kwargs)

    def fill_publication_date(self) -> None:
        """A live article without a publication date takes its first publication's (what
        every save does; bulk writers that bypass save() call it themselves)."""
        if self.live and self.publication_date is None:
            self.publication_date = self.first_published_at or timezone.now()

    def update_aliases(self, *args, **kwargs):
        # Every publish calls this, and Wagtail serialises the whole page and runs a join
        # sorted by path before it knows whether any alias exists: on SQLite, whose
        # statistics count the NULLs of alias_of as one value, that join scans the tree
        # (about 100 ms a publish at 100,000 articles). An indexed look first: most
        # articles have no alias.
        if Page.objects.filter(alias_of_id=self.pk).exists():
            super().update_aliases(*args, **kwargs)

    @classmethod
    def add_to_section(cls, article: ArticlePage, section: SectionPage | None = None):
        """File a new article under its section, or "Uncategorized" when given none."""
        return (section or SectionPage.get_default()).add_child(instance=article)

    # "More from <section>" at the end of an article: how many of the section's latest.
    MORE_FROM_SECTION = 4

    def more_from_section(self) -> list[ArticlePage]:
        """The section's latest articles but this one, with their sections (two queries)."""
        section = self.section
        if section is None:
            return []
        listing = ArticlePage.objects.for_listing().in_section(section).exclude(pk=self.pk)
        articles = list(listing[: self.MORE_FROM_SECTION])
        attach_sections(articles)
        return articles

    def neighbours_in_section(self) -> tuple[ArticlePage | None, ArticlePage | None]:
        """(previous, next): the section's articles just older and just newer than this one,
        in the listings' order (publication date, then id); one query each."""
        section, date = self.section, self.publication_date
        if section is None or date is None:
            return None, None
        others = ArticlePage.objects.published().in_section(section).defer("body")
        older = Q(publication_date__lt=date) | Q(publication_date=date, pk__lt=self.pk)
        newer = Q(publication_date__gt=date) | Q(publication_date=date, pk__gt=self.pk)
        previous = others.filter(older).order_by("-publication_date", "-pk").first()
        following = others.filter(newer).order_by("publication_date", "pk").first()
        return previous, following

    def placed_related_ids(self) -> set[int]:
        """The ids the body's editor-placed "related" boxes point at (no query)."""
        return {
            int(block["value"]["article"])
            for block in self.body.raw_data
            if block["type"] == "related"
            and isinstance(block["value"], dict)
            and block["value"].get("article")
        }

    def visible_related_targets(self) -> dict[int, ArticlePage]:
        """The articles the body's editor-placed "related" boxes point at that readers may
        see (published, and not this article), by id: one query for all the boxes."""
        ids = self.placed_related_ids()
        if not ids:
            return {}
        return ArticlePage.objects.published().exclude(pk=self.pk).in_bulk(ids)

    def get_context(self, request, *args, **kwargs):
        """The template context. Keyword arguments given to `serve()` reach the template under
        their own names, so that a capability app's view can show the article with something
        of its own: `article.serve(request, poll_form=form)` gives the template `poll_form`
        (docs/structure.md)."""
        context = super().get_context(request, *args, **kwargs)
        context["top_notes"] = self.notes_at(ArticleNote.TOP)
        context["bottom_notes"] = self.notes_at(ArticleNote.BOTTOM)
        context.update(kwargs)
        return context

    def bylines(self, request, home: HomePage | None) -> list[Person]:
        """The authors with the URLs of their listings."""
        return [
            Person(a.name, home.listing_url("author", a.slug, request) if home else None, a.website)
            for a in self.authors.all()
        ]

    def metadata(self, request, *, home=None, listing=None, tag=None, author=None):
        """The article's facts for its <head> (see articles/metadata.py)."""
        home = home if home is not None else HomePage.objects.live().first()
        home_url = url_of(home, request)
        url = self.get_url(request)
        section = self.section
        crumbs = [(site_name(), home_url)]
        if section is not None:
            crumbs.append((section.title, section.get_url(request)))
        return PageMetadata(
            kind=ARTICLE,
            title=self.seo_title or self.title,
            description=first_text(
                self.search_description,
                self.excerpt,
                getattr(section, "description", ""),
                getattr(home, "intro", ""),
            ),
            url=url,
            home_url=home_url,
            headline=self.headline,
            image=self.image,
            published=self.date,
            modified=self.modified,
            corrections=[
                Correction(note.date, note.text)
                for note in self.note_list
                if note.kind == ArticleNote.CORRECTION
            ],
            section=section.title if section is not None else None,
            authors=self.bylines(request, home),
            tags=[each.name for each in self.tags.all()],
            breadcrumbs=[*crumbs, (self.title, url)],
        )


class ArticleNoteQuerySet(models.QuerySet):
    def corrections_log(self):
        """Corrections on published articles, newest first, with their articles."""
        published = ArticlePage.objects.published().values("pk")
        return (
            self.filter(kind=ArticleNote.CORRECTION, article__in=published)
            .select_related("article")
            .order_by("-date", "-pk")
        )


class ArticleNote(Orderable):
    """A dated correction or update an editor adds to an article, shown at its top or bottom;
    corrections are also listed in the public corrections log (/corrections/)."""

    CORRECTION, UPDATE = "correction", "update"
    KINDS = [(CORRECTION, "Correction"), (UPDATE, "Update")]
    TOP, BOTTOM = "top", "bottom"
    POSITIONS = [(TOP, "Top of the article"), (BOTTOM, "Bottom of the article")]

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=20, choices=KINDS, default=CORRECTION)
    date = models.DateTimeField(default=timezone.now)
    text = models.TextField(help_text="What was wrong and what is right now, in plain text.")
    position = models.CharField(max_length=10, choices=POSITIONS, default=TOP)

    panels = ["kind", "date", "text", "position"]

    objects = ArticleNoteQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = "correction or update"

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date:%Y-%m-%d})"
