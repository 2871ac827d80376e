"""The public search page: /search/?q=…&section=…&from=…&to=…&page=…"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from newsdesk.articles.listings import paginate
from newsdesk.articles.models import ArticlePage
from newsdesk.delivery.marking import keep_whole

from .body import body_text
from .forms import SearchForm
from .query import MAX_PARTS, MAX_QUERY_LENGTH, Synonyms, parse
from .results import Filters, filtered_articles, search_articles
from .text import Highlighter

logger = logging.getLogger(__name__)


@dataclass
class Hit:
    article: ArticlePage
    headline: SafeString
    snippet: SafeString


def snippet_texts(article: ArticlePage) -> Iterator[str]:
    """Where a snippet comes from: the excerpt, then the body (read only if needed)."""
    yield article.excerpt
    yield body_text(article)


@require_safe
def search(request: HttpRequest) -> TemplateResponse:
    form = SearchForm(request.GET)
    form.is_valid()  # an invalid parameter only drops its own filter; the errors are shown
    data = getattr(form, "cleaned_data", {})
    raw_query = request.GET.get("q", "")
    parsed = parse(raw_query, Synonyms.load() if raw_query.strip() else None)

    notices: list[str] = []
    if parsed.truncated:
        notices.append(
            f"Your search was too long: only its first {MAX_QUERY_LENGTH} characters were used."
        )
    if parsed.dropped_parts:
        notices.append(f"Only the first {MAX_PARTS} words of your search were used.")

    context: dict[str, Any] = {
        "form": form,
        "query": parsed.text,
        "max_query_length": MAX_QUERY_LENGTH,
        "sections": form.sections,
        "selected_section": data.get("section"),
        "notices": notices,
        "from_value": data["from"].isoformat() if data.get("from") else "",
        "to_value": data["to"].isoformat() if data.get("to") else "",
        "from_raw": form.value_of("from"),
        "to_raw": form.value_of("to"),
        "state": "results",
    }
    if not parsed.text:
        context["state"] = "empty"
    elif parsed.is_empty:
        context["state"] = "no_words"
    else:
        filters = Filters(
            section=data.get("section"), date_from=data.get("from"), date_to=data.get("to")
        )
        highlighter = Highlighter(parsed.terms)
        try:
            results = search_articles(filtered_articles(filters), parsed, filters.narrow)
            page = paginate(request, results)
            hits = [
                Hit(
                    article=article,
                    headline=highlighter.highlight(article.title),
                    snippet=highlighter.snippet(snippet_texts(article)),
                )
                for article in page.object_list
            ]
        except DatabaseError:
            # The query is reduced to plain words before it reaches the database, so this
            # should not happen; if it does, the reader still gets a page, and we a log entry.
            logger.exception("Search failed for %r", parsed.text)
            context["state"] = "error"
        else:
            keep_whole(request)  # a reader asking again is answered from memory until a publish
            context.update(
                page_obj=page,
                hits=hits,
                result_count=page.paginator.count,
                capped=results.capped,
            )
    return TemplateResponse(request, "search/search.html", context)
