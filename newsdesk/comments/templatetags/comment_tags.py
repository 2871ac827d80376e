from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.safestring import SafeString
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.comments.context import comments_context
from newsdesk.comments.models import Comment
from newsdesk.comments.text import render_comment_html, render_comment_text

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context: template.Context, page: ArticlePage) -> dict[str, Any]:
    """{% comments_section page %}: the approved comments, threaded, and the "Leave a Reply"
    form. A post that failed shows the article again with its form, passed to the page's
    serve() as `comment_form` (comments/views.py), so it keeps what was typed."""
    request = context["request"]  # every page is rendered with its request
    section = comments_context(request, page, context.get("comment_form"))
    return {**section, "page": page, "request": request}


@register.simple_tag
def comment_counts(articles: Iterable[Page]) -> dict[int, int]:
    """{% comment_counts articles as counts %}: approved comments of each listed article, in
    one query; `{{ counts|count_for:article }}` then reads one."""
    return Comment.objects.approved_counts(article.pk for article in articles)


@register.filter
def count_for(counts: dict[int, int], article: Page) -> int:
    return counts.get(article.pk, 0)


@register.filter
def comment_text(text: str) -> SafeString:
    """Plain comment text as safe HTML: escaped, paragraphs kept, URLs linked."""
    return render_comment_text(text)


@register.filter
def comment_body(comment: Comment) -> SafeString:
    """A comment's text as safe HTML: its imported markup if it has some, else its plain
    text (`comment_text`)."""
    if comment.body_html:
        return render_comment_html(comment.body_html)
    return render_comment_text(comment.body)
