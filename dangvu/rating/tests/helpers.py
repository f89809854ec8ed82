"""Records of the rating tests, built with the services (idempotent, so a matrix row may call them twice)."""

from __future__ import annotations

import datetime
from typing import Any

from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.organization.models import Member, PartyOrg
from dangvu.rating import services
from dangvu.rating.models import CollectiveRating, MemberRating, RatingCycle

D = datetime.date
TEXTS = {
    "politics": "Luôn trung thành với chủ nghĩa Mác - Lê-nin, tư tưởng Hồ Chí Minh.",
    "duties": "Hoàn thành 100% nhiệm vụ được giao đúng hạn.",
    "shortcomings": "Đôi lúc chưa mạnh dạn góp ý.",
}


def cycle(cast: Cast, *, inside: bool = True, year: int = 2019) -> RatingCycle:
    org = cast.root if inside else cast.other_root
    existing = RatingCycle.objects.filter(org=org, year=year).first()
    if existing:
        return existing
    with acting_as(None, source="test"):
        return services.cycle_open(
            org=org,
            year=year,
            self_from=D(year, 12, 1),
            self_to=D(year, 12, 15),
            cell_review_by=D(year, 12, 25),
            decision_by=D(year + 1, 1, 15),
        )


def rating(cast: Cast, member: Member | None = None, *, inside: bool = True, year: int = 2019) -> MemberRating:
    c = cycle(cast, inside=inside, year=year)
    member = member or (cast.member_a2 if inside else cast.member_x)
    return MemberRating.objects.get(cycle=c, member=member)


def collective(cast: Cast, org: PartyOrg | None = None, *, inside: bool = True, year: int = 2019) -> CollectiveRating:
    c = cycle(cast, inside=inside, year=year)
    org = org or (cast.cell_a if inside else cast.cell_x)
    return CollectiveRating.objects.get(cycle=c, org=org)


def self_assess(r: MemberRating, level: str, *, score: int | None = None, on: D | None = None) -> MemberRating:
    with acting_as(None, source="test"):
        return services.rating_self_assess(rating=r, level=level, score=score, on=on or D(r.cycle.year, 12, 5), **TEXTS)


def review(r: MemberRating, level: str, *, score: int | None = None, disciplined: bool = False) -> MemberRating:
    with acting_as(None, source="test"):
        return services.rating_cell_review(
            rating=r,
            level=level,
            score=score,
            disciplined=disciplined,
            comment="Chi bộ nhất trí.",
            votes_for=5,
            votes_against=0,
            on=D(r.cycle.year, 12, 20),
        )


def decide(r: MemberRating, level: str) -> MemberRating:
    with acting_as(None, source="test"):
        return services.rating_decide(rating=r, level=level, on=D(r.cycle.year + 1, 1, 10))


def run(r: MemberRating, level: str, *, score: int | None = None) -> MemberRating:
    self_assess(r, level, score=score)
    review(r, level, score=score)
    return decide(r, level)


def add_members(cast: Cast, cell: PartyOrg, n: int, prefix: str = "Đảng viên") -> list[Member]:
    from dangvu.conftest import make_member

    with acting_as(None, source="test"):
        return [make_member(cell, f"{prefix} {i:02d}", card_number=f"07{cell.pk:03d}{i:03d}") for i in range(n)]


def any_kwargs(**kw: Any) -> dict[str, Any]:
    return kw
