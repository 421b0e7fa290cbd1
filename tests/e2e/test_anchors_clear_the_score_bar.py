"""A link to a criterion (from the checklist, a notice, an upload's outcome) shows its title
below the sticky score bar, at desktop and tablet widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import Problems
from tests.e2e.test_school_submits_and_office_recognises import login

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [1280, 800])
def test_a_criterion_anchor_lands_below_the_score_bar(
    world, page: Page, browser_problems: Problems, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    login(page, "member")
    page.goto(f"/danh-gia/{world.assessments['school'].pk}/#tc-2.1")
    page.wait_for_function("window.scrollY > 0")
    bar_bottom, title_top = page.evaluate(
        """() => [document.querySelector('#summary').getBoundingClientRect().bottom,
                  document.querySelector('[id="tc-2.1"] h3').getBoundingClientRect().top]"""
    )
    assert title_top >= bar_bottom, (width, bar_bottom, title_top)
    assert not browser_problems, str(browser_problems)
