"""Which newsdesk app imports which, read from the source (imports inside functions too).

    python tests/app_imports.py          # one line per app: app -> the apps it imports

An app is a package directly under newsdesk/ (articles, comments, ...); a module directly
under newsdesk/ (ui.py, outages.py, ...) counts as a node of its own. Tests, conftest files
and test helpers (testing.py) are left out: they may import whatever they exercise.
tests/test_structure.py asserts the rules (DESIGN.md: articles is the ground floor, no
circle of imports between apps).
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = "newsdesk"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE


def is_test_code(path: Path, root: Path) -> bool:
    return (
        "tests" in path.relative_to(root).parts
        or path.name.startswith("test_")
        or path.name in ("conftest.py", "testing.py")
    )


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every newsdesk module that `path` imports, wherever in the code the import stands."""
    module = module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from newsdesk.x import y` may name a module y: keep both spellings.
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name == PACKAGE or name.startswith(PACKAGE + ".")}


def module_imports(root: Path = ROOT) -> dict[str, set[str]]:
    """Each newsdesk module (tests left out) and the newsdesk modules it imports."""
    return {
        module_name(path, root): imported_modules(path, root)
        for path in sorted(root.rglob("*.py"))
        if not is_test_code(path, root)
    }


def app_of(module: str) -> str | None:
    """`newsdesk.articles.models` -> "articles"; the package itself -> None."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def app_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Each app (or top-level module) and the other ones it imports."""
    nodes = {p.name for p in root.iterdir() if (p / "__init__.py").exists()}
    nodes |= {p.stem for p in root.glob("*.py") if p.stem != "__init__"}
    graph: dict[str, set[str]] = defaultdict(set)
    for module, imported in module_imports(root).items():
        app = app_of(module)
        if app is not None:
            graph[app].update(({app_of(name) for name in imported} & nodes) - {app})
    return dict(graph)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each circle of imports once, as the apps along it (the first repeated at the end)."""
    found, seen = [], set()

    def walk(app: str, trail: list[str]) -> None:
        for other in sorted(graph.get(app, ())):
            if other in trail:
                circle = trail[trail.index(other) :]
                if frozenset(circle) not in seen:
                    seen.add(frozenset(circle))
                    found.append([*circle, other])
            else:
                walk(other, [*trail, other])

    for app in sorted(graph):
        walk(app, [app])
    return found


def importers_of(target: str, root: Path = ROOT) -> list[str]:
    """The modules that import the module `target` (or something inside it)."""
    return sorted(
        module
        for module, imported in module_imports(root).items()
        if any(name == target or name.startswith(target + ".") for name in imported)
    )


def main() -> int:
    graph = app_graph()
    width = max(map(len, graph))
    for app in sorted(graph):
        print(f"{app:<{width}} -> {', '.join(sorted(graph[app])) or '(nothing)'}")
    circles = cycles(graph)
    print("circles:", "; ".join(" -> ".join(circle) for circle in circles) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
