"""/robots.txt: crawl everything but the admin and the comment form's target; name the
sitemap index and the news sitemap."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe


def disallowed_paths() -> list[str]:
    comment_post = reverse("comments:post", kwargs={"page_id": 0})
    return [
        reverse("wagtailadmin_home"),
        # /comments/post/<page_id>/ without the id: the whole prefix.
        comment_post[: comment_post.rindex("/0/") + 1],
    ]


@require_safe
def robots_txt(request):
    absolute = request.build_absolute_uri
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed_paths()),
        "",
        f"Sitemap: {absolute(reverse('syndication:sitemap_index'))}",
        f"Sitemap: {absolute(reverse('syndication:news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
