"""Demo records of this app for the reference organization (called by `dangvu demo`).

The 2019 program of the Đảng ủy and of its Ủy ban Kiểm tra (mostly concluded, one late, one still running, one
confidential inspection on signs of violation), the cells' self-inspection plans (most cells self-inspected once or
twice; the last two none in the second half of the year: the seed's complaint), findings with recommendations and
one followed up to a key task. Each program is created with its activities only when missing: a second run adds
nothing. Deterministic: no randomness, fixed dates.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from dangvu.organization.models import Member, PartyOrg, RoleAssignment
from dangvu.supervision import services
from dangvu.supervision.models import Activity, Program

LABEL = "Chương trình kiểm tra, giám sát 2019"
YEAR = 2019
State = Activity.State
D = datetime.date

# (kind, cell index, content, planned month, concluded on (None: still running), stop state)
COMMITTEE = [
    ("thematic", 0, "Kiểm tra việc thực hiện Quy định về chế độ sinh hoạt chi bộ", 4, D(2019, 4, 24), State.FOLLOW_UP),
    (
        "supervision_thematic",
        1,
        "Giám sát chuyên đề việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (Chỉ thị 05-CT/TW)",
        6,
        D(2019, 6, 26),
        State.CLOSED,
    ),
    (
        "compliance",
        2,
        "Kiểm tra việc chấp hành Điều lệ Đảng và nghị quyết của Đảng ủy",
        9,
        D(2019, 10, 18),
        State.CLOSED,
    ),
    ("supervision_regular", 3, "Giám sát việc thực hiện nhiệm vụ chính trị của chi bộ", 11, None, State.DRAFT_REPORT),
]
COMMISSION = [
    ("finance", 3, "Kiểm tra việc thu, nộp, quản lý và sử dụng đảng phí năm 2018", 5, D(2019, 5, 22), State.CLOSED),
    (
        "compliance",
        4,
        "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát của chi bộ",
        8,
        D(2019, 8, 27),
        State.CLOSED,
    ),
]
VIOLATION = ("violation", 5, "Kiểm tra đảng viên khi có dấu hiệu vi phạm trong việc kê khai tài sản, thu nhập", 11)


def _user(root: PartyOrg, role: str) -> Any:
    ra = RoleAssignment.objects.active().filter(role=role, org=root).select_related("user").first()
    return ra.user if ra else None


def _member_of(user: Any) -> Member | None:
    return Member.objects.filter(user=user).first() if user else None


def _run(act: Activity, until: str, start: datetime.date, end: datetime.date | None, user: Any) -> Activity:
    """Advance step by step; the conclusion falls on `end`, earlier steps every few days from `start`."""
    day = start
    while act.state != until:
        nxt = services.next_state(act)
        if nxt is None:
            break
        if nxt == State.CONCLUDED and end:
            day = max(end, day)
        if nxt == State.FOLLOW_UP:
            day = day + datetime.timedelta(days=5)
        if nxt == State.CLOSED:
            for rec in _recs(act):
                services.recommendation_follow_up(
                    recommendation=rec,
                    date=rec.deadline,
                    note="Đã khắc phục, chi bộ báo cáo kết quả.",
                    done=True,
                    user=user,
                )
                day = max(day, rec.deadline)
        act = services.activity_advance(activity=act, to=nxt, date=day, user=user)
        day = day + datetime.timedelta(days=4)
    return act


def _recs(act: Activity) -> list[Any]:
    return [r for f in act.findings.all() for r in f.recommendations.filter(done_on__isnull=True)]


def _findings(act: Activity, cell: PartyOrg, counter: Counter[str], *, shortcoming: str, request: str) -> Any:
    concluded = act.concluded_on or D(YEAR, act.planned_month, 28)
    services.finding_add(
        activity=act, kind="strength", text="Chi bộ duy trì nề nếp sinh hoạt, hồ sơ được lưu trữ đầy đủ."
    )
    finding = services.finding_add(activity=act, kind="shortcoming", text=shortcoming)
    rec = services.recommendation_add(
        finding=finding, text=request, deadline=concluded + datetime.timedelta(days=45), owner_org=cell
    )
    counter["kết quả kiểm tra"] += 2
    counter["kiến nghị"] += 1
    return rec


def _program(root: PartyOrg, body: str, title: str, counter: Counter[str]) -> Program | None:
    if Program.objects.filter(org=root, body=body, year=YEAR).exists():
        return None
    counter["chương trình"] += 1
    program = services.program_create(org=root, body=body, year=YEAR, title=title)
    return services.program_issue(program=program)


def load(root: PartyOrg) -> dict[str, int]:
    """Create what is missing; return how many of each kind were added (nothing on a second run)."""
    counter: Counter[str] = Counter()
    cells = list(PartyOrg.objects.active().filter(parent=root, kind=PartyOrg.Kind.CHI_BO).order_by("path"))
    if len(cells) < 6:
        return dict(counter)
    office = _user(root, RoleAssignment.Role.OFFICE)
    inspector = _user(root, RoleAssignment.Role.INSPECTION)
    committee_lead = _member_of(_user(root, RoleAssignment.Role.COMMITTEE))
    inspection_lead = _member_of(inspector)

    program = _program(root, Program.Body.COMMITTEE, "Chương trình kiểm tra, giám sát năm 2019 của Đảng ủy", counter)
    if program is not None:
        for i, (kind, ci, content, month, end, until) in enumerate(COMMITTEE):
            cell = cells[ci]
            act = services.activity_create(
                program=program,
                kind=kind,
                content=content,
                planned_month=month,
                subject_org=cell,
                lead=committee_lead,
                period_from=D(2018, 1, 1),
                period_to=D(2018, 12, 31),
            )
            counter["cuộc kiểm tra, giám sát"] += 1
            start = D(YEAR, month, 3)
            act = _run(act, State.CONCLUDED if end else until, start, end, office)
            if end:
                rec = _findings(
                    act,
                    cell,
                    counter,
                    shortcoming="Sinh hoạt chuyên đề chưa đều; một số buổi sinh hoạt chưa đủ thời lượng."
                    if i == 0
                    else "Việc lập kế hoạch tự kiểm tra của chi bộ còn chậm.",
                    request="Xây dựng kế hoạch sinh hoạt chuyên đề hằng quý và báo cáo Đảng ủy."
                    if i == 0
                    else "Ban hành kế hoạch tự kiểm tra năm và gửi Đảng ủy.",
                )
                act = _run(act, until, act.concluded_on or start, None, office)
                if i == 0:
                    services.recommendation_follow_up(
                        recommendation=rec,
                        date=D(2019, 5, 20),
                        note="Chi bộ đã dự thảo kế hoạch sinh hoạt chuyên đề.",
                        user=office,
                    )
                    services.recommendation_make_task(recommendation=rec, start_date=D(2019, 5, 1))
                    counter["nhiệm vụ trọng tâm"] += 1

    commission = _program(
        root,
        Program.Body.INSPECTION_COMMISSION,
        "Chương trình kiểm tra, giám sát năm 2019 của Ủy ban Kiểm tra",
        counter,
    )
    if commission is not None:
        for kind, ci, content, month, end, until in COMMISSION:
            cell = cells[ci]
            act = services.activity_create(
                program=commission,
                kind=kind,
                content=content,
                planned_month=month,
                subject_org=cell,
                lead=inspection_lead,
                period_from=D(2018, 1, 1),
                period_to=D(2018, 12, 31),
            )
            counter["cuộc kiểm tra, giám sát"] += 1
            act = _run(act, State.CONCLUDED, D(YEAR, month, 2), end, inspector)
            _findings(
                act,
                cell,
                counter,
                shortcoming="Sổ theo dõi thu đảng phí ghi chưa đầy đủ; nộp đảng phí lên cấp trên còn chậm."
                if kind == "finance"
                else "Chưa ban hành kế hoạch kiểm tra, giám sát năm của chi bộ.",
                request="Hoàn thiện sổ sách, nộp đảng phí đúng hạn hằng tháng."
                if kind == "finance"
                else "Ban hành kế hoạch kiểm tra, giám sát năm, báo cáo Ủy ban Kiểm tra.",
            )
            _run(act, until, act.concluded_on or D(YEAR, month, 28), None, inspector)
        kind, ci, content, month = VIOLATION
        subject = Member.objects.active().filter(cell=cells[ci]).order_by("pk").first()
        if subject is not None:
            act = services.activity_create(
                program=commission,
                kind=kind,
                content=content,
                planned_month=month,
                subject_member=subject,
                lead=inspection_lead,
            )
            counter["cuộc kiểm tra, giám sát"] += 1
            act = _run(act, State.CONCLUDED, D(YEAR, month, 4), D(2019, 11, 26), inspector)
            finding = services.finding_add(
                activity=act, kind="violation", text="Kê khai tài sản, thu nhập năm 2018 chưa trung thực, chưa đầy đủ."
            )
            services.recommendation_add(
                finding=finding,
                text="Kiểm điểm tại chi bộ, bổ sung bản kê khai.",
                deadline=D(2019, 12, 31),
                owner_member=subject,
            )
            counter["kết quả kiểm tra"] += 1
            counter["kiến nghị"] += 1
            _run(act, State.FOLLOW_UP, D(2019, 12, 2), None, inspector)

    # The cells' self-inspection plans: most cells once or twice; the last two none since June (one only in March).
    for i, cell in enumerate(cells):
        plan = None
        if not Program.objects.filter(org=cell, body=Program.Body.CELL, year=YEAR).exists():
            plan = services.program_create(
                org=cell, body=Program.Body.CELL, year=YEAR, title="Kế hoạch tự kiểm tra năm 2019"
            )
            counter["chương trình"] += 1
        if plan is None:
            continue
        lagging = i >= len(cells) - 2
        months = ([3] if i == len(cells) - 2 else [9]) if lagging else ([6, 11] if i % 2 == 0 else [7])
        for month in months:
            act = services.activity_create(
                program=plan,
                kind="self",
                content="Tự kiểm tra việc thực hiện chế độ sinh hoạt chi bộ và đảng phí",
                planned_month=month,
                subject_org=cell,
            )
            counter["cuộc kiểm tra, giám sát"] += 1
            if lagging and month == 9:
                continue  # planned, never carried out
            _run(act, State.CONCLUDED, D(YEAR, month, 5), D(YEAR, month, 20), None)
    return dict(counter)
