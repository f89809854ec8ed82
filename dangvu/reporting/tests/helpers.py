from __future__ import annotations

import datetime

from dangvu.organization.models import PartyOrg
from dangvu.reporting import services
from dangvu.reporting.models import ReportKind, Submission

SECTIONS = {
    "results": "Tổ chức sinh hoạt chi bộ thường kỳ đầy đủ.",
    "shortcomings": "Tự kiểm tra chưa thường xuyên.",
    "proposals": "Đề nghị Đảng ủy hướng dẫn thêm.",
    "next_steps": "Chuẩn bị kỹ nội dung sinh hoạt chuyên đề.",
}


def monthly_kind(org: PartyOrg, *, day: int = 5, before: str = "3", after: str = "1") -> ReportKind:
    return services.report_kind_create(
        org=org,
        name="Báo cáo tháng",
        period=ReportKind.Period.MONTHLY,
        due_rule=ReportKind.DueRule.DAY_OF_NEXT_MONTH,
        due_day=day,
        remind_before=before,
        remind_after=after,
    )


def owe(kind: ReportKind, *orgs: PartyOrg, year: int = 2019) -> None:
    for org in orgs:
        services.obligation_create(kind=kind, org=org, valid_from=datetime.date(year, 1, 1))


def submission(kind: ReportKind, org: PartyOrg, month: int, year: int = 2019) -> Submission:
    return Submission.objects.get(kind=kind, org=org, period_start=datetime.date(year, month, 1))
