"""The register printed as the paper book an office keeps (sổ đăng ký văn bản đến / đi), as XLSX and DOCX.

No database access: the view passes the rows already fetched (selectors.book). Headers are written under
`translation.override("vi")`: the book reads the same whatever the screen's language. Dates are dd/mm/yyyy text.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document as Docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from dangvu.core.xlsx import keep_text
from dangvu.documents.models import Document

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDTHS = (6, 12, 18, 34, 60, 10, 24)  # XLSX, in characters
# DOCX, in mm: the 262 mm between the margins of a landscape A4, the summary widest, a date on one line.
DOCX_WIDTHS = (12, 25, 28, 45, 95, 18, 39)
# The longest book printed in one request: about 4 s for a DOCX (0.8 ms an entry) and 6 s for an XLSX (0.3 ms).
# A province's register (79,146 entries in the demo) would hold a server worker past gunicorn's timeout; the
# register asks for a shorter period or one type instead (docs/performance.md).
MAX_ENTRIES = {"docx": 5_000, "xlsx": 20_000}


@dataclass
class BookTitle:
    org_name: str
    direction: str
    date_from: datetime.date | None
    date_to: datetime.date | None
    doc_type_label: str = ""


def headers(direction: str) -> list[str]:
    incoming = direction == Document.Direction.INCOMING
    return [
        _("Số thứ tự"),
        _("Ngày văn bản") if incoming else _("Ngày ban hành"),
        _("Số, ký hiệu"),
        _("Tác giả (cơ quan ban hành)") if incoming else _("Nơi nhận"),
        _("Trích yếu nội dung"),
        _("Độ mật"),
        _("Ghi chú"),
    ]


def row(index: int, document: Document) -> list[str]:
    incoming = document.direction == Document.Direction.INCOMING
    return [
        str(index),
        f"{document.date:%d/%m/%Y}",
        document.symbol,
        document.issuer_name if incoming else document.recipients.replace("\n", "; "),
        document.summary,
        document.get_confidentiality_display(),
        document.note,
    ]


def title_lines(title: BookTitle) -> list[str]:
    name = _("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN") if title.direction == Document.Direction.INCOMING else _("SỔ ĐĂNG KÝ VĂN BẢN ĐI")
    lines = [title.org_name.upper(), name]
    if title.date_from or title.date_to:
        lines.append(
            _("Từ ngày %(a)s đến ngày %(b)s")
            % {
                "a": f"{title.date_from:%d/%m/%Y}" if title.date_from else "…",
                "b": f"{title.date_to:%d/%m/%Y}" if title.date_to else "…",
            }
        )
    if title.doc_type_label:
        lines.append(_("Thể loại: %(t)s") % {"t": title.doc_type_label})
    return lines


def write_xlsx(documents: Iterable[Document], title: BookTitle, out: IO[bytes]) -> None:
    with translation.override("vi"):
        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Sổ văn bản"))
        for col, width in enumerate(WIDTHS):
            sheet.column_dimensions[chr(ord("A") + col)].width = width
        for line in title_lines(title):
            cell = WriteOnlyCell(sheet, value=line)
            cell.font = Font(bold=True)
            sheet.append([cell])
        sheet.append([])
        head = []
        for text in headers(title.direction):
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            head.append(cell)
        sheet.append(head)
        for index, document in enumerate(documents, 1):
            cells = []
            for value in row(index, document):
                cell = keep_text(WriteOnlyCell(sheet, value=value))  # a summary starting with "=" stays text
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cells.append(cell)
            sheet.append(cells)
        book.save(out)


def build_docx(documents: Iterable[Document], title: BookTitle) -> bytes:
    """A landscape A4 book: the title block, then one table row per entry, in Times New Roman."""
    with translation.override("vi"):
        doc = Docx()
        normal = doc.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(12)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        for side in ("top_margin", "bottom_margin", "right_margin"):
            setattr(section, side, Mm(15))
        section.left_margin = Mm(20)
        for line in title_lines(title):
            paragraph = doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(line).bold = True
        labels = headers(title.direction)
        table = doc.add_table(rows=1, cols=len(labels))
        table.style = "Table Grid"
        widths = [Mm(width) for width in DOCX_WIDTHS]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the table's grid, which LibreOffice lays out by (it ignores the cells' widths)
        for cell, width, text in zip(table.rows[0].cells, widths, labels, strict=True):
            cell.width = width
            cell.paragraphs[0].add_run(text).bold = True
        for index, document in enumerate(documents, 1):
            # Rows written straight into the table's XML: python-docx's `add_row()` looks up the table's grid and
            # `_Row.cells` rebuilds the grid of the whole table, for every row, so a book of 2,000 entries took
            # 4 s and one of 79,000 did not finish (docs/performance.md).
            tr = table._tbl.add_tr()
            for width, value in zip(widths, row(index, document), strict=True):
                tc = tr.add_tc()
                tc.width = width
                _Cell(tc, table).text = value
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()
