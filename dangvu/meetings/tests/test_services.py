from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from dangvu.conftest import Cast, make_member
from dangvu.core.audit import acting_as
from dangvu.meetings import selectors, services
from dangvu.meetings.models import Attendance, Meeting, Minutes
from dangvu.meetings.tests.helpers import at, held, install_rules, meeting
from dangvu.planning.selectors import tasks_from

S = Attendance.Status


def test_rules_of_the_time_judge_each_meeting(cast: Cast) -> None:
    install_rules()
    assert selectors.regulation_code(datetime.date(2019, 5, 1)) == "12-HD/BTCTW"
    assert selectors.regulation_code(datetime.date(2026, 1, 10)) == "42-HD/BTCTW"
    old = meeting(cast.cell_a, at(2019, 5, 10))
    new = meeting(cast.cell_a, at(2026, 1, 10))
    assert old.prepare_deadline == at(2019, 5, 7)
    assert new.agenda.count() == len(selectors.meeting_rules(datetime.date(2026, 1, 10))["agenda"])
    assert "Chấm điểm buổi sinh hoạt" in new.agenda.values_list("title", flat=True)
    assert "Chấm điểm buổi sinh hoạt" not in old.agenda.values_list("title", flat=True)


def test_built_in_rules_answer_without_rows(cast: Cast) -> None:
    assert selectors.meeting_rules(datetime.date(2019, 1, 1))["prepare_days_before"] == 3


def test_the_office_can_add_a_version_without_code(cast: Cast) -> None:
    from dangvu.core.models import Regulation, RuleSet

    install_rules()
    reg = Regulation.objects.create(code="99-HD/BTCTW", issued_on=datetime.date(2027, 1, 1), title="Mới")
    RuleSet.objects.create(
        kind="meeting",
        regulation=reg,
        effective_from=reg.issued_on,
        params={**selectors.meeting_rules(reg.issued_on), "prepare_days_before": 5},
    )
    assert meeting(cast.cell_a, at(2027, 3, 10)).prepare_deadline == at(2027, 3, 5)


def test_attendance_refuses_a_member_of_another_cell(cast: Cast) -> None:
    m = meeting(cast.cell_a, at(2019, 3, 5))
    with pytest.raises(ValidationError, match="không sinh hoạt tại Chi bộ A"), acting_as(None, source="test"):
        services.attendance_record(meeting=m, rows=[(cast.member_a, S.PRESENT, ""), (cast.member_b, S.PRESENT, "")])
    assert not Attendance.objects.filter(meeting=m).exists()


def test_excused_absence_needs_a_reason(cast: Cast) -> None:
    m = meeting(cast.cell_a, at(2019, 3, 5))
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=m, rows=[(cast.member_a, S.EXCUSED, "")])


def test_quorum_counts_late_and_left_early_over_members_who_must_attend(cast: Cast) -> None:
    with acting_as(None, source="test"):
        extra = [make_member(cast.cell_a, f"Đảng viên {i}", card_number=f"0200000{i}") for i in range(3)]
    m = held(
        meeting(cast.cell_a, at(2019, 3, 5)),
        [
            (cast.member_a, S.LATE, ""),
            (cast.member_a2, S.LEFT_EARLY, ""),
            (extra[0], S.EXCUSED, "Công tác"),
            (extra[1], S.ABSENT, ""),
            (extra[2], S.EXEMPT, ""),
        ],
    )
    q = selectors.quorum(m)
    assert (q["present"], q["must"], q["quorum"], q["target_met"]) == (2, 4, False, False)
    services.attendance_record(meeting=m, rows=[(extra[1], S.PRESENT, "")])
    q = selectors.quorum(m)
    assert (q["present"], q["must"], q["quorum"]) == (3, 4, True)


def test_conclusion_dated_before_the_meeting_is_refused(cast: Cast) -> None:
    m = meeting(cast.cell_a, at(2019, 3, 5))
    with pytest.raises(ValidationError, match="không thể trước buổi sinh hoạt"):
        services.conclusion_add(meeting=m, text="Kết luận", date=datetime.date(2019, 3, 4))
    assert services.conclusion_add(meeting=m, text="Kết luận", date=datetime.date(2019, 3, 5)).pk


def test_minutes_life_and_amendments(cast: Cast) -> None:
    m = held(meeting(cast.cell_a, at(2019, 3, 5)))
    member_user, secretary = cast.users["member"], cast.users["cell_secretary"]
    with acting_as(None, source="test"):
        minutes = services.minutes_save(meeting=m, opinions="Ý kiến đồng chí Lan")
        with pytest.raises(ValidationError):
            services.minutes_comment(meeting=m, user=member_user, text="Góp ý sớm")
        with pytest.raises(ValidationError):
            services.minutes_approve(meeting=m, user=secretary)
        services.minutes_circulate(meeting=m)
        services.minutes_comment(meeting=m, user=member_user, text="Bổ sung ý kiến về đảng phí")
        minutes = services.minutes_save(meeting=m, opinions="Ý kiến đồng chí Lan; đảng phí", expected_version=1)
        with pytest.raises(ValidationError):
            services.amendment_add(meeting=m, user=secretary, text="Sớm quá")
        services.minutes_approve(meeting=m, user=secretary)
        with pytest.raises(ValidationError, match="đã được duyệt"):
            services.minutes_save(meeting=m, opinions="Sửa lén")
        with pytest.raises(ValidationError, match="đã được duyệt"):
            services.conclusion_add(meeting=m, text="Thêm", date=datetime.date(2019, 3, 5))
        services.amendment_add(meeting=m, user=secretary, text="Đính chính tên", date=datetime.date(2019, 3, 9))
    minutes = Minutes.objects.get(meeting=m)
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.opinions == "Ý kiến đồng chí Lan; đảng phí"
    assert [a.text for a in minutes.amendments.all()] == ["Đính chính tên"]
    assert minutes.comments.count() == 1


def test_conclusion_becomes_a_task_linked_both_ways(cast: Cast) -> None:
    m = held(meeting(cast.cell_a, at(2019, 3, 5)))
    with acting_as(None, source="test"):
        conclusion = services.conclusion_add(
            meeting=m, text="Hoàn thành kế hoạch quý II", date=datetime.date(2019, 3, 5)
        )
        task = services.conclusion_to_task(conclusion=conclusion, due_date=datetime.date(2019, 6, 30))
    assert task.source == conclusion
    assert list(tasks_from(conclusion)) == [task]


def test_not_prepared_lists_late_cells(cast: Cast) -> None:
    late = meeting(cast.cell_a, at(2019, 3, 5))
    ready = meeting(cast.cell_b, at(2019, 3, 6))
    services.meeting_mark_prepared(meeting=ready, at=at(2019, 3, 1))
    office = cast.users["office"]
    assert list(selectors.not_prepared(office, now=at(2019, 3, 4))) == [late]
    assert list(selectors.not_prepared(cast.users["outsider"], now=at(2019, 3, 4))) == []
    assert late.status == Meeting.Status.PLANNED


def test_duration_is_checked_against_the_rule(cast: Cast) -> None:
    m = meeting(cast.cell_a, at(2019, 3, 5, 14), kind=Meeting.Kind.COMBINED)
    services.meeting_mark_held(meeting=m, ended_at=at(2019, 3, 5, 15, 40))
    assert selectors.duration_check(m) == {"minutes": 100, "required": 120, "ok": False}
    m.kind = Meeting.Kind.REGULAR
    assert selectors.duration_check(m) == {"minutes": 100, "required": 90, "ok": True}
