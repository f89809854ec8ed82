from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from dangvu.core.audit import acting_as
from dangvu.core.models import Regulation, RuleSet
from dangvu.meetings import rule_data, services
from dangvu.meetings.models import Attendance, Meeting
from dangvu.organization.models import PartyOrg

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def install_rules() -> None:
    with acting_as(None, source="test"):
        rule_data.install(Regulation, RuleSet)


def at(y: int, m: int, d: int, hh: int = 8, mm: int = 0) -> datetime.datetime:
    return datetime.datetime(y, m, d, hh, mm, tzinfo=HCM)


def meeting(org: PartyOrg, when: datetime.datetime, kind: str = Meeting.Kind.REGULAR, **kw: Any) -> Meeting:
    with acting_as(None, source="test"):
        return services.meeting_create(org=org, kind=kind, planned_at=when, place="Phòng họp tầng 3", **kw)


def held(m: Meeting, rows: list[tuple[Any, str, str]] | None = None) -> Meeting:
    with acting_as(None, source="test"):
        services.meeting_mark_held(meeting=m, ended_at=m.planned_at + datetime.timedelta(minutes=120))
        if rows:
            services.attendance_record(meeting=m, rows=rows)
    return m


PRESENT = Attendance.Status.PRESENT
