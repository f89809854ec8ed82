"""The report pages as the office, the committee and the readers use them."""

from __future__ import annotations

import datetime
import io
from typing import Any

import docx
import openpyxl
import pytest
from django.urls import reverse

from dangvu.annual import services
from dangvu.annual.models import AnnualReport, ReportVersion
from dangvu.annual.tests.helpers import add_task, make_report
from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.meetings import services as meetings_services
from dangvu.meetings.models import Conference, ConferenceConclusion


def _detail(report: AnnualReport) -> str:
    return reverse("annual:report_detail", args=[report.pk])


def _save(cast: Cast, report: AnnualReport, key: str, text: str, role: str = "office") -> Any:
    report.refresh_from_db()
    return cast.client(role).post(
        reverse("annual:section_save", args=[report.pk, key]),
        {f"{key}-section": key, f"{key}-text": text, f"{key}-version": report.version},
    )


def test_a_year_without_data_gets_a_clear_message_and_no_report(cast: Cast) -> None:
    response = cast.client("office").post(reverse("annual:report_create"), {"org": cast.root.pk, "year": 2018})
    assert response.status_code == 200
    assert "Năm 2018 chưa có số liệu nào của Đảng bộ Thử nghiệm" in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_the_office_drafts_the_report_from_the_year_and_sees_its_figures(cast: Cast) -> None:
    add_task(cast.cell_a, title="Hoàn thiện quy chế làm việc", due_date=datetime.date(2019, 6, 30))
    add_task(cast.root, title="Tổng kết Nghị quyết 19")
    response = cast.client("office").post(reverse("annual:report_create"), {"org": cast.root.pk, "year": 2019})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(report)
    page = cast.client("office").get(_detail(report)).content.decode()
    assert "triển khai 2 nhiệm vụ trọng tâm" in page
    assert "Biểu 1. Nhiệm vụ trọng tâm năm 2019 theo đơn vị" in page
    assert "Chi bộ A" in page and "Chi bộ X" not in page
    assert "Cập nhật số liệu" in page and "Ban hành" not in page  # the office drafts; the committee issues
    assert "Ban hành" in cast.client("committee").get(_detail(report)).content.decode()
    listing = cast.client("observer").get(reverse("annual:report_list")).content.decode()
    assert "Đảng bộ Thử nghiệm" in listing and "Đảng bộ khác" not in listing


def test_an_edited_section_survives_a_refresh_of_the_figures(cast: Cast) -> None:
    report = make_report(cast.root)
    assert "triển khai 1 nhiệm vụ trọng tâm" in services.current_version(report).sections["results"]
    typed = "Bài học: bám sát cơ sở, đôn đốc thường xuyên."
    assert _save(cast, report, "lessons", typed).status_code == 302
    add_task(cast.cell_b, title="Nhiệm vụ thêm sau")
    report.refresh_from_db()
    response = cast.client("office").post(
        reverse("annual:report_refresh", args=[report.pk]), {"version": report.version}
    )
    assert response.status_code == 302
    latest = services.current_version(report)
    assert latest.number == 3 and latest.note == "Cập nhật số liệu"
    assert latest.sections["lessons"] == typed and latest.edited == ["lessons"]
    assert "triển khai 2 nhiệm vụ trọng tâm" in latest.sections["results"]
    page = cast.client("office").get(_detail(report)).content.decode()
    assert "đã sửa tay" in page and typed in page


def test_every_version_is_kept_and_two_versions_compare_section_by_section(cast: Cast) -> None:
    report = make_report(cast.root)
    before = services.current_version(report).sections["lessons"]
    _save(cast, report, "lessons", before + "\nThêm: <b>phối hợp</b> với công đoàn.")
    assert ReportVersion.objects.filter(report=report).count() == 2
    response = cast.client("inspection").get(reverse("annual:report_compare", args=[report.pk]), {"a": 1, "b": 2})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<ins>" in body and "&lt;b&gt;phối" in body and "<b>phối" not in body  # escaped
    assert body.count("không đổi") == 3  # the three sections nobody touched
    versions = cast.client("observer").get(reverse("annual:report_versions", args=[report.pk])).content.decode()
    assert "v1" in versions and "v2" in versions and "Sửa III. Bài học kinh nghiệm" in versions


