from __future__ import annotations

import datetime

import pytest

from dangvu.core.models import Regulation, RuleSet
from dangvu.core.rules import NoRuleInForce, pick, rule_timeline, rules_in_force


@pytest.mark.django_db
def test_each_date_is_judged_by_the_rule_in_force_then() -> None:
    old = Regulation.objects.create(code="901-HD/THU", issued_on=datetime.date(2018, 7, 6), title="Quy tắc thử")
    new = Regulation.objects.create(code="902-HD/THU", issued_on=datetime.date(2025, 5, 1), title="Quy tắc thử")
    RuleSet.objects.create(
        kind="reporting", regulation=old, effective_from=old.issued_on, params={"thematic_per_quarter": 1}
    )
    RuleSet.objects.create(
        kind="reporting", regulation=new, effective_from=new.issued_on, params={"thematic_per_quarter": 2}
    )
    assert rules_in_force("reporting", datetime.date(2019, 3, 1)).regulation == old
    assert rules_in_force("reporting", datetime.date(2026, 1, 1)).params == {"thematic_per_quarter": 2}
    timeline = rule_timeline("reporting")
    assert pick(timeline, datetime.date(2019, 3, 1)) == {"thematic_per_quarter": 1}
    assert pick(timeline, datetime.date(2017, 1, 1)) is None
    with pytest.raises(NoRuleInForce):
        rules_in_force("reporting", datetime.date(2017, 1, 1))
