from __future__ import annotations

import datetime
from typing import Any

from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.organization.models import PartyOrg
from dangvu.supervision import services
from dangvu.supervision.models import Activity, Program, Recommendation


def program(org: PartyOrg, body: str = Program.Body.COMMITTEE, year: int = 2019) -> Program:
    existing = Program.objects.filter(org=org, body=body, year=year).first()
    if existing:
        return existing
    with acting_as(None, source="test"):
        return services.program_create(org=org, body=body, year=year, title=f"Chương trình KTGS {year}")


def activity(
    cast: Cast, *, inside: bool = True, kind: str = Activity.Kind.THEMATIC, year: int = 2019, month: int = 3, **kw: Any
) -> Activity:
    root = cast.root if inside else cast.other_root
    cell = cast.cell_a if inside else cast.cell_x
    body = Program.Body.INSPECTION_COMMISSION if kind == Activity.Kind.VIOLATION else Program.Body.COMMITTEE
    prog = program(cell, Program.Body.CELL, year) if kind == Activity.Kind.SELF else program(root, body, year)
    kw.setdefault("subject_org", cell)
    kw.setdefault("content", "Nội dung kiểm tra")
    with acting_as(None, source="test"):
        return services.activity_create(program=prog, kind=kind, planned_month=month, **kw)


def run_to(act: Activity, state: str, start: datetime.date | None = None) -> Activity:
    day = start or act.planned_date
    with acting_as(None, source="test"):
        while act.state != state:
            nxt = services.next_state(act)
            assert nxt
            if nxt == Activity.State.FOLLOW_UP and not act.findings.exists():
                finding = services.finding_add(activity=act, kind="shortcoming", text="Chưa thường xuyên")
                services.recommendation_add(
                    finding=finding,
                    text="Khắc phục",
                    deadline=day + datetime.timedelta(days=60),
                    owner_org=act.subject_org,
                    owner_member=act.subject_member,
                )
            if nxt == Activity.State.CLOSED:
                for rec in Recommendation.objects.filter(finding__activity=act, done_on=None):
                    services.recommendation_follow_up(recommendation=rec, date=day, note="Đã khắc phục", done=True)
            act = services.activity_advance(activity=act, to=nxt, date=day)
            day += datetime.timedelta(days=3)
    return act
