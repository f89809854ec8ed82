from __future__ import annotations

import datetime
import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from dangvu.documents.docx_party import PartyDocument, Section, build_party_docx, date_line


def _doc() -> PartyDocument:
    return PartyDocument(
        upper_body="Đảng bộ Bộ Lao động – Thương binh và Xã hội",
        issuer="Đảng ủy Tổng cục Giáo dục nghề nghiệp",
        symbol="12-BC/ĐU",
        place="Hà Nội",
        date=datetime.date(2020, 1, 17),
        doc_type_name="Báo cáo",
        summary="Tổng kết công tác Đảng năm 2019",
        sections=[
            Section("I. Kết quả", ["Chi bộ Vụ Kỹ năng nghề: hoàn thành tốt nhiệm vụ."]),
            Section("II. Hạn chế", ["Một số đơn vị báo cáo chậm."]),
        ],
        signer_name="Nguyễn Hồng Minh",
        recipients=["- Đảng ủy Bộ;", "- Lưu Văn phòng Đảng ủy."],
    )


def _all_text(document: object) -> str:
    parts = [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
    for table in document.tables:  # type: ignore[attr-defined]
        for cell in table._cells:
            parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def test_the_document_reopens_with_the_party_format() -> None:
    document = Document(io.BytesIO(build_party_docx(_doc())))
    text = _all_text(document)
    for expected in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
        "ĐẢNG ỦY TỔNG CỤC GIÁO DỤC NGHỀ NGHIỆP",
        "Số 12-BC/ĐU",
        "Hà Nội, ngày 17 tháng 01 năm 2020",
        "BÁO CÁO",
        "Tổng kết công tác Đảng năm 2019",
        "I. Kết quả",
        "Chi bộ Vụ Kỹ năng nghề: hoàn thành tốt nhiệm vụ.",
        "T/M ĐẢNG ỦY",
        "BÍ THƯ",
        "Nguyễn Hồng Minh",
        "Nơi nhận:",
        "- Lưu Văn phòng Đảng ủy.",
    ]:
        assert expected in text
    section = document.sections[0]
    # Word stores twips, so lengths come back within a fraction of a millimetre.
    for length, mm in [
        (section.page_width, 210),
        (section.page_height, 297),
        (section.left_margin, 30),
        (section.right_margin, 15),
        (section.top_margin, 20),
        (section.bottom_margin, 20),
    ]:
        assert abs(length.mm - mm) < 0.1
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    r_fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert r_fonts.get(qn("w:eastAsia")) == "Times New Roman"


def test_issuer_is_bold_and_date_italic() -> None:
    document = Document(io.BytesIO(build_party_docx(_doc())))
    left, right = document.tables[0].rows[0].cells
    runs = {p.text: p.runs[0] for p in [*left.paragraphs, *right.paragraphs] if p.runs and p.text}
    assert runs["ĐẢNG ỦY TỔNG CỤC GIÁO DỤC NGHỀ NGHIỆP"].bold
    assert not runs["ĐẢNG BỘ BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"].bold
    assert runs["Hà Nội, ngày 17 tháng 01 năm 2020"].italic
    assert runs["ĐẢNG CỘNG SẢN VIỆT NAM"].bold and runs["ĐẢNG CỘNG SẢN VIỆT NAM"].underline
    assert "*" in [p.text for p in left.paragraphs]


def test_date_line_pads_day_and_month() -> None:
    assert date_line("Hà Nội", datetime.date(2019, 3, 5)) == "Hà Nội, ngày 05 tháng 03 năm 2019"
