"""The reporting cycle through a real browser: a cell secretary sends the month's report from the
navigation, the office returns it, the secretary corrects it, the office accepts it and sees the dashboard."""

from __future__ import annotations

from typing import Any

from dangvu.conftest import Cast, log_in, require_browser, screenshot
from dangvu.reporting import services
from dangvu.reporting.models import Submission
from dangvu.reporting.tests.helpers import monthly_kind, owe

require_browser()

from playwright.sync_api import Browser, expect  # noqa: E402


def test_a_month_report_goes_out_comes_back_and_is_accepted(cast: Cast, live_server: Any, browser: Browser) -> None:
    kind = monthly_kind(cast.root, day=28)
    owe(kind, cast.cell_a, year=2026)
    services.submissions_generate(year=2026)
    november = Submission.objects.get(kind=kind, org=cast.cell_a, label="Tháng 11/2026")

    secretary = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    log_in(secretary, live_server.url, "cell_secretary")
    secretary.get_by_role("link", name="Báo cáo của chi bộ").click()
    secretary.get_by_role("link", name="Tháng 11/2026").click()
    secretary.get_by_role("link", name="Viết / gửi báo cáo").click()
    secretary.get_by_label("Kết quả").fill("Tổ chức sinh hoạt chi bộ thường kỳ đầy đủ, 12/12 đảng viên dự.")
    secretary.get_by_label("Hạn chế").fill("Tự kiểm tra chưa thường xuyên.")
    secretary.get_by_role("button", name="Gửi báo cáo").click()
    expect(secretary.get_by_text("Đã gửi").first).to_be_visible()
    screenshot(secretary, "20-report-sent-phone")

    office = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(office, live_server.url, "office")
    office.goto(f"{live_server.url}/reports/{november.pk}/")
    office.get_by_label("Yêu cầu bổ sung").fill("Bổ sung số đảng viên được khen thưởng.")
    office.get_by_role("button", name="Trả lại, yêu cầu bổ sung").click()
    expect(office.get_by_text("Bổ sung số đảng viên được khen thưởng.").first).to_be_visible()

    secretary.goto(f"{live_server.url}/reports/{november.pk}/")
    expect(secretary.get_by_text("Bổ sung số đảng viên được khen thưởng.").first).to_be_visible()
    secretary.get_by_role("link", name="Viết / gửi báo cáo").click()
    secretary.get_by_label("Kết quả").fill("Tổ chức sinh hoạt đầy đủ; 2 đảng viên được khen thưởng.")
    secretary.get_by_role("button", name="Gửi báo cáo").click()
    expect(secretary.get_by_text("Đã gửi lại").first).to_be_visible()

    office.reload()
    office.get_by_role("button", name="Tiếp nhận").click()
    expect(office.get_by_text("Đã tiếp nhận").first).to_be_visible()
    screenshot(office, "21-report-accepted-history")
    office.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Báo cáo").click()
    office.get_by_role("link", name="Tình hình đúng hạn").click()
    expect(office.get_by_role("link", name="Chi bộ A")).to_be_visible()
    year = office.get_by_label("Năm")
    assert year.evaluate("e => getComputedStyle(e).borderRadius") == "6px", "the year field is left unstyled"
    screenshot(office, "22-compliance-dashboard")
    november.refresh_from_db()
    assert november.status == Submission.Status.ACCEPTED
    assert november.events.count() >= 4  # sent, returned, sent again, accepted
