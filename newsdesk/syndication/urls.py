"""Feeds, sitemaps and robots.txt, at the site's root."""

from django.urls import path

from newsdesk.delivery.marking import kept_whole

from . import feeds, robots, sitemaps

app_name = "syndication"


def feed_urls(prefix: str, name: str, rss: feeds.NewsdeskFeed, atom: feeds.NewsdeskFeed):
    """The RSS feed at <prefix> and its Atom twin at <prefix>atom/; the hot path keeps both
    until the next publish or comment approval."""
    return [
        path(prefix, kept_whole(rss), name=f"{name}_feed"),
        path(f"{prefix}atom/", kept_whole(atom), name=f"{name}_atom"),
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
    path("sitemap.xml", kept_whole(sitemaps.sitemap_index), name="sitemap_index"),
    path("sitemap-<str:name>.xml", kept_whole(sitemaps.sitemap), name="sitemap"),
    # Not kept: its 48-hour window moves with the clock, not only with publishing.
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
]
