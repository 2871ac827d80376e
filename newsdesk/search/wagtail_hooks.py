"""Synonym sets in the Wagtail admin: a "Search synonyms" menu item for editors."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymSet


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    icon = "search"
    menu_label = "Search synonyms"
    menu_name = "search-synonyms"
    menu_order = 350
    add_to_admin_menu = True
    list_display = ["name", "terms_display"]
    search_fields = ["name", "terms"]
    search_backend_name = None  # a plain database filter: the sets are few and not indexed
    ordering = ["name"]


register_snippet(SynonymSetViewSet)
