"""DONE-WHEN: a quarter of a cell's life, lived with the clock moved; the measures equal a count by hand."""

from __future__ import annotations

import datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.conftest import Cast, make_member
from dangvu.core.audit import acting_as
from dangvu.meetings import selectors, services
from dangvu.meetings.models import Attendance, Meeting
from dangvu.meetings.tests.helpers import at, install_rules
from dangvu.organization.access import scope_for

S = Attendance.Status


def _live(cast: Cast, day: datetime.datetime, *, prepare_on: datetime.datetime | None, kind: str, rows: list) -> None:
    with time_machine.travel(day - datetime.timedelta(days=10), tick=False), acting_as(None, source="test"):
        m = services.meeting_create(org=cast.cell_a, kind=kind, planned_at=day, place="Phòng 301")
    if prepare_on is not None:
        with time_machine.travel(prepare_on, tick=False), acting_as(None, source="test"):
            services.meeting_mark_prepared(meeting=m)
    with time_machine.travel(day + datetime.timedelta(hours=2), tick=False), acting_as(None, source="test"):
        services.meeting_mark_held(meeting=m, ended_at=day + datetime.timedelta(hours=2))
        services.attendance_record(meeting=m, rows=rows)


def test_a_quarter_of_a_cells_life(cast: Cast) -> None:
    install_rules()
    with acting_as(None, source="test"):
        third = make_member(cast.cell_a, "Lê Văn Ba", card_number="03000001")
    a, a2 = cast.member_a, cast.member_a2
    # January: on time (prepared 5 days before), all present
    _live(
        cast,
        at(2019, 1, 15, 14),
        prepare_on=at(2019, 1, 10),
        kind=Meeting.Kind.REGULAR,
        rows=[(a, S.PRESENT, ""), (a2, S.PRESENT, ""), (third, S.PRESENT, "")],
    )
    # February: prepared one day before (late: the rule asks 3 days), one excused
    _live(
        cast,
        at(2019, 2, 14, 14),
        prepare_on=at(2019, 2, 13),
        kind=Meeting.Kind.REGULAR,
        rows=[(a, S.PRESENT, ""), (a2, S.EXCUSED, "Ốm"), (third, S.LATE, "")],
    )
    # March: regular meeting never prepared, one absent; no thematic meeting in the quarter
    _live(
        cast,
        at(2019, 3, 14, 14),
        prepare_on=None,
        kind=Meeting.Kind.REGULAR,
        rows=[(a, S.PRESENT, ""), (a2, S.ABSENT, ""), (third, S.EXEMPT, "")],
    )
    # a March meeting planned, never held, not prepared: seen by the committee as not prepared in time
    with time_machine.travel(at(2019, 3, 20), tick=False), acting_as(None, source="test"):
        pending = services.meeting_create(org=cast.cell_a, kind=Meeting.Kind.THEMATIC, planned_at=at(2019, 3, 28))
    with time_machine.travel(at(2019, 3, 26, 9), tick=False):
        assert list(selectors.not_prepared(cast.users["committee"])) == [pending]

    rows = selectors.measures(cast.users["office"], year=2019, until=datetime.date(2019, 3, 31))
    cell_a = next(r for r in rows if r.org == cast.cell_a)
    jan, feb, mar = cell_a.months
    assert (jan.regular, feb.regular, mar.regular) == (1, 1, 1)
    assert not any(m.missed for m in cell_a.months)
    # by hand: Jan 1/1 on time, Feb 0/1, Mar 0/2 (the regular one and the pending thematic one)
    assert (jan.prepared_on_time, jan.planned, feb.prepared_on_time, mar.prepared_on_time, mar.planned) == (
        1,
        1,
        0,
        0,
        2,
    )
    # attendance: Jan 3/3, Feb 2/3 (late counts), Mar 1/2 (exempt excluded)
    assert (jan.present, jan.must, feb.present, feb.must, mar.present, mar.must) == (3, 3, 2, 3, 1, 2)
    # as the measures page shows them: green, amber for the late preparation, the figures on hover
    assert (jan.label, jan.chip, feb.chip, mar.chip) == ("01/2019", "chip-ok", "chip-warn", "chip-warn")
    assert feb.summary == "Sinh hoạt thường kỳ 1/1 · chuẩn bị đúng hạn 0/1 · dự họp 2/3"
    assert (jan.attendance_percent, feb.attendance_percent, mar.attendance_percent) == (100, 67, 50)
    assert [(q.quarter, q.thematic, q.missed) for q in cell_a.quarters] == [(1, 0, True)]
    assert cell_a.flagged
    cell_b = next(r for r in rows if r.org == cast.cell_b)
    assert all(m.missed for m in cell_b.months) and cell_b.flagged
    assert {m.chip for m in cell_b.months} == {"chip-bad"} and cell_b.months[0].attendance_percent is None
    assert cell_b.months[0].summary == "Sinh hoạt thường kỳ 0/1"
    assert cast.cell_x not in [r.org for r in rows]


def _fill(cast: Cast, cells: int, start: int = 0) -> None:
    from dangvu.organization import services as org_services
    from dangvu.organization.models import PartyOrg

    with acting_as(None, source="test"):
        for i in range(start, start + cells):
            cell = org_services.party_org_create(name=f"Chi bộ Q{i}", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
            member = make_member(cell, f"Đảng viên Q{i}", card_number=f"0700{i:04d}")
            for month in (1, 2, 3):
                m = services.meeting_create(org=cell, kind=Meeting.Kind.REGULAR, planned_at=at(2019, month, 10))
                services.meeting_mark_held(meeting=m)
                services.attendance_record(meeting=m, rows=[(member, S.PRESENT, "")])


def _count(cast: Cast) -> int:
    user = cast.users["office"]
    scope_for(user)
    with CaptureQueriesContext(connection) as ctx:
        selectors.measures(user, year=2019)
    return len(ctx.captured_queries)


def test_measures_query_count_does_not_grow(cast: Cast) -> None:
    install_rules()
    _fill(cast, 2)
    small = _count(cast)
    _fill(cast, 8, start=2)
    assert _count(cast) == small <= 8
