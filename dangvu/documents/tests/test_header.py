"""Proposals read from the header of real-looking Party documents (DOCX, and the same as a PDF)."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from dangvu.documents.docx_party import PartyDocument, Section, build_party_docx
from dangvu.documents.services import extract_text
from dangvu.intake.extractors.header import parse_header

REPORT = PartyDocument(
    upper_body="ĐẢNG BỘ KHỐI CÁC CƠ QUAN TRUNG ƯƠNG",
    issuer="ĐẢNG ỦY BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
    symbol="15-BC/ĐU",
    place="Hà Nội",
    date=datetime.date(2020, 1, 17),
    doc_type_name="Báo cáo",
    summary="Tổng kết công tác xây dựng Đảng năm 2019, phương hướng, nhiệm vụ năm 2020",
    sections=[Section("I. Kết quả", ["Đảng bộ đã lãnh đạo hoàn thành nhiệm vụ chính trị năm 2019."])],
    recipients=["Đảng ủy Khối (để báo cáo)", "Lưu Văn phòng Đảng ủy"],
)


def _check(text: str) -> None:
    header = parse_header(text)
    assert header.symbol == "15-BC/ĐU" and header.number == 15
    assert header.doc_type == "BC"
    assert header.date == datetime.date(2020, 1, 17) and header.place == "Hà Nội"
    assert header.issuer == "ĐẢNG ỦY BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"
    assert header.summary.startswith("Tổng kết công tác xây dựng Đảng năm 2019")


def test_the_header_of_a_party_docx_is_read_for_the_clerk_to_confirm() -> None:
    _check(extract_text(build_party_docx(REPORT), "bao-cao.docx"))


def test_the_header_of_the_same_document_as_a_pdf_is_read_too(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(build_party_docx(REPORT))
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    _check(extract_text((tmp_path / "bao-cao.pdf").read_bytes(), "bao-cao.pdf"))


def test_a_state_style_number_and_a_title_word_give_the_type() -> None:
    header = parse_header(
        "BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI\nVĂN PHÒNG\nSố: 12/KH-VP\nHà Nội, ngày 3 tháng 4 năm 2019\n"
        "KẾ HOẠCH\nTổ chức học tập Nghị quyết Trung ương 8\nCăn cứ..."
    )
    assert header.symbol == "12/KH-VP" and header.doc_type == "KH" and header.date == datetime.date(2019, 4, 3)
    assert header.issuer == "VĂN PHÒNG" and header.summary == "Tổ chức học tập Nghị quyết Trung ương 8"


def test_a_cong_van_takes_its_summary_from_the_vv_line() -> None:
    header = parse_header("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG\nSố 215-CV/ĐUK\nV/v báo cáo kiểm điểm năm 2019\n")
    assert header.doc_type == "CV" and header.summary == "báo cáo kiểm điểm năm 2019"


def test_text_without_a_header_proposes_nothing() -> None:
    header = parse_header("Ngày mai chi bộ họp thường kỳ.")
    assert header.symbol == "" and header.date is None and header.doc_type == "" and header.issuer == ""
