"""What is shown beside a self-assessment, the files, and the summary the annual report reads."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.meetings.models import Attendance
from dangvu.meetings.tests.helpers import at, held, meeting
from dangvu.planning import services as planning
from dangvu.rating import selectors
from dangvu.rating.tests.helpers import TEXTS, collective, cycle, rating, run, self_assess
from dangvu.supervision import services as supervision
from dangvu.supervision.models import Activity
from dangvu.supervision.tests.helpers import activity

pytestmark = pytest.mark.django_db
D = datetime.date


def _inputs_data(cast: Cast) -> None:
    lan = cast.member_a2
    with acting_as(None, source="test"):
        for month in (2, 5, 9):
            planning.task_create(
                org=cast.cell_a,
                title=f"Nhiệm vụ tháng {month}",
                start_date=D(2019, month, 1),
                due_date=D(2019, month, 28),
                lead=lan,
            )
        planning.task_create(
            org=cast.cell_a, title="Nhiệm vụ năm sau", start_date=D(2020, 1, 1), due_date=D(2020, 3, 1), lead=lan
        )
    statuses = ["present", "present", "late", "excused", "absent"]
    for month, status in enumerate(statuses, start=1):
        reason = "Đi công tác" if status == "excused" else ""
        held(meeting(cast.cell_a, at(2019, month, 10)), [(lan, status, reason), (cast.member_a, "present", "")])
    held(meeting(cast.cell_a, at(2020, 1, 10)), [(lan, "absent", "")])
    open_act = activity(cast, kind=Activity.Kind.SUPERVISION_THEMATIC, subject_org=None, subject_member=lan)
    secret = activity(cast, kind=Activity.Kind.VIOLATION, subject_org=None, subject_member=lan, month=6)
    with acting_as(None, source="test"):
        supervision.finding_add(activity=open_act, kind="strength", text="Gương mẫu")
        supervision.finding_add(activity=open_act, kind="shortcoming", text="Còn chậm")
        supervision.finding_add(activity=secret, kind="violation", text="Kê khai chưa đầy đủ")


@pytest.mark.parametrize("role", ["office", "committee", "inspection", "cell_secretary", "member", "observer"])
def test_the_inputs_beside_the_self_assessment_equal_hand_counts_and_hide_confidential_findings(
    cast: Cast, role: str
) -> None:
    _inputs_data(cast)
    page = cast.client(role).get(reverse("rating:rating_detail", args=[rating(cast).pk]))
    assert page.status_code == 200
    inputs = page.context["inputs"]
    assert [t.title for t in inputs.tasks] == ["Nhiệm vụ tháng 2", "Nhiệm vụ tháng 5", "Nhiệm vụ tháng 9"]
    assert (inputs.attendance_total, inputs.attendance_present) == (5, 3)
    assert (inputs.attendance[Attendance.Status.EXCUSED], inputs.attendance[Attendance.Status.ABSENT]) == (1, 1)
    sees_secret = role in ("committee", "inspection")
    assert inputs.findings.get("strength") == 1 and inputs.findings.get("shortcoming") == 1
    assert inputs.findings.get("violation", 0) == (1 if sees_secret else 0)
    body = page.content.decode()
    assert ("dấu hiệu vi phạm" in body) == sees_secret
    assert "Có mặt 3/5 buổi đã họp" in body


def _sheet(response: object) -> list[tuple[object, ...]]:
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_the_cell_table_reopens_with_the_usual_columns_and_totals(cast: Cast) -> None:
    run(rating(cast, cast.member_a), "httnv")
    self_assess(rating(cast), "htnv")
    response = cast.client("cell_secretary").get(reverse("rating:cell_export", args=[cycle(cast).pk, cast.cell_a.pk]))
    rows = _sheet(response)
    assert rows[2] == ("STT", "Họ và tên", "Chức vụ", "Tự xếp loại", "Chi bộ đề nghị", "Cấp ủy quyết định", "Ghi chú")
    people = {r[1]: r for r in rows[3:5]}
    assert people["Nguyễn Hồng Minh"][2:6] == (
        "Bí thư",
        "Hoàn thành tốt nhiệm vụ",
        "Hoàn thành tốt nhiệm vụ",
        "Hoàn thành tốt nhiệm vụ",
    )
    assert people["Đặng Thị Lan"][3:6] == ("Hoàn thành nhiệm vụ", None, None)
    totals = {r[0]: r[2:5] for r in rows[6:]}
    assert totals["Hoàn thành tốt nhiệm vụ"] == (1, 1, 1)
    assert totals["Hoàn thành nhiệm vụ"] == (1, 0, 0)
    assert "Phí Mạnh Thắng" not in str(rows)


def test_the_committee_table_lists_every_cell_and_nothing_outside(cast: Cast) -> None:
    run(rating(cast, cast.member_b), "httnv")
    cycle(cast, inside=False)
    rows = _sheet(cast.client("committee").get(reverse("rating:cycle_export", args=[cycle(cast).pk])))
    assert rows[2][2] == "Chi bộ"
    names = [r[1] for r in rows[3:6]]
    assert names == ["Nguyễn Hồng Minh", "Đặng Thị Lan", "Phí Mạnh Thắng"] or set(names) == {
        "Nguyễn Hồng Minh",
        "Đặng Thị Lan",
        "Phí Mạnh Thắng",
    }
    assert "Trần Văn Xa" not in str(rows)
    assert "Quy định 132-QĐ/TW" in str(rows[1])


def test_the_self_assessment_downloads_as_a_party_format_docx(cast: Cast) -> None:
    r = self_assess(rating(cast), "httnv")
    response = cast.client("member").get(reverse("rating:rating_docx", args=[r.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BẢN KIỂM ĐIỂM CÁ NHÂN" in text
    assert "Họ và tên: Đặng Thị Lan" in text
    assert TEXTS["politics"] in text and TEXTS["duties"] in text
    assert "Tự nhận mức xếp loại: Hoàn thành tốt nhiệm vụ" in text
    header = "\n".join(c.text for c in doc.tables[0].rows[0].cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header and "CHI BỘ A" in header
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.5)


def test_the_rating_summary_counts_the_decided_levels_for_the_annual_report(cast: Cast) -> None:
    from dangvu.rating import services

    run(rating(cast, cast.member_a), "httnv")
    run(rating(cast, cast.member_b), "htnv")
    self_assess(rating(cast), "httnv")  # not decided: not counted
    col = collective(cast, cast.cell_a)
    services.collective_self_assess(collective=col, level="httnv", report="Báo cáo", on=D(2019, 12, 20))
    services.collective_propose(collective=col, level="httnv", on=D(2019, 12, 28))
    services.collective_decide(collective=col, level="httnv", on=D(2020, 1, 10))
    summary = selectors.rating_summary(cast.root, 2019)
    assert summary["members"] == {"httnv": 1, "htnv": 1} and summary["members_total"] == 2
    assert summary["collectives"] == {"httnv": 1} and summary["collectives_total"] == 1
    assert summary["levels"][0] == ("htxsnv", "Hoàn thành xuất sắc nhiệm vụ")
    assert summary["cycle"] == cycle(cast)
    cell = selectors.rating_summary(cast.cell_b, 2019)
    assert (cell["members"], cell["collectives_total"]) == ({"htnv": 1}, 0)
    assert selectors.rating_summary(cast.root, 2018) == {
        "members": {},
        "members_total": 0,
        "collectives": {},
        "collectives_total": 0,
        "levels": selectors.levels(),
        "cycle": None,
    }
