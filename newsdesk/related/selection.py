"""Picking the article most related to another one."""

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from newsdesk.articles.models import ArticlePage


def related_candidates(article: ArticlePage) -> QuerySet[ArticlePage]:
    """Other published articles, most related first: shared tags, same section, then newest."""
    # Iterating (not values_list) also works on the in-memory tags of a preview.
    tag_ids = [tag.pk for tag in article.tags.all()]
    parent_path = article.path[: -ArticlePage.steplen] if article.path else ""
    return (
        ArticlePage.objects.published()
        .exclude(pk=article.pk)
        .annotate(
            shared_tags=Count(
                "tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True
            ),
            same_section=Case(
                When(path__startswith=parent_path, depth=article.depth, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-shared_tags", "-same_section", "-publication_date", "-pk")
    )


def most_related(article: ArticlePage) -> ArticlePage | None:
    """The single best related article, or None when there is no other published one."""
    return related_candidates(article).first()
