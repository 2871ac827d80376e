"""The README's configuration table names every environment variable the code reads."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# env_str("X"…), env_int, env_float, env_bool, env_list, env_email, os.environ.get("X"…),
# os.environ["X"]
READ = re.compile(
    r"""(?:env_(?:str|int|float|bool|list|email)\(|os\.environ(?:\.get)?[\[(]|getenv\()\s*"([A-Z][A-Z0-9_]+)\""""
)
# Read by code but not deploy knobs: set by tools for the processes they start.
NOT_KNOBS = {
    "DJANGO_SETTINGS_MODULE",  # the `newsdesk` command sets it (README: The `newsdesk` command)
}


def variables_read() -> dict[str, str]:
    found = {}
    for path in (ROOT / "newsdesk").rglob("*.py"):
        if "tests" in path.parts or path.name == "testing.py":
            continue  # test-only variables (CI, NEWSDESK_TEST_REDIS_URL)
        for name in READ.findall(path.read_text()):
            found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def variables_documented() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    first_cells = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    return {name for cell in first_cells for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}


def test_the_configuration_table_lists_every_variable_the_code_reads():
    read = variables_read()
    assert len(read) > 40, "the pattern no longer finds the settings' reads"
    missing = {name: path for name, path in read.items() if name not in NOT_KNOBS}
    missing = {name: path for name, path in missing.items() if name not in variables_documented()}
    assert not missing, f"read but not in the README's configuration table: {missing}"


def test_the_table_names_no_variable_that_nothing_reads():
    read = set(variables_read()) | {"DATABASE_URL"}  # dj-database-url reads that one
    assert not variables_documented() - read
