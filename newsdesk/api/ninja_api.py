"""The django-ninja API: the comments endpoints, described by /api/openapi.json.

The content endpoints under /api/v2/ (most_read included) are Wagtail's API v2 (Django REST
framework, see v2.py) and are not in this OpenAPI document: their fields are chosen per
request (`?fields=`), which Wagtail documents rather than describes in a schema.
"""

import json
from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.parser import Parser

from .comments import router as comments_router
from .errors import register_error_handlers

DESCRIPTION = """\
Reader comments of newsdesk articles: list the approved comments of an article, post a
comment or a reply.

Errors are JSON: `{"detail": "…", "errors": {"field": ["message", …]}}`.

Articles, sections and authors are served by Wagtail's API v2 at `/api/v2/articles/`
(`?order=-views`: the most read of all time first), `/api/v2/sections/` and
`/api/v2/authors/`, and the "Most read" list at `/api/v2/articles/most_read/` (`?window=`,
`?section=`, `?limit=`); they are not described here (see docs/api.md and
https://docs.wagtail.org/en/stable/advanced_topics/api/v2/usage.html).
"""


class JSONObjectParser(Parser):
    """Request bodies are JSON objects; anything else is a 400 ("Cannot parse request body"),
    where ninja would read `[1, 2]` or `5` as an empty object."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("The request body must be a JSON object.")
        return data


api = NinjaAPI(
    title="newsdesk API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="newsdesk_api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    parser=JSONObjectParser(),
)
register_error_handlers(api)
api.add_router("/", comments_router)
