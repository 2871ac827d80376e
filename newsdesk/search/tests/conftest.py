import warnings

import pytest
from django.apps import apps

if not apps.is_installed("newsdesk.search"):
    # The app is not in INSTALLED_APPS yet: run these with --ds=newsdesk.search.tests.settings.
    warnings.warn(
        "newsdesk.search is not installed: its tests are skipped (see newsdesk/search/NOTES.md)",
        stacklevel=1,
    )
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(params=["fts5", "wagtail"])
def ranking(request, db, monkeypatch):
    """Run a test through each way of ranking: SQLite's FTS5 table, and Wagtail's search API
    (the one used on PostgreSQL, which on SQLite is slow for large result sets)."""
    from newsdesk.search import results

    if request.param == "fts5" and not results.uses_sqlite_fts5():
        pytest.skip("ranking straight from FTS5 is for SQLite")
    if request.param == "wagtail":
        monkeypatch.setattr(results, "uses_sqlite_fts5", lambda: False)
    return request.param
