"""Letting the hot path keep answers of plain Django views (feeds, sitemaps) as it keeps
listing pages: whole, with validators, dropped at the next publish like every cached page."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase

from .hotpath import CANDIDATE, LISTING, PAGE

View = Callable[..., HttpResponseBase]


def keep_whole(request: HttpRequest) -> None:
    """Mark this request's answer as keepable, from inside a view that decides per answer
    (search keeps its results, not a page saying the search failed)."""
    if CANDIDATE in request.META:
        request.META[PAGE] = (LISTING, 0)


def kept_whole(view: View) -> View:
    """Mark a view's anonymous GET answers as keepable (the hot path still refuses personal,
    non-200 or compressed ones). Only for answers that change when something is published."""

    @wraps(view)
    def marked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        keep_whole(request)
        return response

    return marked
