"""Test data factories for plain pages."""

import factory
import wagtail_factories

from newsdesk.articles.models import HomePage

from .models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    """A live plain page under the home page (or `parent`); Wagtail makes the slug from
    the title."""

    title = factory.Sequence(lambda n: f"Page {n}")
    parent = factory.LazyFunction(lambda: HomePage.objects.get())

    class Meta:
        model = StandardPage
