"""Letting the hot path keep answers of plain Django views (feeds, sitemaps) as it keeps
listing pages: whole, with validators, dropped at the next publish like every cached page."""

from functools import wraps

from .hotpath import CANDIDATE, LISTING, PAGE


def kept_whole(view):
    """Mark a view's anonymous GET answers as keepable (the hot path still refuses personal,
    non-200 or compressed ones). Only for answers that change when something is published."""

    @wraps(view)
    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if CANDIDATE in request.META:
            request.META[PAGE] = (LISTING, 0)
        return response

    return marked
