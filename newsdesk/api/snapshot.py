"""The committed copy of the OpenAPI document (openapi.snapshot.json).

A test fails when the document the API serves differs from the snapshot, so that a change to
the API's contract is always a visible change in review. After an intended change, rewrite the
snapshot with

    .venv/bin/newsdesk api_openapi_snapshot

(`--check` only compares, and exits with status 1 when they differ).
"""

import json
from pathlib import Path

from ninja.responses import NinjaJSONEncoder

SNAPSHOT_PATH = Path(__file__).with_name("openapi.snapshot.json")
REGENERATE = ".venv/bin/newsdesk api_openapi_snapshot"


def current_schema() -> dict:
    """The OpenAPI document as served at /api/openapi.json, as plain JSON data."""
    from .ninja_api import api

    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def read_snapshot() -> dict | None:
    if not SNAPSHOT_PATH.exists():
        return None
    return json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8"))


def write_snapshot() -> None:
    SNAPSHOT_PATH.write_text(render(current_schema()), encoding="utf-8")