def test_finalising_gives_the_register_number_and_locks_the_text_without_losing_what_was_typed(cast: Cast) -> None:
    report = make_report(cast.root)
    report.refresh_from_db()
    assert (
        cast.client("committee")
        .post(reverse("annual:report_finalise", args=[report.pk]), {"version": report.version})
        .status_code
        == 302
    )
    report.refresh_from_db()
    assert report.is_final and report.number == "01-BC/ĐU"
    response = _save(cast, report, "lessons", "Một đoạn gõ sau khi đã ban hành")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Báo cáo đã ban hành (số 01-BC/ĐU): không sửa được nữa." in body
    assert "Một đoạn gõ sau khi đã ban hành" in body
    assert ReportVersion.objects.filter(report=report).count() == 1
    refresh = cast.client("office").post(reverse("annual:report_refresh", args=[report.pk]), follow=True)
    assert "không sửa được nữa" in refresh.content.decode()
    document = docx.Document(
        io.BytesIO(cast.client("observer").get(reverse("annual:report_docx", args=[report.pk])).content)
    )
    header = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "Số 01-BC/ĐU" in header
    assert "DỰ THẢO" not in "\n".join(p.text for p in document.paragraphs)


def test_a_stale_edit_is_refused_and_the_text_kept(cast: Cast) -> None:
    report = make_report(cast.root)
    report.refresh_from_db()
    stale = report.version
    _save(cast, report, "lessons", "Bản thứ nhất")
    response = cast.client("office").post(
        reverse("annual:section_save", args=[report.pk, "lessons"]),
        {"lessons-section": "lessons", "lessons-text": "Bản thứ hai", "lessons-version": stale},
    )
    assert "Người khác đã lưu bản ghi này" in response.content.decode()
    assert "Bản thứ hai" in response.content.decode()
    assert services.current_version(report).sections["lessons"] == "Bản thứ nhất"


def test_the_xlsx_annexes_have_one_sheet_per_table_with_totals(cast: Cast) -> None:
    add_task(cast.cell_a, title="Việc của chi bộ A")
    report = make_report(cast.root)
    response = cast.client("committee").get(reverse("annual:report_xlsx", args=[report.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:5] == ["Nhiệm vụ", "Báo cáo", "Sinh hoạt", "Kiểm tra giám sát", "Kết quả KTGS"]
    rows = list(book["Nhiệm vụ"].iter_rows(values_only=True))
    assert rows[1][:3] == ("Đơn vị", "Tổng số", "Hoàn thành")
    assert rows[-1][:2] == ("Tổng cộng", 2)
    assert {r[0] for r in rows[2:-1]} == {"Đảng bộ Thử nghiệm", "Chi bộ A"}


def test_the_review_conference_opens_from_the_report_and_its_directives_show_as_next_years_tasks(cast: Cast) -> None:
    report = make_report(cast.root)
    response = cast.client("office").post(
        reverse("annual:conference_open", args=[report.pk]), {"day": "17/01/2020", "time": "08:00", "place": "Hà Nội"}
    )
    conference = Conference.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "meetings:conference_detail", args=[conference.pk]
    )
    report.refresh_from_db()
    assert report.conference == conference and conference.kind == Conference.Kind.YEARLY
    conference_page = cast.client("committee").get(response["Location"]).content.decode()
    assert f'href="http://testserver{_detail(report)}"' in conference_page  # the way back to the report
    with acting_as(None, source="test"):
        directive = ConferenceConclusion.objects.create(
            conference=conference, kind=ConferenceConclusion.Kind.DIRECTIVE, text="Tập trung làm tốt công tác cán bộ"
        )
        task = meetings_services.directive_to_task(item=directive, due_date=datetime.date(2020, 12, 15))
    page = cast.client("office").get(_detail(report)).content.decode()
    assert "Tập trung làm tốt công tác cán bộ" in page
    assert reverse("planning:task_detail", args=[task.pk]) in page
    again = cast.client("office").get(reverse("annual:conference_open", args=[report.pk]))
    assert again.status_code == 302 and Conference.objects.count() == 1


@pytest.mark.parametrize("role", ["cell_secretary", "member"])
def test_cell_roles_do_not_read_the_committees_report(cast: Cast, role: str) -> None:
    report = make_report(cast.root)
    assert cast.client(role).get(_detail(report)).status_code == 403


def test_the_demo_hook_drafts_the_report_once(cast: Cast) -> None:
    from dangvu.annual import demo

    add_task(cast.root)
    with acting_as(None, source="demo"):
        assert demo.load(cast.root) == {"báo cáo tổng kết": 1}
        assert demo.load(cast.root) == {"báo cáo tổng kết": 0}
    assert AnnualReport.objects.get().year == 2019
