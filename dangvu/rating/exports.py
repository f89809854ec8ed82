"""Files: the rating table of a cell or of the committee (XLSX, the usual layout) and a member's bản kiểm điểm (DOCX).

The table writer takes rows already fetched (no database access); headers are written in Vietnamese whatever the
interface language.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import IO, Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dangvu.documents.docx_party import PartyDocument, Section, build_party_docx
from dangvu.rating.models import LEVEL_ORDER, Level, MemberRating, RatingCycle

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _label(level: str) -> str:
    return str(Level(level).label) if level else ""


def _bold(sheet: object, values: list[str]) -> list[Any]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value)  # type: ignore[arg-type]
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def write_table(
    *, title: str, subtitle: str, ratings: Iterable[MemberRating], out: IO[bytes], by_cell: bool = False
) -> None:
    """Bảng tổng hợp xếp loại: STT, họ tên, chức vụ, tự xếp loại, chi bộ đề nghị, cấp ủy quyết định, ghi chú; then
    the totals per level of each column."""
    workbook = Workbook(write_only=True)
    with translation.override("vi"):
        sheet = workbook.create_sheet(_("Xếp loại"))
        sheet.append(_bold(sheet, [title]))
        sheet.append([subtitle])
        headers = [
            _("STT"),
            _("Họ và tên"),
            _("Chức vụ"),
            _("Tự xếp loại"),
            _("Chi bộ đề nghị"),
            _("Cấp ủy quyết định"),
            _("Ghi chú"),
        ]
        if by_cell:
            headers.insert(2, _("Chi bộ"))
        sheet.append(_bold(sheet, headers))
        totals = {key: dict.fromkeys(LEVEL_ORDER, 0) for key in ("self", "cell", "decided")}
        for n, r in enumerate(ratings, start=1):
            row = [
                n,
                r.member.full_name,
                r.position,
                _label(r.self_level),
                _label(r.cell_level),
                _label(r.decided_level),
                r.decision_note,
            ]
            if by_cell:
                row.insert(2, r.cell.name)
            sheet.append(row)
            for key, value in (("self", r.self_level), ("cell", r.cell_level), ("decided", r.decided_level)):
                if value:
                    totals[key][value] += 1
        sheet.append([])
        pad = [""] * (3 if by_cell else 2)
        sheet.append(
            _bold(
                sheet, [_("Tổng hợp theo mức"), *pad[1:], _("Tự xếp loại"), _("Chi bộ đề nghị"), _("Cấp ủy quyết định")]
            )
        )
        for level in LEVEL_ORDER:
            sheet.append(
                [_label(level), *pad[1:], totals["self"][level], totals["cell"][level], totals["decided"][level]]
            )
    workbook.save(out)


def self_assessment_docx(rating: MemberRating) -> bytes:
    """Bản kiểm điểm cá nhân (Mẫu 2A of HD 43/2025, same sections as the 2019 template) in the party format."""
    cycle: RatingCycle = rating.cycle
    member = rating.member
    with translation.override("vi"):
        intro = [
            _("Họ và tên: %(n)s") % {"n": member.full_name},
            _("Chức vụ: %(p)s") % {"p": rating.position or "—"},
            _("Chi bộ: %(c)s") % {"c": rating.cell.name},
        ]
        parts = [
            ("I. " + str(MemberRating._meta.get_field("politics").verbose_name), rating.politics),
            ("II. " + str(MemberRating._meta.get_field("ethics").verbose_name), rating.ethics),
            ("III. " + str(MemberRating._meta.get_field("discipline").verbose_name), rating.discipline),
            ("IV. " + str(MemberRating._meta.get_field("duties").verbose_name), rating.duties),
            ("V. " + str(MemberRating._meta.get_field("commitment_result").verbose_name), rating.commitment_result),
            ("VI. " + str(MemberRating._meta.get_field("shortcomings").verbose_name), rating.shortcomings),
            ("VII. " + str(MemberRating._meta.get_field("remedies").verbose_name), rating.remedies),
            ("VIII. " + str(MemberRating._meta.get_field("plan").verbose_name), rating.plan),
        ]
        sections = [Section("", intro)]
        sections += [Section(h, [p for p in (text or "—").split("\n") if p.strip()]) for h, text in parts]
        level_line = _("Tự nhận mức xếp loại: %(l)s") % {"l": _label(rating.self_level) or "—"}
        if rating.self_score is not None:
            level_line += " " + _("(%(s)s điểm)") % {"s": rating.self_score}
        sections.append(Section(_("IX. Tự nhận mức xếp loại chất lượng"), [level_line]))
        document = PartyDocument(
            upper_body=cycle.org.name,
            issuer=rating.cell.name,
            symbol="",
            place="Hà Nội",
            date=rating.self_on or datetime.date.today(),
            doc_type_name=_("Bản kiểm điểm cá nhân"),
            summary=_("Đảng viên năm %(y)s") % {"y": cycle.year},
            sections=sections,
            signer_capacity=_("NGƯỜI TỰ KIỂM ĐIỂM"),
            signer_title="",
            signer_name=member.full_name,
            recipients=[],
        )
    return build_party_docx(document)
