"""Members import and export as XLSX: the layout, the round trip, every kind of bad file, and who may."""

from __future__ import annotations

import datetime
import io
import unicodedata
import zipfile
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dangvu.conftest import make_member
from dangvu.core.audit import acting_as
from dangvu.core.models import AuditEntry
from dangvu.organization import services, xlsx
from dangvu.organization.models import GovUnit, Member, MembershipEvent, PartyOrg

IMPORT_URL = reverse("organization:member_import")
EXPORT_URL = reverse("organization:member_export")
HEADERS = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Quê quán",
    "Dân tộc",
    "Tôn giáo",
    "Số CCCD",
    "Điện thoại",
    "Email",
    "Số thẻ đảng viên",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Chi bộ",
    "Đơn vị công tác",
    "Chức vụ",
    "Chuyên môn",
    "Lý luận chính trị",
    "Tình trạng",
]
MINIMAL = ["Họ và tên", "Giới tính", "Ngày sinh", "Số thẻ đảng viên", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"]


def workbook_bytes(headers: list[str], rows: list[list[Any]], *, title: str | None = "DANH SÁCH ĐẢNG VIÊN") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def post_file(client: Any, content: bytes, name: str = "danh-sach.xlsx") -> Any:
    upload = SimpleUploadedFile(name, content, content_type=xlsx.CONTENT_TYPE)
    return client.post(IMPORT_URL, {"file": upload})


def export_bytes(client: Any, query: str = "") -> bytes:
    response = client.get(EXPORT_URL + query)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def sheet_rows(content: bytes) -> list[tuple[Any, ...]]:
    return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def errors_of(response: Any) -> list[tuple[int | None, str, str]]:
    assert response.status_code == 200, response.status_code
    return [(e.row, e.column, e.message) for e in response.context["errors"]]


def good_row(name: str = "Lê Thị Mai", card: str | None = "01000100", **overrides: Any) -> list[Any]:
    values = {
        "Họ và tên": name,
        "Giới tính": "Nữ",
        "Ngày sinh": "02/09/1990",
        "Số thẻ đảng viên": card,
        "Ngày vào Đảng": "15/03/2015",
        "Ngày chính thức": "15/03/2016",
        "Chi bộ": "Chi bộ A",
    }
    values.update(overrides)
    return [values[h] for h in MINIMAL]


# --- Export -----------------------------------------------------------------------------------------


def test_export_layout_headers_and_text_dates(cast: Any) -> None:
    response = cast.client("office").get(EXPORT_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == xlsx.CONTENT_TYPE
    assert f'filename="dang-vien-{timezone.localdate():%Y%m%d}.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(book.worksheets) == 1
    sheet = book.active
    assert sheet.freeze_panes == "A3"
    assert [c.value for c in sheet[2]] == HEADERS
    assert all(c.font.b for c in sheet[2])
    assert sheet.column_dimensions["B"].width >= 20
    rows = {row[1]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    minh = rows["Nguyễn Hồng Minh"]
    assert minh[HEADERS.index("Ngày sinh")] == "17/05/1980"
    assert minh[HEADERS.index("Giới tính")] == "Nam"
    assert minh[HEADERS.index("Số thẻ đảng viên")] == "01000001"
    assert minh[HEADERS.index("Chi bộ")] == "Chi bộ A"
    assert minh[HEADERS.index("Đơn vị công tác")] == "Vụ Kỹ năng nghề"
    assert minh[HEADERS.index("Tình trạng")] == "Chính thức"
    assert minh[HEADERS.index("Lý luận chính trị")] == "Chưa qua đào tạo"
    assert "Trần Văn Xa" not in rows  # another Party organization's member
    assert set(rows) == {"Nguyễn Hồng Minh", "Đặng Thị Lan", "Phí Mạnh Thắng"}


def test_export_uses_the_member_list_filters(cast: Any) -> None:
    rows = sheet_rows(export_bytes(cast.client("office"), f"?cell={cast.cell_b.pk}"))
    assert [row[1] for row in rows[2:]] == ["Phí Mạnh Thắng"]
    rows = sheet_rows(export_bytes(cast.client("office"), "?q=dang+thi"))
    assert [row[1] for row in rows[2:]] == ["Đặng Thị Lan"]


def test_an_export_too_long_for_one_request_asks_for_a_filter(cast: Any, monkeypatch: Any) -> None:
    from dangvu.organization import views_io

    monkeypatch.setattr(views_io, "MAX_EXPORT_MEMBERS", 1)
    client = cast.client("office")
    response = client.get(EXPORT_URL, {"q": "a"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("organization:member_list") + "?q=a"
    assert "quá 1 để xuất một lần: hãy chọn một tổ chức đảng" in response.content.decode()
    rows = sheet_rows(export_bytes(client, f"?cell={cast.cell_b.pk}"))  # one member: exported
    assert [row[1] for row in rows[2:]] == ["Phí Mạnh Thắng"]


def test_export_of_a_cell_secretary_holds_only_their_cell(cast: Any) -> None:
    rows = sheet_rows(export_bytes(cast.client("cell_secretary")))
    assert {row[1] for row in rows[2:]} == {"Nguyễn Hồng Minh", "Đặng Thị Lan"}


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_export_forbidden_without_an_organization_role(cast: Any, role: str) -> None:
    assert cast.client(role).get(EXPORT_URL).status_code == 403


def test_export_anonymous_goes_to_login(cast: Any) -> None:
    response = cast.client("anonymous").get(EXPORT_URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def _export_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        content = export_bytes(client, "?status=active")
    assert len(sheet_rows(content)) > 2
    return len(queries)


def test_export_query_count_does_not_grow_with_rows(cast: Any, django_assert_max_num_queries: Any) -> None:
    client = cast.client("office")
    counts = []
    for extra in (2, 30):
        with acting_as(None, source="test"):
            for i in range(extra):
                make_member(cast.cell_b, f"Người Thứ {len(counts)} {i}", card_number=f"0700{len(counts)}{i:03d}")
        with django_assert_max_num_queries(8):
            counts.append(_export_queries(client))
    assert counts[0] == counts[1]


def test_template_download_is_the_empty_layout(cast: Any) -> None:
    content = export_bytes(cast.client("office"), "?template=1")
    rows = sheet_rows(content)
    assert list(rows[1]) == HEADERS
    assert len(rows) == 2
    response = post_file(cast.client("office"), content)
    assert any("Không có dòng dữ liệu nào" in message for _, _, message in errors_of(response))


# --- Round trip ---------------------------------------------------------------------------------------


def test_round_trip_changes_nothing(cast: Any) -> None:
    with acting_as(None, source="test"):
        PartyOrg.objects.filter(pk=cast.cell_b.pk).update(short_name="CB B")
        make_member(
            PartyOrg.objects.get(pk=cast.cell_b.pk),
            "Võ Thị Ánh",
            gender=Member.Gender.FEMALE,
            card_number="01000009",
            hometown="Hà Tĩnh",
            ethnicity="Tày",
            religion="Phật giáo",
            citizen_id="040190000123",
            phone="0912 345 678",
            email="anh.vo@example.vn",
            gov_unit=cast.unit_a,
            gov_position="Chuyên viên chính",
            professional_qualification="Thạc sĩ Kinh tế",
            political_theory=Member.TheoryLevel.CAO_CAP,
        )
        make_member(PartyOrg.objects.get(pk=cast.cell_b.pk), "Hà Văn Dự", card_number=None, official_date=None)
    client = cast.client("office")
    content = export_bytes(client)
    assert "CB B" in {row[HEADERS.index("Chi bộ")] for row in sheet_rows(content)}
    members, entries = Member.objects.count(), AuditEntry.objects.count()

    response = post_file(client, content)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert response["Location"] == reverse("organization:member_list")
    assert Member.objects.count() == members
    assert AuditEntry.objects.count() == entries
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, source="import").exists()
    page = client.get(response["Location"])
    assert "Đã nhập 0 đảng viên mới, cập nhật 0." in page.content.decode()


# --- A good file ----------------------------------------------------------------------------------------


def test_good_file_creates_members_with_their_events(cast: Any) -> None:
    # Headers shuffled, in capitals, without diacritics, with stray spaces; an unknown column is ignored.
    headers = ["Ghi chú", "  HO VA TEN ", "ngay sinh", "gioi  tinh", "Chi Bo", "So the dang vien", "Ngày vào Đảng"]
    headers += ["Ngày chính thức", "Đơn vị công tác", "Lý luận chính trị", "Điện thoại"]
    rows = [
        [
            "x",
            "Lê  Thị Mai",
            "2/9/1990",
            "nữ",
            "chi bo a",
            "01000100",
            "15-03-2015",
            "",
            "vụ kỹ năng nghề",
            "Trung cấp",
        ],
        [None, "Hoàng Văn Nam", datetime.datetime(1985, 1, 20), "Nam", "Chi bộ B", 1000101, "01/06/2010", "01/06/2011"],
    ]
    rows[1] += [None, None, 912345678]
    # Text typed in NFD (some keyboards send it) is stored in NFC.
    rows.append([None, unicodedata.normalize("NFD", "Trịnh Văn Tú"), "03/04/1992", "Nam", "Chi bộ A", None, "", ""])
    client = cast.client("office")
    before = Member.objects.count()

    response = post_file(client, workbook_bytes(headers, rows))

    assert response.status_code == 302, response.context and response.context["errors"]
    assert Member.objects.count() == before + 3
    mai = Member.objects.get(card_number="01000100")
    assert (mai.full_name, mai.gender, mai.date_of_birth) == ("Lê Thị Mai", "nu", datetime.date(1990, 9, 2))
    assert (mai.cell, mai.gov_unit, mai.political_theory) == (cast.cell_a, cast.unit_a, "trung_cap")
    assert mai.status == Member.Status.PROBATIONARY
    assert list(mai.events.values_list("kind", "date")) == [
        (MembershipEvent.Kind.ADMISSION, datetime.date(2015, 3, 15))
    ]
    nam = Member.objects.get(card_number="1000101")
    assert nam.status == Member.Status.FULL
    assert (nam.date_of_birth, nam.phone, nam.cell) == (datetime.date(1985, 1, 20), "912345678", cast.cell_b)
    assert set(nam.events.values_list("kind", flat=True)) == {"ket_nap", "chinh_thuc"}
    tu = Member.objects.get(name_folded="trinh van tu")
    assert tu.full_name == unicodedata.normalize("NFC", "Trịnh Văn Tú")
    assert (tu.ethnicity, tu.religion) == ("Kinh", "Không")  # model defaults for blank cells
    created = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, content_type__model="member", source="import")
    assert created.count() == 3
    assert set(created.values_list("actor", flat=True)) == {cast.users["office"].pk}
    page = client.get(response["Location"])
    assert "Đã nhập 3 đảng viên mới, cập nhật 0." in page.content.decode()


def test_update_touches_only_changed_fields_and_blank_erases_nothing(cast: Any) -> None:
    with acting_as(None, source="test"):
        no_card = make_member(cast.cell_b, "Đỗ Quang Huy", card_number=None, phone="0900000000")
    # The cast's dates (make_member's defaults), so that only what is meant changes.
    same = {
        "Giới tính": "Nam",
        "Ngày sinh": "17/05/1980",
        "Ngày vào Đảng": "02/03/2005",
        "Ngày chính thức": "02/03/2006",
    }
    rows = [
        good_row("Nguyễn Hồng Minh", "01000001", **same) + ["0987 654 321"],
        # Matched by name and birth date (no card yet): receives its card number; a blank phone keeps the old one.
        good_row("Đỗ Quang Huy", "01000200", **same, **{"Chi bộ": "Chi bộ B"}) + [None],
    ]
    before = Member.objects.count()

    response = post_file(cast.client("office"), workbook_bytes([*MINIMAL, "Điện thoại"], rows))

    assert response.status_code == 302, response.context and response.context["errors"]
    assert Member.objects.count() == before
    minh = Member.objects.get(pk=cast.member_a.pk)
    assert minh.phone == "0987 654 321"
    assert minh.gov_unit == cast.unit_a  # no column: untouched
    no_card.refresh_from_db()
    assert (no_card.card_number, no_card.phone) == ("01000200", "0900000000")
    updates = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, source="import")
    assert sorted(tuple(e.changes) for e in updates) == [("card_number",), ("phone",)]


# --- Bad files: a list of errors, nothing saved --------------------------------------------------------


@pytest.fixture
def office(cast: Any) -> Any:
    return cast.client("office")


def assert_nothing_saved(before: tuple[int, int]) -> None:
    assert (Member.objects.count(), MembershipEvent.objects.count()) == before


def counts() -> tuple[int, int]:
    return Member.objects.count(), MembershipEvent.objects.count()


def test_text_file_named_xlsx_is_refused(cast: Any, office: Any) -> None:
    before = counts()
    response = post_file(office, "Họ và tên;Ngày sinh\nA;01/01/1990\n".encode(), name="ds.xlsx")
    [(row, column, message)] = errors_of(response)
    assert row is None
    assert "“ds.xlsx” không phải là tệp Excel (.xlsx) hợp lệ" in message
    assert "không phải là tệp Excel" in response.content.decode()
    assert_nothing_saved(before)


def test_old_xls_file_is_refused_with_a_hint(cast: Any, office: Any) -> None:
    response = post_file(office, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, name="ds.xlsx")
    [(_, _, message)] = errors_of(response)
    assert ".xls" in message and "lưu lại" in message


def test_missing_required_column_is_named(cast: Any, office: Any) -> None:
    before = counts()
    headers = [h for h in MINIMAL if h != "Ngày sinh"]
    rows = [[v for h, v in zip(MINIMAL, good_row(), strict=True) if h != "Ngày sinh"]]
    errors = errors_of(post_file(office, workbook_bytes(headers, rows)))
    assert errors == [(2, "Ngày sinh", "Thiếu cột bắt buộc “Ngày sinh”.")]
    assert_nothing_saved(before)


def test_bad_date_names_row_column_and_value(cast: Any, office: Any) -> None:
    before = counts()
    rows = [good_row(), good_row("Trần Thị Hoa", "01000101", **{"Ngày sinh": "31/02/1990"})]
    response = post_file(office, workbook_bytes(MINIMAL, rows))
    [(row, column, message)] = errors_of(response)
    assert (row, column) == (4, "Ngày sinh")
    assert "“31/02/1990”" in message and "dd/mm/yyyy" in message
    html = response.content.decode()
    assert "31/02/1990" in html and "Chưa có dữ liệu nào được lưu" in html
    assert_nothing_saved(before)  # the good first row is not saved either


def test_duplicate_card_within_the_file(cast: Any, office: Any) -> None:
    before = counts()
    rows = [good_row(), good_row("Trần Thị Hoa", "01000100", **{"Ngày sinh": "01/01/1991"})]
    errors = errors_of(post_file(office, workbook_bytes(MINIMAL, rows)))
    assert errors == [(4, "Số thẻ đảng viên", "Số thẻ đảng viên 01000100 trùng với dòng 3.")]
    assert_nothing_saved(before)


def test_card_of_another_existing_member(cast: Any, office: Any) -> None:
    before = counts()
    errors = errors_of(post_file(office, workbook_bytes(MINIMAL, [good_row("Trần Thị Hoa", "01000001")])))
    [(row, column, message)] = errors
    assert (row, column) == (3, "Số thẻ đảng viên")
    assert "01000001 đã cấp cho đảng viên Nguyễn Hồng Minh (sinh ngày 17/05/1980)" in message
    assert_nothing_saved(before)


def test_card_of_a_member_outside_the_office_scope(cast: Any, office: Any) -> None:
    before = counts()
    errors = errors_of(post_file(office, workbook_bytes(MINIMAL, [good_row("Phan Văn Lạ", "09000001")])))
    assert errors == [(3, "Số thẻ đảng viên", "Số thẻ đảng viên 09000001 đã cấp cho một đảng viên khác.")]
    row = good_row("Trần Văn Xa", "09000001", **{"Ngày sinh": "17/05/1980", "Chi bộ": "Chi bộ X"})
    [(_, _, message)] = errors_of(post_file(office, workbook_bytes(MINIMAL, [row])))
    assert "ngoài phạm vi bạn quản lý" in message
    assert_nothing_saved(before)


def test_unknown_cell(cast: Any, office: Any) -> None:
    before = counts()
    rows = [good_row(**{"Chi bộ": "Chi bộ X"}), good_row("Trần Thị Hoa", "01000101", **{"Chi bộ": "Chi bộ Z"})]
    errors = errors_of(post_file(office, workbook_bytes(MINIMAL, rows)))
    assert errors == [
        (3, "Chi bộ", "Không tìm thấy chi bộ “Chi bộ X” trong các chi bộ bạn quản lý."),
        (4, "Chi bộ", "Không tìm thấy chi bộ “Chi bộ Z” trong các chi bộ bạn quản lý."),
    ]
    assert_nothing_saved(before)


def test_cell_by_short_name(cast: Any, office: Any) -> None:
    PartyOrg.objects.filter(pk=cast.cell_b.pk).update(short_name="CB Bê")
    response = post_file(office, workbook_bytes(MINIMAL, [good_row(**{"Chi bộ": "cb be"})]))
    assert response.status_code == 302
    assert Member.objects.get(card_number="01000100").cell_id == cast.cell_b.pk


def test_oversized_upload_gives_the_limit_in_mb(cast: Any, office: Any, settings: Any) -> None:
    settings.DANGVU_MAX_UPLOAD_BYTES = 1024 * 1024
    before = counts()
    response = post_file(office, b"PK" + b"\0" * (1024 * 1024))
    assert response.status_code == 200
    assert "chỉ nhận tệp tới 1 MB" in response.content.decode()
    assert response.context["form"].errors["file"]
    assert_nothing_saved(before)


def test_empty_upload(cast: Any, office: Any) -> None:
    response = post_file(office, b"")
    assert "Tệp tải lên trống" in response.content.decode()


def test_sheet_without_data_rows(cast: Any, office: Any) -> None:
    before = counts()
    errors = errors_of(post_file(office, workbook_bytes(MINIMAL, [[None] * len(MINIMAL)])))
    assert errors == [(None, "", "Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 2).")]
    errors = errors_of(post_file(office, workbook_bytes([], [], title=None)))
    assert errors == [(None, "", "Tệp trống: không có dữ liệu nào.")]
    assert_nothing_saved(before)


def test_gender_must_be_nam_or_nu(cast: Any, office: Any) -> None:
    before = counts()
    errors = errors_of(post_file(office, workbook_bytes(MINIMAL, [good_row(**{"Giới tính": "Khác"})])))
    assert errors == [(3, "Giới tính", "Giới tính “Khác” không hợp lệ: ghi Nam hoặc Nữ.")]
    assert_nothing_saved(before)


def test_required_value_left_blank(cast: Any, office: Any) -> None:
    errors = errors_of(post_file(office, workbook_bytes(MINIMAL, [good_row(**{"Họ và tên": "  "})])))
    assert errors == [(3, "Họ và tên", "Ô này không được để trống.")]


def test_service_validation_is_reported_by_row(cast: Any, office: Any) -> None:
    before = counts()
    rows = [
        good_row(),
        good_row("Trần Thị Hoa", "01000101", **{"Ngày chính thức": "01/01/2014"}),
        good_row("Lý Văn Tâm", "01000102", **{"Ngày vào Đảng": "", "Ngày chính thức": "01/01/2016"}),
        good_row("Mai Văn Trẻ", "01000103", **{"Ngày sinh": "01/01/2000", "Ngày vào Đảng": "01/01/2015"}),
    ]
    errors = errors_of(post_file(office, workbook_bytes(MINIMAL, rows)))
    assert errors == [
        (4, "Ngày chính thức", "Ngày chính thức phải sau ngày vào Đảng."),
        (5, "Ngày chính thức", "Có ngày chính thức thì phải có ngày vào Đảng."),
        (6, "Ngày vào Đảng", "Ngày vào Đảng phải từ khi đủ 18 tuổi."),
    ]
    assert_nothing_saved(before)
    assert not AuditEntry.objects.filter(source="import").exists()


def test_errors_of_several_kinds_come_together(cast: Any, office: Any) -> None:
    rows = [
        good_row(**{"Ngày sinh": "1990"}),
        good_row("Trần Thị Hoa", "01000101", **{"Chi bộ": "Chi bộ Z"}),
        good_row("Lý Văn Tâm", "01000102", **{"Ngày chính thức": "01/01/2014"}),
    ]
    errors = errors_of(post_file(office, workbook_bytes(MINIMAL, rows)))
    assert [(row, column) for row, column, _ in errors] == [(3, "Ngày sinh"), (4, "Chi bộ"), (5, "Ngày chính thức")]


def test_moving_cell_through_import_is_refused(cast: Any, office: Any) -> None:
    row = good_row("Nguyễn Hồng Minh", "01000001", **{"Ngày sinh": "17/05/1980", "Chi bộ": "Chi bộ B"})
    [(line, column, message)] = errors_of(post_file(office, workbook_bytes(MINIMAL, [row])))
    assert (line, column) == (3, "Chi bộ")
    assert "Chuyển chi bộ trong Đảng bộ" in message
    assert Member.objects.get(pk=cast.member_a.pk).cell_id == cast.cell_a.pk


# --- Access ---------------------------------------------------------------------------------------------


def test_import_page_for_the_office(cast: Any, office: Any) -> None:
    response = office.get(IMPORT_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'accept=".xlsx"' in html and 'enctype="multipart/form-data"' in html
    assert f"{EXPORT_URL}?template=1" in html
    assert "Số thẻ đảng viên" in html and "Lý luận chính trị" in html


@pytest.mark.parametrize("role", ["cell_secretary", "member", "observer", "outsider", "committee", "inspection"])
def test_import_forbidden_without_the_office_role(cast: Any, role: str) -> None:
    client = cast.client(role)
    before = counts()
    assert client.get(IMPORT_URL).status_code == 403
    assert post_file(client, workbook_bytes(MINIMAL, [good_row()])).status_code == 403
    assert_nothing_saved(before)


def test_import_anonymous_goes_to_login(cast: Any) -> None:
    response = post_file(cast.client("anonymous"), workbook_bytes(MINIMAL, [good_row()]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- Parsing, without the database ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("02/09/1985", datetime.date(1985, 9, 2)),
        ("2/9/1985", datetime.date(1985, 9, 2)),
        ("02-09-1985", datetime.date(1985, 9, 2)),
        ("02.09.1985", datetime.date(1985, 9, 2)),
        (datetime.datetime(1985, 9, 2), datetime.date(1985, 9, 2)),
        (None, None),
        ("  ", None),
    ],
)
def test_read_date(raw: Any, expected: datetime.date | None) -> None:
    assert xlsx.read_date(raw) == expected


@pytest.mark.parametrize("raw", ["1985", "32/01/1985", "02/09/85", 31000, "hôm qua"])
def test_read_date_refuses(raw: Any) -> None:
    with pytest.raises(xlsx.CellError):
        xlsx.read_date(raw)


def test_gov_unit_with_a_shared_name_resolves_to_the_members_own(cast: Any, office: Any) -> None:
    with acting_as(None, source="test"):
        services.gov_unit_create(name="Vụ Kỹ năng nghề", kind=GovUnit.Kind.VU)
    content = export_bytes(office)
    entries = AuditEntry.objects.count()
    assert post_file(office, content).status_code == 302
    assert AuditEntry.objects.count() == entries
    row = good_row(**{"Chi bộ": "Chi bộ A"}) + ["Vụ Kỹ năng nghề"]
    [(_, column, message)] = errors_of(post_file(office, workbook_bytes([*MINIMAL, "Đơn vị công tác"], [row])))
    assert column == "Đơn vị công tác" and "Có 2 đơn vị cùng tên" in message


def test_zip_that_is_not_a_workbook_is_refused(cast: Any, office: Any) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    [(_, _, message)] = errors_of(post_file(office, out.getvalue(), name="bao-cao.xlsx"))
    assert "“bao-cao.xlsx” không phải là tệp Excel (.xlsx) hợp lệ" in message


def test_pre_numbered_empty_lines_and_annotated_headers(cast: Any, office: Any) -> None:
    headers = ["STT", "Họ và tên (ghi đủ)", "Giới tính*", "Ngày sinh (dd/mm/yyyy)", "Chi bộ:"]
    rows = [[1, "Lê Thị Mai", "Nữ", "02/09/1990", "Chi bộ A"], [2, None, None, None, None], [3, "", " ", None, None]]
    response = post_file(office, workbook_bytes(headers, rows))
    assert response.status_code == 302, response.context and response.context["errors"]
    mai = Member.objects.get(full_name="Lê Thị Mai")
    assert (mai.status, mai.card_number, mai.admission_date) == (Member.Status.PROBATIONARY, None, None)


def test_file_stays_vietnamese_when_the_screen_is_in_english(cast: Any, office: Any) -> None:
    office.cookies["dangvu_language"] = "en"
    content = export_bytes(office)
    rows = sheet_rows(content)
    assert list(rows[1]) == HEADERS
    assert {row[2] for row in rows[2:]} == {"Nam", "Nữ"}
    entries = AuditEntry.objects.count()
    assert post_file(office, content).status_code == 302
    assert AuditEntry.objects.count() == entries


def test_unknown_theory_level_lists_the_accepted_labels(cast: Any, office: Any) -> None:
    row = good_row() + ["Đại học"]
    [(line, column, message)] = errors_of(post_file(office, workbook_bytes([*MINIMAL, "Lý luận chính trị"], [row])))
    assert (line, column) == (3, "Lý luận chính trị")
    assert "“Đại học”" in message and "Cao cấp" in message


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x.example","Phí")', "+84 Phí", "-Phí", "@Phí"])
def test_a_name_that_looks_like_a_formula_is_exported_as_text(cast: Any, name: str) -> None:
    cast.member_b.full_name = name
    cast.member_b.save()
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(cast.client("office"))))
    cells = [row[1] for row in book.active.iter_rows(min_row=3)]
    formula_like = [cell for cell in cells if cell.value == name]
    assert formula_like and formula_like[0].data_type == "s"
    assert formula_like[0].quotePrefix  # still text once a user edits the cell
    assert not any(cell.quotePrefix for cell in cells if cell.value != name)


@pytest.mark.django_db(transaction=True)
def test_an_import_stopped_halfway_saves_nothing(cast: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server fails on the third row (a lost database connection, a killed request): no member, no audit entry."""
    create = services.member_create
    calls = {"n": 0}

    def failing_create(**fields: Any) -> Member:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("the connection was lost")
        return create(**fields)

    monkeypatch.setattr(services, "member_create", failing_create)
    members, entries = Member.objects.count(), AuditEntry.objects.count()
    rows = [good_row(f"Người Thứ {n}", f"0100020{n}") for n in range(1, 6)]
    client = cast.client("office")
    client.raise_request_exception = False
    response = post_file(client, workbook_bytes(MINIMAL, rows))
    assert response.status_code == 500 and calls["n"] == 3
    assert Member.objects.count() == members
    assert AuditEntry.objects.count() == entries
