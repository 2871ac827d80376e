from django.conf import settings

from .models import HomePage, SectionPage


def site_chrome(request):
    """The site name and section navigation shown on every public page."""
    if request.path.startswith("/admin/"):
        return {}
    home = HomePage.objects.live().first()
    sections = SectionPage.objects.published().order_by("path") if home else []
    return {"site_name": settings.WAGTAIL_SITE_NAME, "home": home, "nav_sections": sections}
