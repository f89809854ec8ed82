"""The main pages in a real browser: the content security policy holds (nothing refused) and axe-core finds no
serious or critical accessibility violation.

axe-core comes from the npm registry (package.json; `make test` and .ci/run install it with `npm ci`) and is
injected by the test only, into a second browser context that bypasses the policy, never served by dangvu.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from dangvu.conftest import Cast, log_in, require_browser
from dangvu.core import lookup

require_browser()

from playwright.sync_api import Browser  # noqa: E402

AXE = Path(settings.BASE_DIR).parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(autouse=True)
def _long_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every list counts as long, as a province's do: the forms show their search boxes (core/lookup.py)."""
    monkeypatch.setattr(lookup, "LISTED", 0)


def _pages(cast: Cast) -> list[str]:
    return [
        reverse("organization:dashboard"),
        reverse("organization:org_tree"),
        reverse("organization:member_list"),
        reverse("organization:member_detail", kwargs={"pk": cast.member_a.pk}),
        reverse("organization:org_detail", kwargs={"pk": cast.cell_a.pk}),
        reverse("organization:member_create"),
        reverse("planning:overview"),
        reverse("planning:task_create"),
        reverse("meetings:meeting_list"),
        reverse("reporting:submission_list"),
        reverse("supervision:program_list"),
        reverse("supervision:coverage"),
        reverse("search:results") + "?q=ng",
        reverse("organization:audit_list"),
        reverse("accounts:password_change"),
    ]


def test_no_page_breaks_the_content_security_policy(cast: Cast, live_server: Any, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    log_in(page, live_server.url, "office")
    for path in _pages(cast):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}{reverse('planning:task_create')}")
    page.get_by_label("Tìm: Người phụ trách").fill("minh")  # htmx asks the page and swaps in the matches
    page.get_by_text("1 kết quả.").wait_for()
    page.close()
    assert not refused, refused


def test_the_main_pages_have_no_serious_accessibility_violation(cast: Cast, live_server: Any, browser: Browser) -> None:
    if not AXE.exists():
        if os.environ.get("DANGVU_REQUIRE_BROWSER") == "1":
            pytest.fail("axe-core is missing: run `npm ci` (make test does)")
        pytest.skip("axe-core is not installed (npm ci)")
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    log_in(page, live_server.url, "office")
    found: dict[str, list[str]] = {}
    for path in _pages(cast):
        page.goto(f"{live_server.url}{path}")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join('|'))"""
        )
        if violations:
            found[path] = violations
    context.close()
    assert not found, found
