"""What the run loads: the benchmarked article and the URLs of every row."""

from __future__ import annotations

import html
from dataclasses import dataclass

from django.urls import reverse
from taggit.models import Tag

from newsdesk.articles.models import ArticlePage, Author, HomePage, SectionPage

from . import content
from .builder import bench_article_number

SEARCH_QUERY = "bridge plan"
# The query of the "search repeated" row: a breaking-news term everyone asks again and again.
REPEATED_SEARCH_QUERY = "harbour dredging"


def search_words() -> list[str]:
    """Words of the built articles' headlines, text and tags: the "search distinct" row pairs
    them into queries (most pairs find articles, a few find none, as readers' do)."""
    text = " ".join(content.SUBJECTS + content.VERBS + content.OBJECTS + content.TAG_WORDS)
    words = (text + " " + content.PROSE).lower().replace("-", " ").split()
    return sorted({word for word in words if len(word) > 2 and word.isalpha()})


@dataclass
class Targets:
    article_id: int
    article_path: str
    headline_html: str  # the headline as the page's HTML holds it
    home: str
    section: str
    tag: str
    author: str
    search: str
    search_repeated: str
    feed: str
    sitemap_index: str
    sitemap_page: str
    comment_post: str

    def main_rows(self) -> list[tuple[str, str]]:
        return [
            ("home", self.home),
            ("section", self.section),
            ("tag", self.tag),
            ("search", self.search),
            ("feed", self.feed),
        ]

    def listing_rows(self) -> list[tuple[str, str]]:
        """Listing pages far back in the archive, and the sitemaps (p50 is what matters)."""
        return [
            ("home page 500", f"{self.home}?page=500"),
            ("section page 500", f"{self.section}?page=500"),
            ("tag page 500", f"{self.tag}?page=500"),
            ("author page 1", self.author),
            ("author page 500", f"{self.author}?page=500"),
            ("sitemap index", self.sitemap_index),
            ("sitemap urlset", self.sitemap_page),
        ]


def load(articles: int) -> Targets:
    headline = content.headline(bench_article_number(articles))
    article = ArticlePage.objects.get(title=headline)
    home = HomePage.objects.get()
    section = SectionPage.objects.get(title=content.SECTIONS[0])
    tag = Tag.objects.get(name=content.tag_names(1)[0])
    author = Author.objects.get(name=content.author_names(1)[0])
    return Targets(
        article_id=article.pk,
        article_path=article.get_url(),
        headline_html=html.escape(headline),
        home=home.get_url(),
        section=section.get_url(),
        tag=home.listing_url("tag", tag.slug),
        author=home.listing_url("author", author.slug),
        search=f"{reverse('search:index')}?q={SEARCH_QUERY.replace(' ', '+')}",
        search_repeated=f"{reverse('search:index')}?q={REPEATED_SEARCH_QUERY.replace(' ', '+')}",
        feed=reverse("syndication:site_feed"),
        sitemap_index=reverse("syndication:sitemap_index"),
        sitemap_page=reverse("syndication:sitemap", kwargs={"name": "articles"}),
        comment_post=reverse("comments:post", args=[article.pk]),
    )
