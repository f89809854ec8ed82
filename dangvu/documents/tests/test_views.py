"""The register's pages as a clerk and a reader use them: entering, issuing, reading, printing the book."""

from __future__ import annotations

import datetime
import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as Docx
from docx.shared import Mm

from dangvu.conftest import Cast
from dangvu.documents import book
from dangvu.documents.docx_party import PartyDocument, build_party_docx
from dangvu.documents.models import Confidentiality, DocType, Document
from dangvu.documents.services import document_issue_outgoing
from dangvu.documents.tests.helpers import incoming

D = datetime.date
LIST = reverse("documents:document_list")


def _guidance_docx() -> bytes:
    return build_party_docx(
        PartyDocument(
            upper_body="ĐẢNG BỘ KHỐI CÁC CƠ QUAN TRUNG ƯƠNG",
            issuer="ĐẢNG ỦY KHỐI",
            symbol="24-HD/ĐUK",
            place="Hà Nội",
            date=D(2019, 11, 20),
            doc_type_name="Hướng dẫn",
            summary="Kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2019",
            recipients=["Các đảng ủy trực thuộc"],
        )
    )


def _incoming_post(**over: Any) -> dict[str, Any]:
    data = {
        "doc_type": "HD",
        "symbol": "24-HD/ĐUK",
        "date": "20/11/2019",
        "issuer_name": "ĐẢNG ỦY KHỐI",
        "summary": "Kiểm điểm năm 2019",
        "confidentiality": "thuong",
        "recipients": "",
        "note": "",
    }
    data.update(over)
    return data


def test_an_uploaded_docx_proposes_its_number_date_type_and_issuer_and_the_clerk_confirms(cast: Cast) -> None:
    office = cast.client("office")
    url = reverse("documents:incoming_create")
    upload = SimpleUploadedFile("huong-dan-24.docx", _guidance_docx())
    page = office.post(url, {"step": "read", "file": upload})
    form = page.context["form"]
    assert page.status_code == 200 and "Hãy kiểm tra và sửa" in page.content.decode()
    assert form.initial["symbol"] == "24-HD/ĐUK" and form.initial["date"] == D(2019, 11, 20)
    assert form.initial["doc_type"] == "HD" and form.initial["issuer_name"] == "ĐẢNG ỦY KHỐI"
    assert form.initial["summary"].startswith("Kiểm điểm, đánh giá, xếp loại")
    # the clerk corrects the issuer and confirms
    data = {**_incoming_post(issuer_name="Đảng ủy Khối các cơ quan Trung ương"), "upload": form.initial["upload"]}
    response = office.post(url, data, follow=True)
    document = Document.objects.get()
    assert "Đã vào sổ văn bản đến 24-HD/ĐUK" in response.content.decode()
    assert document.issuer_name == "Đảng ủy Khối các cơ quan Trung ương" and document.org == cast.root
    assert "xếp loại chất lượng tổ chức đảng" in document.text
    stored = document.files.get()
    download = cast.client("observer").get(reverse("documents:file_download", args=[stored.pk]))
    assert Docx(io.BytesIO(b"".join(download.streaming_content))).tables[0].rows[0].cells[0].text.endswith("24-HD/ĐUK")
    assert 'filename="huong-dan-24.docx"' in download["Content-Disposition"]


def test_a_file_that_is_not_docx_or_pdf_is_refused_with_a_message(cast: Cast) -> None:
    upload = SimpleUploadedFile("virus.docx", b"MZ\x90\x00 not a zip")
    page = cast.client("office").post(reverse("documents:incoming_create"), {"step": "read", "file": upload})
    assert page.status_code == 200 and "không đúng với đuôi .docx" in page.content.decode()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"date": "01/01/2099"}, "Ngày văn bản 01/01/2099 ở tương lai."),
        ({"doc_type": "XYZ"}, "Thể loại văn bản “XYZ” không có trong danh mục."),
    ],
)
def test_bad_input_gives_a_clear_message_not_an_error_page(cast: Cast, over: dict[str, str], message: str) -> None:
    page = cast.client("office").post(reverse("documents:incoming_create"), _incoming_post(**over))
    assert page.status_code == 200 and message in page.content.decode()
    assert not Document.objects.exists()


def test_entering_the_same_incoming_document_twice_says_it_is_already_there(cast: Cast) -> None:
    office = cast.client("office")
    url = reverse("documents:incoming_create")
    assert office.post(url, _incoming_post()).status_code == 302
    page = office.post(url, _incoming_post(symbol="Số 24-HD/ĐUK", issuer_name="Đảng ủy Khối"))
    assert page.status_code == 200
    assert "Văn bản số 24-HD/ĐUK ngày 20/11/2019 của ĐẢNG ỦY KHỐI đã có trong sổ" in page.content.decode()
    assert Document.objects.count() == 1


