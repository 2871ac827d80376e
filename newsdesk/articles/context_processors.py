from django.conf import settings
from wagtail.models import Site

from .banner import BreakingNews
from .models import HomePage, SectionPage


def site_chrome(request):
    """The site name, section navigation and breaking-news banner of every public page."""
    if request.path.startswith("/admin/"):
        return {}
    home = HomePage.objects.live().first()
    sections = SectionPage.objects.published().order_by("path") if home else []
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "home": home,
        "nav_sections": sections,
        "breaking_news": BreakingNews.shown_on(Site.find_for_request(request)),
    }
