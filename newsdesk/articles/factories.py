"""Test data factories for the content model (used by every app's tests)."""

import factory
import wagtail_factories
from django.utils.text import slugify
from wagtail.models import PageViewRestriction

from .models import ArticlePage, Author, HomePage, SectionPage


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    email = factory.LazyAttribute(lambda obj: f"{obj.slug}@newsroom.example")

    class Meta:
        model = Author


class SectionFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")
    parent = factory.LazyFunction(lambda: HomePage.objects.get())

    class Meta:
        model = SectionPage


class ArticleFactory(wagtail_factories.PageFactory):
    """A live article; `parent` defaults to the "Uncategorized" section."""

    title = factory.Sequence(lambda n: f"Article number {n}")
    excerpt = factory.LazyAttribute(lambda obj: f"What happened in {obj.title}.")
    parent = factory.LazyFunction(SectionPage.get_default)
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", "<p>First paragraph.</p>"),
            ("paragraph", "<p>Second paragraph.</p>"),
            ("paragraph", "<p>Third paragraph.</p>"),
            ("paragraph", "<p>Fourth paragraph.</p>"),
        ]
    )

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)
            self.save()


class PageViewRestrictionFactory(factory.django.DjangoModelFactory):
    """A password on `page` (and the pages below it) through Wagtail's privacy setting;
    `login=True` for "private, signed-in users only"."""

    page = factory.SubFactory(ArticleFactory)
    restriction_type = PageViewRestriction.PASSWORD
    password = "letmein"

    class Meta:
        model = PageViewRestriction

    class Params:
        login = factory.Trait(restriction_type=PageViewRestriction.LOGIN, password="")