def test_pressing_cap_so_issues_the_next_number_and_it_cannot_be_edited(cast: Cast) -> None:
    office = cast.client("office")
    data = {"doc_type": "KH", "date": "05/03/2019", "summary": "Kế hoạch kiểm tra, giám sát năm 2019"}
    data |= {"confidentiality": "thuong", "recipients": "Các chi bộ trực thuộc", "note": ""}
    response = office.post(reverse("documents:outgoing_create"), data, follow=True)
    assert "Đã cấp số 01-KH/ĐU." in response.content.decode()
    second = office.post(reverse("documents:outgoing_create"), data, follow=True)
    assert "Đã cấp số 02-KH/ĐU." in second.content.decode()
    document = Document.objects.get(symbol="01-KH/ĐU")
    edit_url = reverse("documents:document_edit", args=[document.pk])
    assert 'name="symbol"' not in office.get(edit_url).content.decode()
    office.post(edit_url, {"summary": "Kế hoạch KTGS 2019", "confidentiality": "thuong", "symbol": "09-KH/ĐU"})
    document.refresh_from_db()
    assert document.symbol == "01-KH/ĐU" and document.summary == "Kế hoạch KTGS 2019"


def test_a_secret_document_is_read_only_by_the_office_and_the_committee(cast: Cast) -> None:
    secret = incoming(cast, symbol="03-TB/ĐUK", confidentiality=Confidentiality.SECRET)
    incoming(cast, symbol="04-TB/ĐUK")
    detail = reverse("documents:document_detail", args=[secret.pk])
    for role, status in [("office", 200), ("committee", 200), ("inspection", 404), ("observer", 404)]:
        assert cast.client(role).get(detail).status_code == status, role
        listed = cast.client(role).get(LIST).content.decode()
        assert ("03-TB/ĐUK" in listed) == (status == 200) and "04-TB/ĐUK" in listed


def test_a_cell_secretary_reads_their_cells_register_only(cast: Cast) -> None:
    cell_doc = document_issue_outgoing(
        issuer=cast.cell_a, doc_type=DocType.BC, summary="Báo cáo chi bộ A", user=None, date=D(2019, 6, 1)
    )
    incoming(cast)
    page = cast.client("cell_secretary").get(LIST, {"direction": "di"}).content.decode()
    assert cell_doc.symbol in page and cell_doc.symbol == "01-BC/CB"
    assert "15-HD/ĐUK" not in cast.client("cell_secretary").get(LIST).content.decode()


def test_an_archived_document_leaves_the_register(cast: Cast) -> None:
    document = incoming(cast)
    response = cast.client("office").post(reverse("documents:document_archive", args=[document.pk]), follow=True)
    assert "Đã lưu trữ văn bản 15-HD/ĐUK" in response.content.decode()
    assert "15-HD/ĐUK" not in cast.client("office").get(LIST).content.decode()
    assert cast.client("office").get(document.get_absolute_url()).status_code == 404


def _many(cast: Cast, n: int, start: int) -> None:
    for i in range(start, start + n):
        incoming(cast, symbol=f"{i}-CV/ĐUK", date=D(2019, 1 + i % 12, 1 + i % 28))


