"""The test settings with the search app installed and mounted at /search/.

For as long as newsdesk/settings/base.py and newsdesk/urls.py do not list the app yet:
    .venv/bin/pytest --ds=newsdesk.search.tests.settings newsdesk/search
Once they do, this adds nothing and the plain `pytest` runs these tests too.
"""

from newsdesk.settings.test import *  # noqa: F403
from newsdesk.settings.test import INSTALLED_APPS

if "newsdesk.search" not in INSTALLED_APPS:
    # Before wagtail.search, as in the intended settings (see newsdesk/search/NOTES.md).
    _at = INSTALLED_APPS.index("wagtail.contrib.redirects")
    INSTALLED_APPS = [*INSTALLED_APPS[:_at], "newsdesk.search", *INSTALLED_APPS[_at:]]

ROOT_URLCONF = "newsdesk.search.tests.urls"
