"""Browser journeys: Debian's Chromium, driven by Playwright, against pytest-django's live server.

The browser is Debian's (`apt-get install chromium`), never one that `playwright install` would
download: the machines reach package registries only.

Static files: pytest-django's `live_server` wraps the site in django.contrib.staticfiles'
StaticFilesHandler (as StaticLiveServerTestCase does) whenever staticfiles is installed, and that
handler serves from the app finders with DEBUG off, so /static/web/chiso.css and
/static/vendor/htmx.min.js load without `collectstatic` or settings.DEBUG. `browser_problems`
records every failed request (a missing static file among them) and script error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import ConsoleMessage, Page, Response, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@dataclass
class Problems:
    """What went wrong in the browser besides the assertions: failed requests, script errors."""

    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def record_response(self, response: Response) -> None:
        # The browser asks for /favicon.ico by itself; the pages link none.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.failed.append(f"{response.status} {response.request.method} {response.url}")

    def record_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.errors.append(f"console: {message.text}")

    def __bool__(self) -> bool:
        return bool(self.failed or self.errors)

    def __str__(self) -> str:
        return "\n".join([*self.failed, *self.errors])


@pytest.fixture
def chromium() -> Path:
    """Debian's Chromium: missing fails the run in CI (CI is set) and skips the test elsewhere."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it in CI)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture
def browser_problems() -> Problems:
    return Problems()


@pytest.fixture
def page(
    chromium: Path,
    live_server: Any,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    browser_problems: Problems,
) -> Iterator[Page]:
    """A fresh headless Chromium tab whose relative URLs go to the live server."""
    # Playwright's sync API keeps an asyncio loop running in this thread, so Django takes every
    # ORM call of the test (fill(), refresh_from_db(), the final assertions) for one made from
    # async code and refuses it. The test talks to the database only while the browser waits,
    # so allow it, for this test only (monkeypatch restores os.environ afterwards).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # Submitting fetches evidence links; these journeys reach no network.
    settings.EVIDENCE_CAPTURE_ENABLED = False
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(
            base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(10_000)
        tab = context.new_page()
        tab.on("response", browser_problems.record_response)
        tab.on("pageerror", lambda error: browser_problems.errors.append(f"script: {error}"))
        tab.on("console", browser_problems.record_console)
        try:
            yield tab
        finally:
            # While Playwright's loop runs, Django keeps this thread's connections in a separate,
            # context-local store (asgiref's Local), so the test's ORM calls opened a second
            # connection; close it here, or PostgreSQL refuses to drop the test database.
            connections.close_all()
            context.close()
            browser.close()


def fresh_folder(folder: Path) -> Path:
    """A journey's screenshot folder (under var/, git-ignored), emptied of the last run's."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder
