"""The report as files: the Party-format DOCX (documents.docx_party) with its tables of figures, and the
XLSX annexes (one sheet per statistical table, with headers and totals). No database access here: both
take a version already fetched."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dangvu.annual.models import SECTION_KEYS, SECTION_TITLES, AnnualReport, ReportVersion
from dangvu.annual.tables import Table, report_tables
from dangvu.core.xlsx import safe_row
from dangvu.documents.docx_party import FONT, PartyDocument, Section, build_party_docx
from dangvu.documents.services import issuer_abbr

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PLACE = "Hà Nội"
TABLE_SIZE = 11


def issuer_name(org_name: str) -> str:
    """The committee issues the document: "Đảng bộ X" -> "Đảng ủy X"."""
    for prefix in ("Đảng bộ cơ sở ", "Đảng bộ "):
        if org_name.startswith(prefix):
            return "Đảng ủy " + org_name[len(prefix) :]
    return org_name


def report_title(report: AnnualReport) -> str:
    with translation.override("vi"):
        return _("Tổng kết công tác xây dựng Đảng năm %(year)d, phương hướng, nhiệm vụ trọng tâm năm %(next)d") % {
            "year": report.year,
            "next": report.year + 1,
        }


def filename(report: AnnualReport, ext: str) -> str:
    return f"bao-cao-tong-ket-{report.year}-{report.org_id}.{ext}"


def _issued_on(report: AnnualReport) -> datetime.date:
    return timezone.localdate(report.finalised_at) if report.finalised_at else timezone.localdate()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _font(run: Any, *, size: int = TABLE_SIZE, bold: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    r_pr = run.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attr), FONT)


def _add_table(document: Any, before: Any, table: Table) -> None:
    """Insert `table` (a caption, then a grid) just before the paragraph `before`."""
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _font(caption.add_run(table.title), size=13, bold=True)
    rows = [table.headers, *table.rows, *([table.total] if table.total else [])]
    grid = document.add_table(rows=len(rows), cols=len(table.headers))
    grid.style = "Table Grid"
    grid.autofit = False
    # The unit's name gets a wide first column; the figures share the rest of the 165 mm line.
    first = 55 if len(table.headers) <= 6 else 40
    widths = [Mm(first)] + [Mm((165 - first) // max(len(table.headers) - 1, 1))] * (len(table.headers) - 1)
    size = TABLE_SIZE if len(table.headers) <= 6 else TABLE_SIZE - 1
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for i, values in enumerate(rows):
        bold = i == 0 or (table.total is not None and i == len(rows) - 1)
        for j, value in enumerate(values):
            paragraph = grid.cell(i, j).paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if j == 0 else WD_ALIGN_PARAGRAPH.CENTER
            _font(paragraph.add_run(str(value)), size=size, bold=bold)
    before._p.addprevious(caption._p)
    before._p.addprevious(grid._tbl)
    spacer = document.add_paragraph()
    before._p.addprevious(spacer._p)


def report_docx(report: AnnualReport, version: ReportVersion) -> bytes:
    """The report in the Party document format; the tables of figures close section I."""
    org = report.org
    with translation.override("vi"):
        sections = [Section(str(SECTION_TITLES[key]), _lines(version.sections.get(key, ""))) for key in SECTION_KEYS]
        number = report.number or f"     -BC/{issuer_abbr(org)}"
        document = PartyDocument(
            upper_body=org.parent.name if org.parent_id and org.parent else "",
            issuer=issuer_name(org.name),
            symbol=number,
            place=PLACE,
            date=_issued_on(report),
            doc_type_name=_("Báo cáo"),
            summary=report_title(report),
            sections=sections,
            signer_capacity=_("T/M ĐẢNG ỦY"),
            signer_title=_("BÍ THƯ"),
            recipients=[
                _("- Đảng ủy cấp trên (để báo cáo),"),
                _("- Các đồng chí Đảng ủy viên,"),
                _("- Các chi bộ trực thuộc,"),
                _("- Lưu Văn phòng Đảng ủy."),
            ],
        )
        raw = build_party_docx(document)
        docx = Document(io.BytesIO(raw))
        second = str(SECTION_TITLES[SECTION_KEYS[1]])
        anchor = next(p for p in docx.paragraphs if p.text == second)
        for table in report_tables(version.figures):
            _add_table(docx, anchor, table)
        if not report.is_final:
            # A draft says so above its title (HD 36: the "DỰ THẢO" mark).
            title = next(p for p in docx.paragraphs if p.text == _("Báo cáo").upper())
            mark = docx.add_paragraph()
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(mark.add_run(_("DỰ THẢO") + f" (v{version.number})"), size=13, bold=True)
            title._p.addprevious(mark._p)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def report_xlsx(report: AnnualReport, version: ReportVersion) -> bytes:
    """The annexes: one sheet per table, a title line, bold headers, the rows and a bold total line."""
    workbook = Workbook(write_only=True)
    with translation.override("vi"):
        for table in report_tables(version.figures):
            sheet = workbook.create_sheet(table.sheet[:31])
            title = WriteOnlyCell(sheet, f"{table.title} — {report.org.name}")
            title.font = Font(bold=True, size=13)
            sheet.append([title])
            headers = []
            for text in table.headers:
                cell = WriteOnlyCell(sheet, text)
                cell.font = Font(bold=True)
                headers.append(cell)
            sheet.append(headers)
            for row in table.rows:
                sheet.append(safe_row(sheet, row))
            if table.total:
                total = []
                for value in table.total:
                    cell = WriteOnlyCell(sheet, value)
                    cell.font = Font(bold=True)
                    total.append(cell)
                sheet.append(total)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
