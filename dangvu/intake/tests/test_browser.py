"""The office pastes the reference article, corrects the place of the conference and confirms it."""

from __future__ import annotations

import re
from typing import Any

from dangvu.conftest import Cast, log_in, require_browser, screenshot
from dangvu.intake.models import ConferenceParticipant
from dangvu.intake.tests.helpers import REFERENCE
from dangvu.meetings.models import Conference

require_browser()

from playwright.sync_api import Browser, expect  # noqa: E402


def test_the_office_reviews_and_confirms_the_reference_article(cast: Cast, live_server: Any, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, live_server.url, "office")
    page.goto(f"{live_server.url}/intake/")
    page.get_by_role("link", name="Nhập liệu mới").click()
    page.get_by_label("Dán nội dung bài viết hoặc biên bản").fill(REFERENCE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Đọc và đề xuất").click()

    expect(page.get_by_label("Ngày diễn ra")).to_have_value("17/01/2020")
    expect(page.locator("#id_people-0-name")).to_have_value("Nguyễn Hồng Minh")
    # each proposal links to its span in the source text, which the browser scrolls to (CSS :target)
    page.locator("#item-people-1").get_by_role("link", name="xem trong văn bản").click()
    expect(page).to_have_url(re.compile(r"#span-people-1$"))
    expect(page.locator("mark#span-people-1")).to_have_text("Phí Mạnh Thắng")

    page.get_by_label("Địa điểm").fill("Hội trường Tổng cục, Hà Nội")
    page.locator("#id_shortcomings-1-DELETE").check()
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    expect(page.get_by_label("Địa điểm")).to_have_value("Hội trường Tổng cục, Hà Nội")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "50-intake-review")

    page.get_by_role("button", name="Xác nhận và tạo hội nghị").click()
    expect(page.get_by_text("Đã xác nhận: đã tạo hội nghị")).to_be_visible()
    screenshot(page, "51-intake-confirmed")
    conference = Conference.objects.get()
    assert conference.place == "Hội trường Tổng cục, Hà Nội"
    assert ConferenceParticipant.objects.filter(conference=conference, member=cast.member_a).exists()
    page.get_by_role("link", name="Mở hội nghị đã tạo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(conference.title)
