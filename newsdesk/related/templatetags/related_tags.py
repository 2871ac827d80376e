from django import template

from newsdesk.articles.models import ArticlePage
from newsdesk.related.choice import related_choice
from newsdesk.related.placement import BodyPart, body_with_related_boxes

register = template.Library()


@register.simple_tag
def body_parts(article: ArticlePage) -> list[BodyPart]:
    """{% body_parts page as parts %}: the article's body blocks with the "Other Topics of
    Interest" boxes placed (see newsdesk/related/placement.py): each part has either a
    `block` to render or a `related` article to show in a box (related/box.html)."""
    return body_with_related_boxes(article)


@register.inclusion_tag("related/list.html")
def related_list(article: ArticlePage) -> dict[str, object]:
    """{% related_list page %}: the "Related" list after the body (newsdesk/related/choice.py),
    read with the same query as the automatic box; nothing when the list is empty."""
    return {"articles": related_choice(article).listed}
