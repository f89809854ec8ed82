"""A cell secretary on a phone types into the search box in the header, without diacritics, and opens a hit."""

from __future__ import annotations

from typing import Any

from dangvu.conftest import Cast, assert_fits_phone, log_in, require_browser, screenshot

require_browser()

from playwright.sync_api import Browser, expect  # noqa: E402


def test_the_header_search_box_works_from_the_keyboard_on_a_phone(
    cast: Cast, live_server: Any, browser: Browser
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    log_in(page, live_server.url, "cell_secretary")
    box = page.get_by_role("searchbox", name="Tìm kiếm trong toàn bộ dữ liệu")
    box.fill("nguyen hong minh")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Tìm kiếm")).to_be_visible()
    hit = page.get_by_role("link", name="Nguyễn Hồng Minh")
    expect(hit).to_be_visible()
    expect(page.locator("mark").first).to_have_text("Nguyễn Hồng Minh")
    assert_fits_phone(page)
    screenshot(page, "70-search-phone")
    hit.click()
    expect(page.get_by_role("heading", name="Nguyễn Hồng Minh")).to_be_visible()
