"""Feeds, sitemaps and robots.txt, at the site's root."""

from django.urls import path

from . import feeds, robots, sitemaps

app_name = "syndication"


def feed_urls(prefix: str, name: str, rss: feeds.NewsdeskFeed, atom: feeds.NewsdeskFeed):
    """The RSS feed at <prefix> and its Atom twin at <prefix>atom/."""
    return [
        path(prefix, rss, name=f"{name}_feed"),
        path(f"{prefix}atom/", atom, name=f"{name}_atom"),
    ]


urlpatterns = [
    *feed_urls("feed/", "site", feeds.SiteFeed(), feeds.SiteAtomFeed()),
    *feed_urls("feed/section/<str:slug>/", "section", feeds.SectionFeed(), feeds.SectionAtomFeed()),
    *feed_urls("feed/tag/<str:slug>/", "tag", feeds.TagFeed(), feeds.TagAtomFeed()),
    *feed_urls("feed/author/<str:slug>/", "author", feeds.AuthorFeed(), feeds.AuthorAtomFeed()),
    *feed_urls(
        "feed/comments/<int:article_id>/",
        "comments",
        feeds.CommentsFeed(),
        feeds.CommentsAtomFeed(),
    ),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:name>.xml", sitemaps.sitemap, name="sitemap"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
]
