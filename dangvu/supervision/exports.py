"""Files: the program as XLSX (only the activities the user may see) and the conclusion notice as DOCX (TB)."""

from __future__ import annotations

import datetime
from typing import IO, Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dangvu.documents.docx_party import PartyDocument, Section, build_party_docx
from dangvu.supervision import selectors
from dangvu.supervision.models import Activity, Finding, Program

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _d(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def write_program(user: Any, program: Program, *, out: IO[bytes]) -> None:
    workbook = Workbook(write_only=True)
    with translation.override("vi"):
        sheet = workbook.create_sheet(_("Chương trình %(y)d") % {"y": program.year})
        title = WriteOnlyCell(sheet, f"{program.title} — {program.org.name}")
        title.font = Font(bold=True, size=13)
        sheet.append([title])
        headers = [
            _("Tháng"),
            _("Loại"),
            _("Đối tượng"),
            _("Nội dung"),
            _("Trưởng đoàn"),
            _("Bước"),
            _("Ngày quyết định"),
            _("Ngày kết luận"),
            _("Số thông báo"),
            _("Đúng hạn"),
        ]
        cells = []
        for text in headers:
            cell = WriteOnlyCell(sheet, text)
            cell.font = Font(bold=True)
            cells.append(cell)
        sheet.append(cells)
        for act in selectors.program_activities(user, program):
            on_time = act.concluded_on is not None and act.concluded_on <= act.planned_end
            sheet.append(
                [
                    act.planned_month,
                    act.get_kind_display(),
                    act.subject_label,
                    act.content,
                    act.lead.full_name if act.lead else "",
                    act.get_state_display(),
                    _d(act.decided_on),
                    _d(act.concluded_on),
                    act.notice_number,
                    _("Có") if on_time else _("Không"),
                ]
            )
    workbook.save(out)


def issuer_name(org_name: str) -> str:
    for prefix in ("Đảng bộ cơ sở ", "Đảng bộ "):
        if org_name.startswith(prefix):
            return "Đảng ủy " + org_name[len(prefix) :]
    return org_name


def notice_docx(activity: Activity) -> bytes:
    """Thông báo kết luận kiểm tra/giám sát (TB) from the stored findings and recommendations."""
    program = activity.program
    org = program.org
    findings = list(
        Finding.objects.active().filter(activity=activity).prefetch_related("recommendations").order_by("pk")
    )
    with translation.override("vi"):
        groups = [
            (_("I. Ưu điểm"), Finding.Kind.STRENGTH),
            (_("II. Hạn chế, khuyết điểm"), Finding.Kind.SHORTCOMING),
            (_("III. Vi phạm"), Finding.Kind.VIOLATION),
        ]
        sections = [Section(h, [f.text for f in findings if f.kind == k]) for h, k in groups]
        recs = [
            _("%(t)s — %(o)s, hạn %(d)s") % {"t": r.text, "o": r.owner_label, "d": _d(r.deadline)}
            for f in findings
            for r in f.recommendations.all()
            if r.archived_at is None
        ]
        sections.append(Section(_("IV. Kiến nghị, yêu cầu khắc phục"), recs))
        issuer = org.name if org.is_cell else issuer_name(org.name)
        if program.body == Program.Body.INSPECTION_COMMISSION:
            issuer = _("Ủy ban Kiểm tra %(o)s") % {"o": issuer}
        capacity = (
            _("T/M ỦY BAN KIỂM TRA")
            if program.body == Program.Body.INSPECTION_COMMISSION
            else (_("T/M CHI BỘ") if org.is_cell else _("T/M ĐẢNG ỦY"))
        )
        document = PartyDocument(
            upper_body=org.parent.name if org.parent_id and org.parent else "",
            issuer=issuer,
            symbol=activity.notice_number or "   -TB/",
            place="Hà Nội",
            date=activity.concluded_on or datetime.date.today(),
            doc_type_name=_("Thông báo"),
            summary=_("Kết luận %(k)s đối với %(s)s")
            % {"k": activity.get_kind_display().lower(), "s": activity.subject_label},
            sections=sections,
            signer_capacity=capacity,
            signer_title=_("CHỦ NHIỆM") if program.body == Program.Body.INSPECTION_COMMISSION else _("BÍ THƯ"),
            recipients=[activity.subject_label, _("Lưu")],
        )
    return build_party_docx(document)
