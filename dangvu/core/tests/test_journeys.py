"""Journeys through a real browser, each as the person who makes it, asserting what that person sees.

Screenshots go to artifacts/screenshots/ (kept by .ci/run's checkout for people to look at). The intake and year-end
journeys live with their apps (dangvu/intake/tests, dangvu/annual/tests).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import openpyxl
from docx import Document

from dangvu.conftest import Cast, assert_fits_phone, log_in, require_browser, screenshot
from dangvu.meetings.models import Conclusion, Meeting
from dangvu.planning.models import KeyTask
from dangvu.planning.selectors import tasks_from
from dangvu.planning.tests.factories import make_plan, make_task
from dangvu.reporting import services as reporting
from dangvu.reporting.tests.helpers import SECTIONS, monthly_kind, owe, submission

require_browser()

from playwright.sync_api import Browser, expect  # noqa: E402


def _members_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐẢNG VIÊN"])
    sheet.append(
        ["Họ và tên", "Giới tính", "Ngày sinh", "Số thẻ đảng viên", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"]
    )
    sheet.append(["Lê Thị Mai", "Nữ", "02/09/1990", "01000100", "15/03/2015", "15/03/2016", "Chi bộ A"])
    sheet.append(["Trịnh Văn Hải", "Nam", "11/11/1985", "01000101", "03/02/2012", "03/02/2013", "Chi bộ B"])
    book.save(path)
    return path


def test_the_office_clerk_imports_members_checks_reporting_and_downloads_the_compiled_report(
    cast: Cast, live_server: Any, browser: Browser, tmp_path: Path
) -> None:
    kind = monthly_kind(cast.root)
    owe(kind, cast.cell_a, cast.cell_b)
    reporting.submissions_generate(year=2019)
    for cell in (cast.cell_a, cast.cell_b):
        march = submission(kind, cell, 3)
        reporting.submission_submit(submission=march, user=None, sections=SECTIONS)
        reporting.submission_accept(submission=march, user=None)

    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page.set_default_timeout(10_000)
    log_in(page, live_server.url, "office")
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("link", name="Đảng viên").click()
    page.get_by_role("link", name="Nhập XLSX").click()
    page.get_by_label("Tệp XLSX").set_input_files(str(_members_workbook(tmp_path / "danh-sach.xlsx")))
    page.get_by_role("button", name="Nhập").click()
    expect(page.get_by_text("Đã nhập 2 đảng viên mới, cập nhật 0.")).to_be_visible()
    expect(page.get_by_role("link", name="Trịnh Văn Hải")).to_be_visible()
    screenshot(page, "40-journey-office-imported")

    nav.get_by_role("link", name="Báo cáo").click()
    page.get_by_role("link", name="Tình hình đúng hạn").click()
    page.get_by_label("Năm").fill("2019")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_role("heading", name="Tình hình báo cáo đúng hạn năm 2019")).to_be_visible()
    expect(page.get_by_role("link", name="Chi bộ A")).to_be_visible()
    screenshot(page, "41-journey-office-compliance")

    page.get_by_role("link", name="Tổng hợp").click()
    page.get_by_label("Loại báo cáo").select_option(label=kind.name)
    page.get_by_label("Kỳ bắt đầu từ ngày").fill("01/03/2019")
    page.get_by_label("Cấp ủy tổng hợp").select_option(label=cast.root.name)
    page.get_by_role("button", name="Tổng hợp").click()
    expect(page.get_by_text(SECTIONS["results"]).first).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải DOCX").click()
    saved = tmp_path / "tong-hop.docx"
    download_info.value.save_as(saved)
    document = Document(str(saved))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)  # the party header is a table
    assert "BÁO CÁO" in text and SECTIONS["results"] in text and "-BC/" in text
    screenshot(page, "42-journey-office-compiled")
    page.close()


def test_a_cell_secretary_holds_the_monthly_meeting_and_turns_a_conclusion_into_a_task(
    cast: Cast, live_server: Any, browser: Browser
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page.set_default_timeout(10_000)
    log_in(page, live_server.url, "cell_secretary")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Sinh hoạt").click()
    page.get_by_role("link", name="Lên lịch sinh hoạt").click()
    expect(page.get_by_role("heading", name="Lên lịch sinh hoạt")).to_be_visible()
    page.locator("#id_org").select_option(label="Chi bộ A")
    page.locator("#id_day").fill("05/03/2026")
    page.get_by_label("Nội dung, chủ đề").fill("Sinh hoạt thường kỳ tháng 3")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name="Chuẩn bị")).to_be_visible()
    page.get_by_role("button", name="Chi ủy đã chuẩn bị xong").click()
    expect(page.get_by_text("Chuẩn bị đúng hạn").or_(page.get_by_text("Chuẩn bị muộn")).first).to_be_visible()

    page.get_by_role("link", name="Điểm danh").first.click()
    page.get_by_label("Điểm danh Đặng Thị Lan").select_option(label="Vắng có lý do")
    page.get_by_label("Lý do Đặng Thị Lan").fill("Đi công tác")
    page.get_by_role("button", name="Lưu điểm danh").click()
    expect(page.get_by_text("1/2").first).to_be_visible()  # one present of the two who must attend

    page.get_by_role("link", name="Ghi biên bản").click()
    page.get_by_label("Ý kiến thảo luận").fill("Đồng chí Minh đề nghị tăng cường tự kiểm tra.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đồng chí Minh đề nghị tăng cường tự kiểm tra.")).to_be_visible()

    conclusions = page.locator("section", has=page.get_by_role("heading", name="Kết luận"))
    conclusions.get_by_label("Nội dung").fill("Mỗi quý tự kiểm tra một nội dung.")
    conclusions.get_by_label("Ngày").fill("05/03/2026")
    page.get_by_role("button", name="Thêm kết luận").click()
    expect(page.get_by_text("Mỗi quý tự kiểm tra một nội dung.").first).to_be_visible()
    conclusions.get_by_label("Hạn hoàn thành").fill("30/06/2026")
    page.get_by_role("button", name="Giao thành nhiệm vụ").click()
    expect(page.get_by_role("link", name="Mỗi quý tự kiểm tra một nội dung.").first).to_be_visible()
    # A form's buttons keep their own height beside a tall field (the conclusion's text, the agenda's two fields).
    for name in ("Thêm kết luận", "Thêm mục", "Giao thành nhiệm vụ"):
        box = page.get_by_role("button", name=name).first.bounding_box()
        assert box is not None and box["height"] < 50, (name, box)
    # while a long text keeps the page's line spacing (single-line fields are tighter)
    text = conclusions.get_by_label("Nội dung")
    assert text.evaluate("e => getComputedStyle(e).lineHeight") == "24px"
    screenshot(page, "43-journey-secretary-meeting")
    page.close()

    meeting = Meeting.objects.get(topic="Sinh hoạt thường kỳ tháng 3")
    conclusion = Conclusion.objects.get(meeting=meeting)
    task = KeyTask.objects.get(title="Mỗi quý tự kiểm tra một nội dung.")
    assert task.org == cast.cell_a and task.due_date == datetime.date(2026, 6, 30)
    assert list(tasks_from(conclusion)) == [task]  # linked both ways


def test_a_member_on_a_phone_opens_their_tasks_and_the_cell_calendar(
    cast: Cast, live_server: Any, browser: Browser
) -> None:
    plan = make_plan(cast.cell_a, year=2026)
    make_task(
        cast.cell_a,
        plan,
        title="Viết bài thu hoạch Nghị quyết",
        lead=cast.member_a2,
        due_date=datetime.date(2026, 12, 15),
    )
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, locale="vi-VN")
    page.set_default_timeout(10_000)
    log_in(page, live_server.url, "member")
    page.get_by_role("link", name="Việc của tôi").first.click()
    expect(page.get_by_text("Viết bài thu hoạch Nghị quyết")).to_be_visible()
    assert_fits_phone(page)
    screenshot(page, "44-journey-member-tasks-phone")
    page.goto(f"{live_server.url}/meetings/lich/")
    feed = page.get_by_text(".ics").first
    expect(feed).to_be_visible()
    ics_url = page.locator("a[href$='.ics'], input[value$='.ics'], code").first.inner_text().strip()
    assert ics_url.endswith(".ics")
    body = page.request.get(ics_url if ics_url.startswith("http") else f"{live_server.url}{ics_url}").body()
    assert b"BEGIN:VCALENDAR" in body and b"Asia/Ho_Chi_Minh" in body
    screenshot(page, "45-journey-member-calendar-phone")
    page.close()


def test_the_year_end_report_is_drafted_edited_finalised_and_downloaded(
    cast: Cast, live_server: Any, browser: Browser, tmp_path: Path
) -> None:
    from dangvu.annual.tests.helpers import add_task

    add_task(cast.cell_a, 2019, title="Tổ chức học tập Nghị quyết Trung ương 8", due_date=datetime.date(2019, 6, 30))
    office = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    office.set_default_timeout(15_000)
    log_in(office, live_server.url, "office")
    office.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Tổng kết").click()
    office.get_by_role("link", name="Lập báo cáo").click()
    office.get_by_label("Tổ chức đảng").select_option(label=cast.root.name)
    office.get_by_label("Năm").fill("2019")
    office.get_by_role("button", name="Lập dự thảo").click()
    expect(office.get_by_role("heading", name="Báo cáo tổng kết năm 2019")).to_be_visible()
    lessons = office.locator("section", has=office.get_by_role("heading", name="III", exact=False)).first
    lessons.get_by_label("Nội dung").fill("Phải chuẩn bị kỹ nội dung sinh hoạt chi bộ và kiểm tra thường xuyên.")
    lessons.get_by_role("button", name="Lưu phần này").click()
    expect(office.get_by_text("đã sửa tay").first).to_be_visible()
    screenshot(office, "46-journey-annual-draft")

    committee = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    committee.set_default_timeout(15_000)
    log_in(committee, live_server.url, "committee")
    committee.goto(office.url)
    committee.get_by_role("button", name="Ban hành").click()
    expect(committee.get_by_text("Báo cáo đã ban hành").first).to_be_visible()
    with committee.expect_download() as download_info:
        committee.get_by_role("link", name="Tải báo cáo (DOCX)").click()
    saved = tmp_path / "tong-ket-2019.docx"
    download_info.value.save_as(saved)
    document = Document(str(saved))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "Phải chuẩn bị kỹ nội dung sinh hoạt chi bộ" in text and "01-BC/" in text
    screenshot(committee, "47-journey-annual-final")
    office.close()
    committee.close()