def test_the_register_list_runs_the_same_queries_whatever_its_size(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    _many(cast, 3, 1)
    client = cast.client("committee")
    client.get(LIST)
    with django_assert_max_num_queries(12):
        client.get(LIST)
    _many(cast, 30, 10)
    with django_assert_max_num_queries(12):
        page = client.get(LIST)
    assert page.context["page"].paginator.count == 33


def _book_rows(response: Any) -> list[tuple[Any, ...]]:
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return list(sheet.iter_rows(values_only=True))


def test_the_book_prints_the_filtered_period_and_type_as_xlsx(cast: Cast) -> None:
    incoming(cast, symbol="01-HD/ĐUK", date=D(2019, 2, 1))
    incoming(cast, symbol="02-HD/ĐUK", date=D(2019, 5, 1))
    incoming(cast, symbol="03-HD/ĐUK", date=D(2020, 1, 3))
    incoming(cast, symbol="09-HD/ĐUK", confidentiality=Confidentiality.SECRET, date=D(2019, 3, 1))
    query = {"direction": "den", "doc_type": "HD", "date_from": "01/01/2019", "date_to": "31/12/2019"}
    rows = _book_rows(cast.client("observer").get(reverse("documents:book_xlsx"), query))
    assert rows[0][0] == "ĐẢNG BỘ THỬ NGHIỆM" and rows[1][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
    assert rows[2][0] == "Từ ngày 01/01/2019 đến ngày 31/12/2019"
    header = rows.index(next(r for r in rows if r and r[0] == "Số thứ tự"))
    assert rows[header][2] == "Số, ký hiệu" and rows[header][4] == "Trích yếu nội dung"
    body = rows[header + 1 :]
    assert [(r[0], r[1], r[2]) for r in body] == [("1", "01/02/2019", "01-HD/ĐUK"), ("2", "01/05/2019", "02-HD/ĐUK")]
    office_rows = _book_rows(cast.client("office").get(reverse("documents:book_xlsx"), query))
    assert any(r[2] == "09-HD/ĐUK" and r[5] == "Mật" for r in office_rows)  # the secret entry, for the office only


@pytest.mark.parametrize("summary", ['=HYPERLINK("http://x.example","Mở")', "-1+2 hội nghị", "@SUM(A1)"])
def test_a_summary_that_looks_like_a_formula_stays_text_in_the_book(cast: Cast, summary: str) -> None:
    document = incoming(cast)
    document.summary = summary
    document.save()
    response = cast.client("office").get(reverse("documents:book_xlsx"), {"direction": "den"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    [cell] = [cell for row in sheet.iter_rows() for cell in row if cell.value == summary]
    assert cell.data_type == "s" and cell.quotePrefix  # shown as text, and still text once edited


def test_the_book_prints_as_a_docx_table(cast: Cast) -> None:
    document_issue_outgoing(
        issuer=cast.root,
        doc_type=DocType.KH,
        summary="Kế hoạch năm 2019",
        user=None,
        date=D(2019, 1, 10),
        recipients="Các chi bộ trực thuộc",
    )
    response = cast.client("office").get(reverse("documents:book_docx"), {"direction": "di"})
    doc = Docx(io.BytesIO(response.content))
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in [p.text for p in doc.paragraphs]
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][:4] == ["Số thứ tự", "Ngày ban hành", "Số, ký hiệu", "Nơi nhận"]
    assert [c.text for c in table.rows[1].cells][:5] == [
        "1",
        "10/01/2019",
        "01-KH/ĐU",
        "Các chi bộ trực thuộc",
        "Kế hoạch năm 2019",
    ]
    widths = [round(c.width.mm, 1) for row in table.rows[:2] for c in row.cells]
    assert widths == [round(Mm(w).mm, 1) for w in book.DOCX_WIDTHS] * 2  # in twips: within 0.1 mm
    assert [round(Mm(w).mm, 1) for w in book.DOCX_WIDTHS] == [round(c.width.mm, 1) for c in table.columns]


@pytest.mark.parametrize("ext", ["xlsx", "docx"])
def test_a_book_too_long_for_one_request_asks_for_a_shorter_period(cast: Cast, ext: str, monkeypatch: Any) -> None:
    monkeypatch.setitem(book.MAX_ENTRIES, ext, 2)
    _many(cast, 3, 1)
    client = cast.client("office")
    query = {"direction": "den", "date_from": "01/01/2019"}
    response = client.get(reverse(f"documents:book_{ext}"), query, follow=True)
    assert response.redirect_chain[-1][0].startswith(LIST + "?direction=den&date_from=01%2F01%2F2019")
    assert "Sổ theo bộ lọc có 3 văn bản, quá 2 để in một lần" in response.content.decode()
    query["date_to"] = "28/02/2019"  # two entries: January and February
    response = client.get(reverse(f"documents:book_{ext}"), query)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_a_document_page_runs_the_same_queries_whatever_its_files_and_links(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    from dangvu.documents.services import file_upload, link_add
    from dangvu.documents.tests.helpers import upload

    document = incoming(cast)
    client = cast.client("office")
    url = document.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(14):
        client.get(url)
    for i in range(5):
        file_upload(upload=upload(f"tep-{i}.docx"), user=None, document=document)
    for org in (cast.cell_a, cast.cell_b, cast.root):
        link_add(document=document, target=org)
    link_add(document=document, target=cast.member_a)
    with django_assert_max_num_queries(14):
        page = client.get(url).content.decode()
    assert "tep-4.docx" in page and "Chi bộ B" in page and "Nguyễn Hồng Minh" in page
