from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.planning.selectors import tasks_from
from dangvu.supervision import services
from dangvu.supervision.models import Activity, ActivityStep
from dangvu.supervision.tests.helpers import activity, run_to

State = Activity.State


def test_the_legal_path_is_accepted_with_dates_in_order(cast: Cast) -> None:
    act = activity(cast)
    act = run_to(act, State.CONCLUDED)
    steps = list(act.steps.order_by("pk").values_list("state", flat=True))
    rule_steps = services.steps_for(act.kind, act.planned_date)
    assert steps == rule_steps[1 : rule_steps.index(State.CONCLUDED) + 1]
    assert act.decided_on and act.concluded_on and act.decided_on <= act.concluded_on


@pytest.mark.parametrize("kind", [k.value for k in Activity.Kind])
def test_every_skip_is_refused_and_nothing_saved(cast: Cast, kind: str) -> None:
    act = activity(cast, kind=kind)
    steps = services.steps_for(kind, act.planned_date)
    for i, state in enumerate(steps[:-1]):
        act.refresh_from_db()
        for illegal in [s for s in State.values if s != steps[i + 1]]:
            with pytest.raises(ValidationError) as err, acting_as(None):
                services.activity_advance(activity=act, to=illegal, date=act.planned_date + datetime.timedelta(days=i))
            assert "bước" in str(err.value)
            act.refresh_from_db()
            assert act.state == state
        act = run_to(act, steps[i + 1], act.planned_date + datetime.timedelta(days=i))
    assert ActivityStep.objects.filter(activity=act).count() == len(steps) - 1


def test_a_date_before_the_previous_step_or_in_the_future_is_refused(cast: Cast) -> None:
    act = run_to(activity(cast), State.DECIDED, datetime.date(2019, 3, 10))
    with pytest.raises(ValidationError, match="trước ngày"), acting_as(None):
        services.activity_advance(activity=act, to=State.SELF_REPORT, date=datetime.date(2019, 3, 9))
    with pytest.raises(ValidationError, match="tương lai"), acting_as(None):
        services.activity_advance(activity=act, to=State.SELF_REPORT, date=datetime.date(2999, 1, 1))
    act.refresh_from_db()
    assert act.state == State.DECIDED and act.steps.count() == 1


def test_closing_needs_every_recommendation_done(cast: Cast) -> None:
    act = run_to(activity(cast), State.FOLLOW_UP)
    with pytest.raises(ValidationError, match="kiến nghị"), acting_as(None):
        services.activity_advance(activity=act, to=State.CLOSED, date=datetime.date(2019, 12, 1))
    rec = act.findings.get().recommendations.get()
    with acting_as(None):
        services.recommendation_follow_up(
            recommendation=rec, date=datetime.date(2019, 11, 1), note="Đã xong", done=True
        )
        act = services.activity_advance(activity=act, to=State.CLOSED, date=datetime.date(2019, 12, 1))
    assert act.state == State.CLOSED
    assert rec.status_on(datetime.date(2030, 1, 1)) == "done"


def test_recommendation_status_is_derived(cast: Cast) -> None:
    act = run_to(activity(cast), State.FOLLOW_UP)
    rec = act.findings.get().recommendations.get()
    assert rec.status_on(rec.deadline) == "open"
    assert rec.status_on(rec.deadline + datetime.timedelta(days=1)) == "overdue"


def test_conclusion_notice_number_is_a_tb(cast: Cast) -> None:
    act = run_to(activity(cast), State.MEETING_APPROVED)
    with acting_as(None):
        act = services.activity_advance(
            activity=act, to=State.CONCLUDED, date=datetime.date(2019, 6, 1), number_notice=True
        )
    assert "-TB/" in act.notice_number


def test_a_recommendation_becomes_a_task_linked_both_ways(cast: Cast) -> None:
    act = run_to(activity(cast), State.FOLLOW_UP)
    rec = act.findings.get().recommendations.get()
    with acting_as(None):
        task = services.recommendation_make_task(recommendation=rec)
    assert task.source == rec and task.org == cast.cell_a
    assert list(tasks_from(rec)) == [task]
    with pytest.raises(ValidationError), acting_as(None):
        services.recommendation_make_task(recommendation=rec)


def test_a_confidential_recommendation_never_becomes_a_task(cast: Cast) -> None:
    act = run_to(
        activity(cast, kind=Activity.Kind.VIOLATION, subject_org=None, subject_member=cast.member_a), State.FOLLOW_UP
    )
    assert act.confidential
    rec = act.findings.get().recommendations.get()
    with pytest.raises(ValidationError, match="mật"), acting_as(None):
        services.recommendation_make_task(recommendation=rec)
    assert not tasks_from(rec).exists()


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (datetime.date(2019, 5, 1), "30-QĐ/TW"),
        (datetime.date(2022, 5, 1), "22-QĐ/TW"),
        (datetime.date(2026, 5, 1), "296-QĐ/TW"),
    ],
)
def test_each_year_is_judged_by_the_rule_in_force(cast: Cast, day: datetime.date, code: str) -> None:
    from dangvu.core.rules import rules_in_force

    assert rules_in_force("inspection", day).regulation.code == code
    act = activity(cast, year=day.year, month=day.month)
    assert (
        services.steps_for(act.kind, act.planned_date) == rules_in_force("inspection", day).params["steps"]["thematic"]
    )


def test_the_rule_decides_the_steps_and_confidential_types(cast: Cast) -> None:
    from dangvu.core.models import RuleSet

    rule = RuleSet.objects.get(kind="inspection", effective_from=datetime.date(2025, 5, 30))
    rule.params = {
        **rule.params,
        "confidential_types": ["violation", "finance"],
        "steps": {"finance": ["planned", "concluded"]},
    }
    rule.save()
    old = activity(cast, kind=Activity.Kind.FINANCE, year=2019)
    new = activity(cast, kind=Activity.Kind.FINANCE, year=2026)
    assert not old.confidential and new.confidential
    assert services.next_state(new) == State.CONCLUDED and services.next_state(old) == State.DECIDED


def test_one_subject_only(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        activity(cast, subject_member=cast.member_a)
