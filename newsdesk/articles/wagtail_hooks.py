from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import Author, SectionPage

register_snippet(Author)


@hooks.register("before_delete_page")
def keep_default_section(request, page):
    """ "Uncategorized" holds every article given no section, so it cannot be deleted."""
    if isinstance(page.specific, SectionPage) and page.specific.is_default:
        messages.error(request, "The default section cannot be deleted; rename it instead.")
        return redirect("wagtailadmin_explore", page.get_parent().id)
    return None
