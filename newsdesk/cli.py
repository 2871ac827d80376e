"""The `newsdesk` console script: Django's management commands with the settings set.

`newsdesk serve` defaults to the production settings; every other command to the
development settings. DJANGO_SETTINGS_MODULE, when set, always wins.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else ""
    default = "newsdesk.settings.production" if command == "serve" else "newsdesk.settings.dev"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default)
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
