"""Every main screen, for every role of the demo province, fits a 360 px and a 390 px phone.

Each demo account logs in and walks its screens the way a person would: the menu, the links of
«Việc cần làm», and the links of the pages those lead to (downloads left out). On each screen the
page is no wider than the window (tables scroll inside their own box or stack their rows), and
the browser met no failed request (a dead link) and logged no error (CSP refusals among them).
Screenshots of the first screen of each page: var/e2e/every_screen_fits_a_phone/.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

from chiso.demo.management.commands.seed_demo import FEATURED, PASSWORD
from tests.e2e.conftest import Problems, fresh_folder

pytestmark = pytest.mark.e2e

SHOTS = Path(settings.VAR_DIR) / "e2e" / "every_screen_fits_a_phone"
PHONES = (360, 390)
# Files, not screens: documents, workbooks, evidence and archives download.
DOWNLOAD = re.compile(r"\.(docx|xlsx|pdf|csv|zip|json)$|/(tai|xuat|minh-chung|tep)[-/]|/api/")
NOT_A_SCREEN = ("/dang-xuat/", "/i18n/", "/static/", "/healthz", "/readyz")


def shape(path: str) -> str:
    """A screen's kind: its path with the ids taken out, so each kind is visited once per role."""
    return re.sub(r"\d+", "N", urlsplit(path).path)


def links(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    return [
        h
        for h in hrefs
        if h
        and h.startswith("/")
        and not DOWNLOAD.search(urlsplit(h).path)
        and "format=" not in h
        and not any(h.startswith(p) for p in NOT_A_SCREEN)
    ]


def login(page: Page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("heading", name="Việc cần làm")).to_be_visible()


def walk(page: Page, username: str, problems: Problems) -> dict[str, list[str]]:
    """Visit the role's screens two links deep; return the screens too wide, per phone width."""
    too_wide: dict[str, list[str]] = {}
    seen: set[str] = set()
    queue = [("/", 0)]
    while queue:
        path, depth = queue.pop(0)
        if shape(path) in seen:
            continue
        seen.add(shape(path))
        page.set_viewport_size({"width": PHONES[0], "height": 780})
        page.goto(path)
        for width in PHONES:
            page.set_viewport_size({"width": width, "height": 780})
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide.setdefault(path, []).append(f"{scroll_width} px > {width} px")
        page.set_viewport_size({"width": PHONES[0], "height": 780})
        name = re.sub(r"[^a-z0-9]+", "-", shape(path).lower()).strip("-") or "home"
        page.screenshot(path=SHOTS / f"{username}--{name}.png")
        if depth < 2:
            queue.extend((link, depth + 1) for link in links(page))
    assert len(seen) >= 4, f"{username} reached only {sorted(seen)}"
    return too_wide


@pytest.fixture
def demo_province(db: object) -> None:
    call_command("seed_demo", stdout=io.StringIO())


def test_every_main_screen_of_every_role_fits_a_phone(
    demo_province: None, page: Page, browser_problems: Problems
) -> None:
    fresh_folder(SHOTS)
    too_wide = {}
    for username, *_ in FEATURED:
        login(page, username)
        wide = walk(page, username, browser_problems)
        if wide:
            too_wide[username] = wide
    assert too_wide == {}
    assert not browser_problems, str(browser_problems)
