"""The one error format of the comments API.

Every 4xx answer is JSON of the same shape::

    {"detail": "What went wrong, in a sentence.",
     "errors": {"author_email": ["Please enter a valid email address."]}}

`errors` maps a request field (a body, query or path parameter) to its messages; it is empty
when the problem is not one field's. Errors about the request as a whole are under "__all__",
as in Django forms.
"""

from collections.abc import Iterable
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

NON_FIELD = "__all__"
INVALID_REQUEST = "The request is not valid."


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")
    errors: dict[str, list[str]] = Field(
        description='Messages per request field; "__all__" for the request as a whole.',
    )


def error_response(
    status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> JsonResponse:
    return JsonResponse({"detail": detail, "errors": errors or {}}, status=status)


def _field_of(location: Iterable[object]) -> str:
    """The field a pydantic error location names: ("body", "payload", "author_name") →
    "author_name", ("query", "limit") → "limit", ("body", "payload") → "__all__"."""
    parts = [str(part) for part in location]
    if parts and parts[0] == "body":
        parts = parts[2:]
    elif parts:
        parts = parts[1:]
    return ".".join(parts) or NON_FIELD


def _message(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "Invalid value."))
    return message.removeprefix("Value error, ")


def validation_errors(exc: NinjaValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_of(error.get("loc", ())), []).append(_message(error))
    return errors


def register_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def invalid_request(request: HttpRequest, exc: NinjaValidationError) -> JsonResponse:
        return error_response(400, INVALID_REQUEST, validation_errors(exc))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> JsonResponse:
        return error_response(exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> JsonResponse:
        return error_response(404, "Not found.")
