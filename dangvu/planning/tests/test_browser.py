"""A member on a phone opens "my tasks" from the navigation and records progress on the task they lead."""

from __future__ import annotations

import datetime
from typing import Any

from dangvu.conftest import Cast, assert_fits_phone, log_in, require_browser, screenshot
from dangvu.planning.models import KeyTask, ProgressUpdate
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
    assert_fits_phone(page)
    section = page.locator(".mainnav [aria-current='page']")
    expect(section).to_have_text("Kế hoạch")
    box = section.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, "the current section is off screen"
    # The task's facts: each value starts where its label does, not indented by the browser's default.
    label = page.get_by_text("Người phụ trách", exact=True).bounding_box()
    value = page.locator("dd", has_text="Đặng Thị Lan").bounding_box()
    assert label is not None and value is not None and label["x"] == value["x"], (label, value)
    screenshot(page, "30-task-progress-phone")
    assert ProgressUpdate.objects.filter(task=task).count() == 1


def test_the_office_finds_the_lead_of_a_task_by_typing(
    cast: Cast, live_server: Any, browser: Browser, monkeypatch: Any
) -> None:
    """At province scale the lead is one of 200,000 members: the form lists those that match what is typed."""
    from dangvu.core import lookup

    monkeypatch.setattr(lookup, "LISTED", 2)
    plan = make_plan(cast.cell_a, year=2026)
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    log_in(page, live_server.url, "office")
    page.goto(f"{live_server.url}/plans/tasks/new/?plan={plan.pk}")
    lead = page.get_by_label("Người phụ trách", exact=True)
    expect(lead.locator("option")).to_have_count(1)  # nothing listed before a search
    page.evaluate("window.unsent = true")  # gone if the page is sent and loaded again
    page.get_by_label("Tìm: Người phụ trách").fill("dang lan")
    page.get_by_label("Tìm: Người phụ trách").press("Enter")  # searches; the half-filled form is not sent
    expect(lead.locator("option")).to_have_count(2)
    assert page.evaluate("window.unsent === true"), "Enter in the search box sent the form"
    expect(page.get_by_text("1 kết quả.")).to_be_visible()
    lead.select_option(label="Đặng Thị Lan · 01000002 · Chi bộ A")
    page.get_by_label("Tìm: Tổ chức đảng phối hợp").fill("chi bo")
    expect(page.get_by_role("checkbox")).to_have_count(2)
    page.get_by_role("checkbox", name="Chi bộ B · Đảng bộ Thử nghiệm").check()
    page.get_by_label("Tên nhiệm vụ").fill("Rà soát quy chế làm việc")
    page.get_by_label("Ngày bắt đầu").fill("01/02/2026")
    page.get_by_label("Hạn hoàn thành").fill("30/11/2026")
    screenshot(page, "31-task-lead-lookup-phone")
    assert_fits_phone(page)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name="Rà soát quy chế làm việc")).to_be_visible()
    task = KeyTask.objects.get()
    assert task.lead == cast.member_a2 and list(task.party_orgs.all()) == [cast.cell_b]
