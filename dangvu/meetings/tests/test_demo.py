from __future__ import annotations

import datetime
from typing import Any

from dangvu.accounts.models import User
from dangvu.core.audit import acting_as
from dangvu.meetings import demo, selectors
from dangvu.meetings.models import ConferenceConclusion, Meeting
from dangvu.organization.demo.reference import load_reference
from dangvu.organization.models import PartyOrg
from dangvu.planning import demo as planning_demo
from dangvu.planning.selectors import tasks_from


def test_the_demo_is_a_year_of_meetings_and_adds_nothing_twice(db: Any) -> None:
    with acting_as(None, source="demo"):
        root = load_reference().root
        planning_demo.load(root)
        first = demo.load(root)
    cells = list(root.children.filter(kind=PartyOrg.Kind.CHI_BO).order_by("path"))
    assert first["buổi sinh hoạt"] == len(cells) * 12 - 1
    assert first["hội nghị"] == 1 and first["chỉ đạo gắn nhiệm vụ"] == 1
    before = Meeting.objects.count()
    with acting_as(None, source="demo"):
        second = demo.load(root)
    assert not any(second.values())
    assert Meeting.objects.count() == before

    admin = User.objects.create_superuser(username="root-demo", password="pw-demo-123456")
    rows = {r.org.pk: r for r in selectors.measures(admin, year=2019, until=datetime.date(2019, 12, 31))}
    flagged = [c for c in cells if rows[c.pk].flagged]
    assert flagged == [cells[1], cells[2]]
    assert [m.month.month for m in rows[cells[1].pk].months if m.missed] == [7]
    assert [q.quarter for q in rows[cells[2].pk].quarters if q.missed] == [2]
    shares = [m.prepared_on_time / m.planned for r in rows.values() for m in r.months if m.planned]
    assert 0.7 < sum(shares) / len(shares) < 1

    directive = ConferenceConclusion.objects.filter(kind=ConferenceConclusion.Kind.DIRECTIVE).order_by("pk").first()
    assert directive is not None
    assert [t.title for t in tasks_from(directive)] == [demo.KEY_TASK_2020]
