"""A first look through a real browser (Debian's Chromium driven by Playwright) at the pages of this issue.

Screenshots land in artifacts/screenshots/ so that people can look at them. On a machine without
Chromium these tests are skipped with the reason, except where DANGVU_REQUIRE_BROWSER=1 (CI), where
a missing browser fails the run.
"""

from __future__ import annotations

from typing import Any

from dangvu.conftest import Cast, assert_fits_phone, log_in, require_browser, screenshot

require_browser()

from playwright.sync_api import Browser, expect  # noqa: E402


def test_the_office_finds_a_member_without_typing_diacritics(cast: Cast, live_server: Any, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    log_in(page, live_server.url, "office")
    expect(page.get_by_role("heading", name="Xin chào, office")).to_be_visible()
    expect(page.get_by_text("Đảng viên đang sinh hoạt").first).to_be_visible()
    screenshot(page, "01-dashboard-office")

    page.get_by_role("link", name="Tổ chức", exact=True).first.click()
    expect(page.get_by_role("link", name="Chi bộ A")).to_be_visible()
    screenshot(page, "02-org-tree")

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Đảng viên").click()
    page.get_by_label("Tìm theo tên hoặc số thẻ").fill("nguyen hong minh")
    page.get_by_label("Tìm theo tên hoặc số thẻ").press("Enter")
    expect(page.get_by_role("link", name="Nguyễn Hồng Minh")).to_be_visible()
    expect(page.get_by_role("link", name="Đặng Thị Lan")).to_have_count(0)
    screenshot(page, "03-member-search")

    page.get_by_role("link", name="Nguyễn Hồng Minh").click()
    expect(page.get_by_role("heading", name="Quá trình sinh hoạt Đảng")).to_be_visible()
    expect(page.get_by_text("02/03/2005").first).to_be_visible()
    screenshot(page, "04-member-profile")
    page.close()


def test_a_member_on_a_phone_sees_their_profile_and_cell(cast: Cast, live_server: Any, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, locale="vi-VN")
    log_in(page, live_server.url, "member")
    expect(page.get_by_role("link", name="Đặng Thị Lan")).to_be_visible()
    screenshot(page, "05-member-phone-dashboard")
    page.get_by_role("link", name="Chi bộ A").first.click()
    expect(page.get_by_role("cell", name="Nguyễn Hồng Minh")).to_be_visible()
    assert_fits_phone(page)
    screenshot(page, "06-member-phone-cell")
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
