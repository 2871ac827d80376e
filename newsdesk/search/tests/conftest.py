import pytest
from django.conf import settings

# Ranking straight from the FTS5 table exists only on SQLite; elsewhere only Wagtail's path.
RANKINGS = (
    ["fts5", "wagtail"]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    else ["wagtail"]
)


@pytest.fixture(params=RANKINGS)
def ranking(request, db, monkeypatch):
    """Run a test through each way of ranking: SQLite's FTS5 table, and Wagtail's search API
    (the one used on PostgreSQL, which on SQLite is slow for large result sets)."""
    from newsdesk.search import results

    if request.param == "wagtail":
        monkeypatch.setattr(results, "uses_sqlite_fts5", lambda: False)
    return request.param
