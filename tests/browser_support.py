"""What the browser tests share: Debian's Chromium driven by Playwright (the `browser`
fixture is in tests/conftest.py)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def collect_console_errors(page) -> list[str]:
    """Errors logged in the page's console, and uncaught script errors. The browser's own
    request for /favicon.ico is left out: the site does not claim to have an icon."""
    errors: list[str] = []

    def on_console(message):
        url = message.location.get("url", "")
        if message.type == "error" and not url.endswith("/favicon.ico"):
            errors.append(f"{message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    return errors


def sign_in_to_admin(page, base_url: str, username: str, password: str) -> None:
    """Sign in through Wagtail's login form, as an editor would, and wait for the dashboard."""
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/admin/")
