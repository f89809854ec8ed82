from __future__ import annotations

import datetime
import io

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.supervision import services
from dangvu.supervision.models import Activity, ActivityStep, Program
from dangvu.supervision.tests.helpers import activity, run_to

State = Activity.State


def test_an_illegal_move_in_the_form_shows_a_vietnamese_error_and_saves_nothing(cast: Cast) -> None:
    act = activity(cast)
    response = cast.client("office").post(
        reverse("supervision:activity_advance", args=[act.pk]), {"to": "concluded", "date": "10/03/2019"}
    )
    assert response.status_code == 200
    assert "bước tiếp theo phải là" in response.content.decode()
    act.refresh_from_db()
    assert act.state == State.PLANNED and not ActivityStep.objects.exists()


def test_the_program_exports_as_xlsx(cast: Cast) -> None:
    act = run_to(activity(cast, content="Kiểm tra sinh hoạt chi bộ"), State.CONCLUDED, datetime.date(2019, 3, 4))
    response = cast.client("observer").get(reverse("supervision:program_export", args=[act.program_id]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Tháng" and rows[2][3] == "Kiểm tra sinh hoạt chi bộ"
    assert rows[2][7] == f"{act.concluded_on:%d/%m/%Y}" and rows[2][9] == "Có"


def test_the_conclusion_notice_is_a_party_docx(cast: Cast) -> None:
    act = run_to(activity(cast), State.FOLLOW_UP, datetime.date(2019, 3, 4))
    response = cast.client("committee").get(reverse("supervision:activity_notice", args=[act.pk]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "THÔNG BÁO" in text and "Chưa thường xuyên" in text and "Khắc phục" in text
    planned = activity(cast, month=5)
    assert cast.client("committee").get(reverse("supervision:activity_notice", args=[planned.pk])).status_code == 403


def test_a_member_sees_only_what_concerns_them(cast: Cast) -> None:
    mine = activity(cast, subject_org=None, subject_member=cast.member_a2, content="Về đảng viên Lan")
    other = activity(cast, subject_org=None, subject_member=cast.member_a, content="Về đảng viên Minh")
    client = cast.client("member")
    assert client.get(reverse("supervision:activity_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("supervision:activity_detail", args=[other.pk])).status_code == 404
    body = client.get(reverse("supervision:program_detail", args=[mine.program_id])).content.decode()
    assert "Về đảng viên Lan" in body and "Về đảng viên Minh" not in body


def test_a_cell_secretary_manages_only_their_cells_plan(cast: Cast) -> None:
    client = cast.client("cell_secretary")
    response = client.post(
        reverse("supervision:program_create"), {"body": "cell", "org": cast.cell_b.pk, "year": 2019, "title": "KH"}
    )
    assert response.status_code == 200 and not Program.objects.exists()
    response = client.post(
        reverse("supervision:program_create"), {"body": "committee", "org": cast.cell_a.pk, "year": 2019, "title": "KH"}
    )
    assert response.status_code == 200 and not Program.objects.exists()
    own = activity(cast, kind="self")
    assert client.get(reverse("supervision:activity_advance", args=[own.pk])).status_code == 200
    assert cast.client("office").get(reverse("supervision:activity_advance", args=[own.pk])).status_code == 403


def test_lists_filter_by_year_body_and_kind(cast: Cast) -> None:
    activity(cast, year=2019)
    activity(cast, year=2020, kind="finance")
    client = cast.client("office")
    url = reverse("supervision:program_list")
    assert [p.year for p in client.get(url, {"year": 2020}).context["programs"]] == [2020]
    assert [p.year for p in client.get(url, {"kind": "finance"}).context["programs"]] == [2020]
    assert list(client.get(url, {"body": "cell"}).context["programs"]) == []


def test_the_office_cannot_open_a_violation_case(cast: Cast) -> None:
    with acting_as(None):
        prog = services.program_create(org=cast.root, body="committee", year=2019, title="CT")
    response = cast.client("office").get(reverse("supervision:activity_create", args=[prog.pk]))
    choices = [c[0] for c in response.context["form"].fields["kind"].choices]
    assert "violation" not in choices and "thematic" in choices


def test_a_program_is_issued_once(cast: Cast) -> None:
    act = activity(cast)
    url = reverse("supervision:program_issue", args=[act.program_id])
    assert cast.client("committee").post(url).status_code == 302
    act.program.refresh_from_db()
    assert act.program.status == Program.Status.ISSUED
    response = cast.client("committee").post(url, follow=True)
    assert "đã được ban hành" in response.content.decode()
