"""The app structure of DESIGN.md, read from the source by tests/app_imports.py: no circle of
imports between apps, `articles` (the ground floor) imports no capability app, the API does
not post comments through the comments app's views."""

import textwrap

from app_imports import app_graph, cycles, importers_of

CAPABILITY_APPS = {
    "comments",
    "pageviews",
    "related",
    "delivery",
    "syndication",
    "search",
    "api",
    "wordpress",
}


def test_no_circle_of_imports_between_apps():
    assert cycles(app_graph()) == []


def test_articles_imports_no_capability_app():
    assert app_graph()["articles"] & CAPABILITY_APPS == set()


def test_the_api_does_not_import_the_comments_views():
    importers = importers_of("newsdesk.comments.views")
    assert [module for module in importers if module.startswith("newsdesk.api.")] == []


def write(root, path, text):
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(textwrap.dedent(text))


def test_the_graph_sees_imports_inside_functions_and_relative_ones(tmp_path):
    root = tmp_path / "newsdesk"
    write(root, "__init__.py", "")
    write(root, "ui.py", "")
    for app in ("base", "extra", "other"):
        write(root, f"{app}/__init__.py", "")
    write(root, "base/models.py", "def late():\n    from newsdesk.extra.views import x\n")
    write(root, "base/helpers.py", "from .models import late\nfrom .. import ui\n")
    write(root, "extra/views.py", "import newsdesk.base.models\n")
    write(root, "other/tests/test_x.py", "from newsdesk.extra import views\n")
    graph = app_graph(root)
    assert graph == {"base": {"extra", "ui"}, "extra": {"base"}, "other": set(), "ui": set()}
    assert cycles(graph) == [["base", "extra", "base"]]
    assert importers_of("newsdesk.extra.views", root) == ["newsdesk.base.models"]
