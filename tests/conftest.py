"""Fixtures of the cross-app tests: `browser`, Debian's Chromium driven by Playwright.

Without /usr/bin/chromium a browser test is skipped, except in CI (CI=true), where a skipped
browser test counts as a failure.
"""

import os

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture
def browser(monkeypatch):
    if not os.path.exists(CHROMIUM):
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; in CI a skipped browser test is a failure")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM calls the
    # test makes meanwhile are plain blocking calls, which is fine here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
