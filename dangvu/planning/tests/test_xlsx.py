from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.conftest import Cast
from dangvu.planning import xlsx
from dangvu.planning.models import AnnualPlan, KeyTask, ProgressUpdate
from dangvu.planning.tests.factories import make_plan, make_task

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2019, 9, 15, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def plan(cast: Cast) -> AnnualPlan:
    plan = make_plan(cast.root)
    make_task(cast.cell_a, plan, title="Nhiệm vụ một", lead=cast.member_a)
    make_task(cast.cell_b, plan, title="Nhiệm vụ hai", weight=2)
    return plan


def _export(cast: Cast, plan: AnnualPlan) -> Any:
    response = cast.client("office").get(reverse("planning:plan_export", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == xlsx.CONTENT_TYPE
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _upload(cast: Cast, plan: AnnualPlan, wb: Any, role: str = "office") -> Any:
    out = io.BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile("ke-hoach.xlsx", out.getvalue())
    with time_machine.travel(NOW):
        return cast.client(role).post(reverse("planning:plan_import", kwargs={"pk": plan.pk}), {"file": upload})


def _col(ws: Any, header: str) -> int:
    return next(cell.column for cell in ws[2] if cell.value == header)


def test_the_export_has_vietnamese_headers_an_id_column_and_dd_mm_yyyy_dates(cast: Cast, plan: AnnualPlan) -> None:
    ws = _export(cast, plan).active
    headers = [cell.value for cell in ws[2]]
    assert headers[:3] == ["Mã nhiệm vụ (không sửa)", "Tổ chức chủ trì", "Nhiệm vụ"]
    assert "% hoàn thành" in headers and "Trạng thái" in headers
    first = ws[3]
    assert first[0].value == KeyTask.objects.get(title="Nhiệm vụ một").pk
    assert first[4].number_format == "DD/MM/YYYY"
    assert first[4].value.date() == datetime.date(2019, 2, 1)


def test_the_edited_file_reimports_as_a_progress_update(cast: Cast, plan: AnnualPlan) -> None:
    wb = _export(cast, plan)
    ws = wb.active
    ws.cell(row=3, column=_col(ws, "% hoàn thành"), value=60)
    ws.cell(row=3, column=_col(ws, "Ghi chú cập nhật"), value="Đã trình dự thảo")
    ws.cell(row=4, column=_col(ws, "Trạng thái"), value="Tạm dừng")
    ws.cell(row=4, column=_col(ws, "Ngày cập nhật"), value="10/09/2019")
    response = _upload(cast, plan, wb)
    assert response.status_code == 302
    one, two = KeyTask.objects.get(title="Nhiệm vụ một"), KeyTask.objects.get(title="Nhiệm vụ hai")
    assert (one.percent, one.status) == (60, KeyTask.Status.IN_PROGRESS)
    assert two.status == KeyTask.Status.PAUSED
    assert ProgressUpdate.objects.get(task=one).note == "Đã trình dự thảo"
    assert ProgressUpdate.objects.get(task=two).date == datetime.date(2019, 9, 10)
    # the same file again changes nothing
    assert _upload(cast, plan, _export(cast, plan)).status_code == 302
    assert ProgressUpdate.objects.count() == 2


def test_errors_are_listed_by_row_and_column_and_nothing_is_applied(cast: Cast, plan: AnnualPlan) -> None:
    wb = _export(cast, plan)
    ws = wb.active
    ws.cell(row=3, column=_col(ws, "% hoàn thành"), value=80)  # a good row
    ws.cell(row=4, column=_col(ws, "% hoàn thành"), value=150)
    ws.cell(row=4, column=_col(ws, "Trạng thái"), value="Gần xong")
    ws.append([999999, "", "Nhiệm vụ lạ", "", None, None, 1, "", 10])
    ws.append([ws.cell(row=3, column=1).value, "", "Trùng", "", None, None, 1, "", 10])
    ws.cell(row=3, column=_col(ws, "Ngày cập nhật"), value="31/12/2019")
    response = _upload(cast, plan, wb)
    assert response.status_code == 200
    errors = [(e.row, e.column) for e in response.context["errors"]]
    assert (3, "Ngày cập nhật") in errors
    assert (4, "% hoàn thành") in errors and (4, "Trạng thái") in errors
    assert (5, "Mã nhiệm vụ (không sửa)") in errors and (6, "Mã nhiệm vụ (không sửa)") in errors
    body = response.content.decode()
    assert "Không có nhiệm vụ mã 999999 trong kế hoạch này." in body
    assert "phải là số từ 0 đến 100" in body
    assert not ProgressUpdate.objects.exists()
    assert set(KeyTask.objects.values_list("percent", flat=True)) == {0}


def test_a_file_that_is_not_a_workbook(cast: Cast, plan: AnnualPlan) -> None:
    upload = SimpleUploadedFile("ke-hoach.xlsx", b"khong phai xlsx")
    response = cast.client("office").post(reverse("planning:plan_import", kwargs={"pk": plan.pk}), {"file": upload})
    assert response.status_code == 200
    assert "không đúng với đuôi .xlsx" in response.content.decode()


def test_a_sheet_without_the_id_column(cast: Cast, plan: AnnualPlan) -> None:
    wb = _export(cast, plan)
    ws = wb.active
    ws.cell(row=2, column=1, value="Số thứ tự")
    response = _upload(cast, plan, wb)
    assert "Không thấy cột" in response.content.decode()


def test_a_title_that_looks_like_a_formula_stays_text(cast: Cast, plan: AnnualPlan) -> None:
    make_task(cast.cell_a, plan, title='=HYPERLINK("http://x")')
    ws = _export(cast, plan).active
    titles = [row[2].value for row in ws.iter_rows(min_row=3)]
    assert '=HYPERLINK("http://x")' in titles
    assert all(row[2].data_type == "s" for row in ws.iter_rows(min_row=3))


@pytest.mark.parametrize("title", ['=HYPERLINK("http://x.example","Mở")', "+1+2", "-3+4", "@SUM(A1:A2)"])
def test_a_task_title_that_looks_like_a_formula_is_exported_as_text(cast: Cast, title: str) -> None:
    plan = make_plan(cast.root)
    make_task(cast.cell_a, plan, title=title)
    cell = _export(cast, plan).active.cell(row=3, column=3)
    assert cell.value == title
    assert cell.data_type == "s"  # a spreadsheet shows it, never runs it...
    assert cell.quotePrefix  # ...not even once a user edits the cell
