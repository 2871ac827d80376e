"""Shared by the WordPress tests: fixture paths and running the command."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> str:
    return str(FIXTURES / name)


def run_import(*names: str, progress: bool = False, **options) -> str:
    out, err = StringIO(), StringIO()
    paths = [name if "/" in name else fixture(name) for name in names]
    extra = [] if progress else ["--no-progress"]
    call_command("import_wordpress", *paths, *extra, stdout=out, stderr=err, **options)
    return out.getvalue() + err.getvalue()
