import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Page

from newsdesk.comments.models import Comment

Status = Comment.Status


def _commented_pages(request: HttpRequest) -> QuerySet[Page]:
    return Page.objects.filter(comments__isnull=False).distinct().order_by("title")


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    page = django_filters.ModelChoiceFilter(
        label=_("Article"), queryset=_commented_pages, empty_label=_("All articles")
    )

    class Meta:
        model = Comment
        fields = ["status", "page"]


SEARCH_FIELDS = ["author_name", "author_email", "body"]


def filter_like_listing(queryset: QuerySet[Comment], listing_query: str) -> QuerySet[Comment]:
    """The comments a listing URL's query string (filters and search) selects."""
    params = QueryDict(listing_query)
    filters = CommentFilterSet(params, queryset=queryset)
    if filters.is_valid():
        queryset = filters.qs
    if search := params.get("q", "").strip():
        condition = Q()
        for field in SEARCH_FIELDS:
            condition |= Q(**{f"{field}__icontains": search})
        queryset = queryset.filter(condition)
    return queryset
