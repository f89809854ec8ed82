"""A member on a phone opens "my tasks" from the navigation and records progress on the task they lead."""

from __future__ import annotations

import datetime
from typing import Any

from dangvu.conftest import Cast, log_in, require_browser, screenshot
from dangvu.planning.models import ProgressUpdate
from dangvu.planning.tests.factories import make_plan, make_task

require_browser()

from playwright.sync_api import Browser, expect  # noqa: E402


def test_a_member_updates_their_task_from_a_phone(cast: Cast, live_server: Any, browser: Browser) -> None:
    plan = make_plan(cast.cell_a, year=2026)
    task = make_task(
        cast.cell_a,
        plan,
        title="Chuẩn bị nội dung sinh hoạt chuyên đề quý IV",
        lead=cast.member_a2,
        start_date=datetime.date(2026, 10, 1),
        due_date=datetime.date(2026, 12, 20),
    )
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    log_in(page, live_server.url, "member")
    page.get_by_role("link", name="Việc của tôi").click()
    page.get_by_role("link", name="Chuẩn bị nội dung sinh hoạt chuyên đề quý IV").click()
    page.get_by_role("link", name="Cập nhật tiến độ").click()
    page.get_by_label("Ngày cập nhật").fill("20/11/2026")
    page.get_by_label("% hoàn thành").fill("140")
    page.get_by_role("button").filter(has_text="Lưu").first.click()
    expect(page.get_by_text("0 đến 100").first).to_be_visible()  # a percent over 100 is refused, nothing saved
    page.get_by_label("% hoàn thành").fill("60")
    page.get_by_label("Ghi chú").fill("Đã xin ý kiến chi ủy về đề cương.")
    page.get_by_role("button").filter(has_text="Lưu").first.click()
    expect(page.get_by_text("Đã xin ý kiến chi ủy về đề cương.")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    screenshot(page, "30-task-progress-phone")
    assert ProgressUpdate.objects.filter(task=task).count() == 1
