"""Demo records of this app for the reference organization (called by `dangvu demo`).

The 2019 reports of the cells of Đảng bộ Tổng cục Giáo dục nghề nghiệp: monthly, quarterly and yearly,
mostly on time, two or three cells regularly late (the complaint of the 2019 review) and a few never
sent. Deterministic: the same cells are late on every run, and a second run adds nothing.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from dangvu.organization.models import PartyOrg, RoleAssignment
from dangvu.reporting import services
from dangvu.reporting.models import Obligation, ReportKind, Submission

LABEL = "Báo cáo định kỳ 2019"
YEAR = 2019
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

KINDS: list[dict[str, Any]] = [
    {
        "name": "Báo cáo tháng của chi bộ",
        "period": ReportKind.Period.MONTHLY,
        "due_rule": ReportKind.DueRule.DAY_OF_NEXT_MONTH,
        "due_day": 5,
        "remind_before": "3",
        "remind_after": "1, 7",
    },
    {
        "name": "Báo cáo quý",
        "period": ReportKind.Period.QUARTERLY,
        "due_rule": ReportKind.DueRule.DAYS_AFTER_END,
        "due_day": 10,
        "remind_before": "3",
        "remind_after": "1",
    },
    {
        "name": "Báo cáo tổng kết công tác Đảng năm",
        "period": ReportKind.Period.YEARLY,
        "due_rule": ReportKind.DueRule.DAY_OF_LAST_MONTH,
        "due_day": 15,
        "remind_before": "7, 3",
        "remind_after": "1",
    },
]

RESULTS = [
    "Chi bộ tổ chức sinh hoạt thường kỳ đúng quy định, {n} đảng viên dự; quán triệt các văn bản của cấp trên.",
    "Lãnh đạo đơn vị hoàn thành các nhiệm vụ chuyên môn trong kỳ; đảng viên phát huy vai trò tiên phong, gương mẫu.",
    "Thực hiện Chỉ thị 05-CT/TW gắn với nhiệm vụ chuyên môn; thu đảng phí đầy đủ, đúng hạn.",
    "Tổ chức sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
]
SHORTCOMINGS = [
    "Nội dung sinh hoạt chi bộ có lúc chưa được đổi mới, chuẩn bị chưa kỹ.",
    "Công tác tự kiểm tra, giám sát của chi bộ chưa thường xuyên.",
    "Việc gửi báo cáo lên Đảng ủy có kỳ còn chậm.",
    "",
]
PROPOSALS = [
    "Đề nghị Đảng ủy tổ chức tập huấn nghiệp vụ công tác đảng cho chi ủy.",
    "",
    "Đề nghị Văn phòng Đảng ủy gửi sớm hướng dẫn nội dung sinh hoạt chuyên đề.",
]
NEXT_STEPS = [
    "Tiếp tục nâng cao chất lượng sinh hoạt chi bộ; chuẩn bị kỹ nội dung sinh hoạt chuyên đề.",
    "Tập trung lãnh đạo hoàn thành nhiệm vụ chính trị của đơn vị; làm tốt công tác tư tưởng.",
    "Rà soát, hoàn thiện hồ sơ đảng viên; chuẩn bị kiểm điểm, đánh giá cuối năm.",
]


def _kinds(root: PartyOrg) -> tuple[list[ReportKind], int]:
    kinds, added = [], 0
    for spec in KINDS:
        kind = ReportKind.objects.filter(org=root, name=spec["name"]).first()
        if kind is None:
            kind = services.report_kind_create(org=root, **spec)
            added += 1
        kinds.append(kind)
    return kinds, added


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), HCM)


def _plan(cell_index: int, n_cells: int, period_index: int) -> int | None:
    """Days late (negative: early) for one cell and period, or None: never sent. Fixed, not random."""
    late_cells = {1, 4, 7} if n_cells > 7 else {1}
    if cell_index == n_cells - 1 and period_index % 5 == 3:  # the last cell forgets now and then
        return None
    if cell_index in late_cells:
        return 2 + (cell_index + period_index) % 6
    if (cell_index * 7 + period_index) % 11 == 0:  # an occasional late report elsewhere
        return 1
    return -((cell_index + period_index) % 4)


def load(root: PartyOrg) -> dict[str, int]:
    """Create what is missing; return how many of each kind were added (nothing on a second run)."""
    kinds, kinds_added = _kinds(root)
    cells = list(PartyOrg.objects.active().filter(parent=root, kind=PartyOrg.Kind.CHI_BO).order_by("path"))
    obligations_added = 0
    for kind in kinds:
        for cell in cells:
            if not Obligation.objects.filter(kind=kind, org=cell).exists():
                services.obligation_create(kind=kind, org=cell, valid_from=datetime.date(YEAR, 1, 1))
                obligations_added += 1
    generated = services.submissions_generate(year=YEAR)
    secretaries = {
        ra.org_id: ra.user
        for ra in RoleAssignment.objects.active()
        .filter(role=RoleAssignment.Role.CELL_SECRETARY, org__in=cells)
        .select_related("user")
    }
    office = (
        RoleAssignment.objects.active().filter(role=RoleAssignment.Role.OFFICE, org=root).select_related("user").first()
    )
    office_user = office.user if office else None
    sent = returned = 0
    for kind in kinds:
        subs = (
            Submission.objects.filter(
                kind=kind, org__in=cells, period_start__year=YEAR, status=Submission.Status.EXPECTED
            )
            .select_related("org")
            .order_by("period_start", "org__path")
        )
        for sub in subs:
            i = cells.index(sub.org)
            period_index = sub.period_start.month - 1
            late = _plan(i, len(cells), period_index)
            if late is None:
                continue
            sent_day = sub.due_date + datetime.timedelta(days=late)
            sections = {
                "results": RESULTS[(i + period_index) % len(RESULTS)].format(n=8 + (i * 3 + period_index) % 9),
                "shortcomings": SHORTCOMINGS[(i + 2 * period_index) % len(SHORTCOMINGS)],
                "proposals": PROPOSALS[(i + period_index) % len(PROPOSALS)],
                "next_steps": NEXT_STEPS[(i + period_index) % len(NEXT_STEPS)],
            }
            user = secretaries.get(sub.org_id)
            services.submission_submit(
                submission=sub, user=user, sections=sections, at=_at(sent_day, 16 + i % 5, 10 * (i % 6))
            )
            sent += 1
            if (i + period_index) % 9 == 4:  # sent back once for more detail, then sent again
                services.submission_return(
                    submission=sub,
                    user=office_user,
                    comment="Đề nghị bổ sung số liệu đảng viên dự sinh hoạt và kết quả thu đảng phí.",
                    at=_at(sent_day + datetime.timedelta(days=1), 9),
                )
                sections["results"] += " Số liệu bổ sung: dự sinh hoạt đủ, thu đảng phí 100%."
                services.submission_submit(
                    submission=sub, user=user, sections=sections, at=_at(sent_day + datetime.timedelta(days=2), 15)
                )
                returned += 1
            if (i + period_index) % 13 != 6:  # a few stay waiting for the office
                services.submission_accept(
                    submission=sub, user=office_user, at=_at(sent_day + datetime.timedelta(days=3), 10)
                )
    return {
        "loại báo cáo": kinds_added,
        "nghĩa vụ báo cáo": obligations_added,
        "báo cáo phải nộp": generated,
        "báo cáo đã gửi": sent,
        "báo cáo bị trả lại": returned,
    }
