"""Demo records of this app for the reference organization (called by `dangvu demo`).

The 2019 cycle (QĐ 132-QĐ/TW) of the Đảng bộ: commitments under Chỉ thị 05 registered in February, every member's
self-assessment in December, the cells' reviews, and the Đảng ủy's decisions of 10/01/2020 within the quota (the
top level at most 20 % of the second, counted over the whole organization); the cells' and the organization's
collective ratings, the latter decided on 17/01/2020 (the review conference). Deterministic (the level follows the
member's place in the cell's roster) and idempotent: nothing is added when the 2019 cycle exists.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from dangvu.organization.models import PartyOrg, RoleAssignment
from dangvu.rating import services
from dangvu.rating.models import CollectiveRating, MemberRating, RatingCycle

LABEL = "Kiểm điểm, xếp loại đảng viên năm 2019"
YEAR = 2019
D = datetime.date
TEXTS: dict[str, Any] = {
    "politics": "Luôn kiên định chủ nghĩa Mác - Lê-nin, tư tưởng Hồ Chí Minh; chấp hành nghiêm chủ trương của Đảng, "
    "chính sách, pháp luật của Nhà nước.",
    "ethics": "Giữ gìn phẩm chất đạo đức, lối sống giản dị; không có biểu hiện suy thoái.",
    "discipline": "Chấp hành sự phân công của tổ chức; sinh hoạt chi bộ đầy đủ, đóng đảng phí đúng hạn.",
    "duties": "Hoàn thành các nhiệm vụ chuyên môn được giao trong năm 2019 đúng tiến độ, bảo đảm chất lượng.",
    "commitment_result": "Thực hiện đầy đủ nội dung đã cam kết đầu năm theo Chỉ thị 05-CT/TW.",
    "shortcomings": "Có lúc chưa mạnh dạn đấu tranh, góp ý; nguyên nhân chủ quan là chưa chủ động.",
    "remedies": "Đã khắc phục hạn chế được chỉ ra năm 2018.",
    "plan": "Tiếp tục học tập, rèn luyện; chủ động góp ý trong sinh hoạt chi bộ.",
}
COMMITMENT = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý thức tôn trọng Nhân dân, phát huy dân chủ, "
    "chăm lo đời sống Nhân dân: giải quyết công việc đúng hạn, tận tụy với đồng nghiệp và người dân."
)


def _user(root: PartyOrg, role: str) -> Any:
    ra = RoleAssignment.objects.active().filter(role=role, org=root).select_related("user").first()
    return ra.user if ra else None


def _levels(n: int) -> list[str]:
    """The level by place in a cell of n members: one in five "completed", one in eight "excellent" (within the
    quota of 20 % of the "good" ones, in the cell and so in the organization), the rest "good"."""
    levels = ["htnv" if i % 5 == 4 else "httnv" for i in range(n)]
    good = [i for i in range(n) if levels[i] == "httnv"]
    for i in good[1::7][: n // 8]:
        levels[i] = "htxsnv"
    return levels


def load(root: PartyOrg) -> dict[str, int]:
    """Create what is missing; return how many of each kind were added (nothing on a second run)."""
    counter: Counter[str] = Counter()
    if RatingCycle.objects.filter(org=root, year=YEAR).exists():
        return dict(counter)
    office = _user(root, RoleAssignment.Role.OFFICE)
    committee = _user(root, RoleAssignment.Role.COMMITTEE)
    cycle = services.cycle_open(
        org=root,
        year=YEAR,
        self_from=D(2019, 12, 2),
        self_to=D(2019, 12, 13),
        cell_review_by=D(2019, 12, 27),
        decision_by=D(2020, 1, 15),
        by=office,
    )
    counter["đợt xếp loại"] += 1
    ratings = list(MemberRating.objects.filter(cycle=cycle).select_related("member", "cell").order_by("pk"))
    by_cell: dict[int, list[MemberRating]] = {}
    for r in ratings:
        by_cell.setdefault(r.cell_id, []).append(r)
    plan: dict[int, str] = {}
    for rows in by_cell.values():
        for r, level in zip(rows, _levels(len(rows)), strict=True):
            plan[r.pk] = level
    for r in ratings:
        if r.member.admission_date is not None and r.member.admission_date <= D(2019, 1, 31):
            services.commitment_register(
                member=r.member, year=YEAR, text=COMMITMENT, on=D(2019, 2, 15), by=r.member.user
            )
            counter["cam kết"] += 1
    secretaries = {
        ra.org_id: ra.user for ra in RoleAssignment.objects.active().filter(role=RoleAssignment.Role.CELL_SECRETARY)
    }
    # Steps by level, the good first: the quota counts the levels already proposed or decided.
    order = sorted(ratings, key=lambda r: (plan[r.pk] == "htxsnv", r.pk))
    for i, r in enumerate(ratings):
        services.rating_self_assess(rating=r, level=plan[r.pk], on=D(2019, 12, 2 + i % 10), by=r.member.user, **TEXTS)
    for r in order:
        services.rating_cell_review(
            rating=r,
            level=plan[r.pk],
            on=D(2019, 12, 20),
            comment="Chi bộ nhất trí với bản tự kiểm điểm; đồng chí cần phát huy ưu điểm, khắc phục hạn chế đã nêu.",
            votes_for=max(len(by_cell[r.cell_id]) - 1, 1),
            votes_against=0,
            by=secretaries.get(r.cell_id),
        )
    for r in order:
        services.rating_decide(rating=r, level=plan[r.pk], on=D(2020, 1, 10), by=committee)
        counter["đảng viên được xếp loại"] += 1
    collectives = list(CollectiveRating.objects.filter(cycle=cycle).select_related("org").order_by("org__path"))
    cells = [c for c in collectives if c.org_id != root.pk]
    col_levels = {col.pk: ("htxsnv" if i % 6 == 2 else "httnv") for i, col in enumerate(cells)}
    for col in cells:
        level = col_levels[col.pk]
        services.collective_self_assess(
            collective=col,
            level=level,
            report="Chi bộ lãnh đạo hoàn thành nhiệm vụ chính trị năm 2019; sinh hoạt đều đặn, đúng quy định.",
            on=D(2019, 12, 20),
            by=secretaries.get(col.org_id),
        )
        services.collective_propose(collective=col, level=level, on=D(2019, 12, 30), by=office)
    for col in sorted(cells, key=lambda c: (col_levels[c.pk] == "htxsnv", c.pk)):
        services.collective_decide(collective=col, level=col_levels[col.pk], on=D(2020, 1, 10), by=committee)
        counter["chi bộ được xếp loại"] += 1
    party = next(c for c in collectives if c.org_id == root.pk)
    services.collective_self_assess(
        collective=party,
        level="httnv",
        report="Đảng bộ lãnh đạo hoàn thành tốt nhiệm vụ chính trị năm 2019.",
        on=D(2019, 12, 30),
        by=office,
    )
    services.collective_propose(collective=party, level="httnv", on=D(2020, 1, 8), by=committee)
    services.collective_decide(collective=party, level="httnv", on=D(2020, 1, 17), by=committee)
    return dict(counter)
