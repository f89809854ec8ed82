"""A first look through a real browser (Debian's Chromium driven by Playwright) at the pages of this issue.

Screenshots land in artifacts/screenshots/ so that people can look at them. On a machine without
Chromium these tests are skipped with the reason, except where DANGVU_REQUIRE_BROWSER=1 (CI), where
a missing browser fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dangvu.conftest import Cast

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"

if os.environ.get("DANGVU_REQUIRE_BROWSER") != "1" and not CHROMIUM.exists():
    pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("pw-test-123456")
    page.get_by_role("button", name="Đăng nhập").click()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_office_finds_a_member_without_typing_diacritics(cast: Cast, live_server: Any, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    _log_in(page, live_server.url, "office")
    expect(page.get_by_role("heading", name="Xin chào, office")).to_be_visible()
    expect(page.get_by_text("Đảng viên đang sinh hoạt").first).to_be_visible()
    _shot(page, "01-dashboard-office")

    page.get_by_role("link", name="Tổ chức", exact=True).first.click()
    expect(page.get_by_role("link", name="Chi bộ A")).to_be_visible()
    _shot(page, "02-org-tree")

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Đảng viên").click()
    page.get_by_label("Tìm theo tên hoặc số thẻ").fill("nguyen hong minh")
    page.get_by_label("Tìm theo tên hoặc số thẻ").press("Enter")
    expect(page.get_by_role("link", name="Nguyễn Hồng Minh")).to_be_visible()
    expect(page.get_by_role("link", name="Đặng Thị Lan")).to_have_count(0)
    _shot(page, "03-member-search")

    page.get_by_role("link", name="Nguyễn Hồng Minh").click()
    expect(page.get_by_role("heading", name="Quá trình sinh hoạt Đảng")).to_be_visible()
    expect(page.get_by_text("02/03/2005").first).to_be_visible()
    _shot(page, "04-member-profile")
    page.close()


def test_a_member_on_a_phone_sees_their_profile_and_cell(cast: Cast, live_server: Any, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, locale="vi-VN")
    _log_in(page, live_server.url, "member")
    expect(page.get_by_role("link", name="Đặng Thị Lan")).to_be_visible()
    _shot(page, "05-member-phone-dashboard")
    page.get_by_role("link", name="Chi bộ A").first.click()
    expect(page.get_by_role("cell", name="Nguyễn Hồng Minh")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    _shot(page, "06-member-phone-cell")
    page.close()


def test_the_pages_work_from_the_keyboard(cast: Cast, live_server: Any, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_label("Tên đăng nhập")).to_be_focused()  # the form is ready to type into
    page.keyboard.type("office")
    page.keyboard.press("Tab")
    page.keyboard.type("pw-test-123456")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Xin chào, office")).to_be_visible()
    page.keyboard.press("Tab")  # on every page the first stop is the link that skips the navigation
    expect(page.get_by_text("Bỏ qua, đến nội dung chính")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused, "after the skip link, the next Tab stop is inside the main content"
    page.close()
