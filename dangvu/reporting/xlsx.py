"""The compliance dashboard as an XLSX sheet (openpyxl write-only), always in Vietnamese."""

from __future__ import annotations

import datetime
from typing import IO, Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dangvu.core.xlsx import safe_row
from dangvu.reporting import selectors

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 500  # organizations per grouped query: memory and query count stay flat on a province


def write_compliance(user: Any, *, year: int, today: datetime.date, out: IO[bytes]) -> None:
    workbook = Workbook(write_only=True)
    with translation.override("vi"):
        sheet = workbook.create_sheet(_("Đúng hạn %(y)d") % {"y": year})
        title = WriteOnlyCell(
            sheet, _("Tình hình báo cáo năm %(y)d (xuất ngày %(d)s)") % {"y": year, "d": f"{today:%d/%m/%Y}"}
        )
        title.font = Font(bold=True, size=13)
        sheet.append([title])
        headers = [
            _("Tổ chức đảng"),
            _("Phải nộp"),
            _("Đúng hạn"),
            _("Muộn"),
            _("Quá hạn chưa gửi"),
            _("Tỷ lệ đúng hạn"),
        ]
        header_cells = []
        for text in headers:
            cell = WriteOnlyCell(sheet, text)
            cell.font = Font(bold=True)
            header_cells.append(cell)
        sheet.append(header_cells)
        orgs = list(selectors.compliance_orgs(user, year=year))
        for start in range(0, len(orgs), CHUNK):
            for row in selectors.compliance_rows(orgs[start : start + CHUNK], year=year, today=today):
                sheet.append(
                    safe_row(
                        sheet,
                        [
                            row.org.name,
                            row.due,
                            row.on_time,
                            row.late,
                            row.missing,
                            round(row.rate, 4) if row.rate is not None else None,
                        ],
                    )
                )
    workbook.save(out)
