"""A DOCX in the format of Party documents (HD 36-HD/VPTW; DOMAIN §7): header block, number, place and
date, title, body, signature and recipients, on A4 in Times New Roman 14.

python-docx's default page is US Letter and its default font Calibri: both are set explicitly here,
and the East Asian font slot too, or Word shows Vietnamese letters in a fallback font.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
SIZE = 14
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class PartyDocument:
    """What a Party document says; build_party_docx lays it out."""

    upper_body: str  # "ĐẢNG BỘ BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI" (may be empty)
    issuer: str  # "ĐẢNG ỦY TỔNG CỤC GIÁO DỤC NGHỀ NGHIỆP"
    symbol: str  # "12-BC/ĐU"
    place: str  # "Hà Nội"
    date: datetime.date
    doc_type_name: str  # "BÁO CÁO"
    summary: str  # trích yếu
    sections: list[Section] = field(default_factory=list)
    signer_capacity: str = "T/M ĐẢNG ỦY"
    signer_title: str = "BÍ THƯ"
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)


def date_line(place: str, on: datetime.date) -> str:
    """ "Hà Nội, ngày 17 tháng 01 năm 2020" (two-digit day and month, as in HD 36's examples)."""
    return f"{place}, ngày {on.day:02d} tháng {on.month:02d} năm {on.year}"


def _font(run_or_style: object, *, size: int = SIZE, bold: bool = False, italic: bool = False) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    r_pr = run_or_style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attr), FONT)


def _para(
    container: Any,
    text: str = "",
    *,
    size: int = SIZE,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: int | None = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> Paragraph:
    # A fresh table cell already holds one empty paragraph: use it for the first line.
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    _font(run, size=size, bold=bold, italic=italic)
    run.underline = underline
    return paragraph


def _no_borders(table: object) -> None:
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def build_party_docx(doc: PartyDocument) -> bytes:
    """Lay out `doc` and return the bytes of the .docx file."""
    document = Document()
    normal = document.styles["Normal"]
    _font(normal)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)

    # Header: issuer on the left, the Party's name and the date on the right, without borders.
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    header.autofit = False
    _no_borders(header)
    left, right = header.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    first = True
    if doc.upper_body:
        _para(left, doc.upper_body.upper(), first=True)
        first = False
    _para(left, doc.issuer.upper(), bold=True, first=first)
    _para(left, "*")
    _para(left, f"Số {doc.symbol}")
    _para(right, PARTY_TITLE, size=15, bold=True, underline=True, first=True)
    _para(right, "")
    _para(right, date_line(doc.place, doc.date), italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)

    _para(document, "")
    _para(document, doc.doc_type_name.upper(), size=16, bold=True)
    _para(document, doc.summary, bold=True)
    _para(document, "-----")

    for part in doc.sections:
        heading = _para(document, part.heading, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        heading.paragraph_format.space_before = Pt(6)
        for text in part.paragraphs:
            body = _para(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            body.paragraph_format.first_line_indent = Mm(10)
            body.paragraph_format.space_after = Pt(6)

    # Signature on the right, recipients on the left, side by side as in the printed form.
    footer = document.add_table(rows=1, cols=2)
    footer.autofit = False
    _no_borders(footer)
    rec_cell, sign_cell = footer.rows[0].cells
    rec_cell.width, sign_cell.width = Mm(80), Mm(85)
    _para(rec_cell, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    for line in doc.recipients:
        _para(rec_cell, line, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(sign_cell, doc.signer_capacity, bold=True, first=True)
    _para(sign_cell, doc.signer_title, bold=True)
    for _blank in range(3):
        _para(sign_cell, "")
    if doc.signer_name:
        _para(sign_cell, doc.signer_name, bold=True)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
