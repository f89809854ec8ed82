from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db.models import Count

from dangvu.core.audit import acting_as
from dangvu.organization.demo.reference import ROOT_NAME, load_reference
from dangvu.organization.models import PartyOrg
from dangvu.planning import demo, selectors
from dangvu.planning.models import AnnualPlan, KeyTask, PlanStatusChange, ProgressUpdate, Resolution

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (AnnualPlan, KeyTask, ProgressUpdate, PlanStatusChange, Resolution))


@pytest.fixture
def root() -> PartyOrg:
    with acting_as(None, source="demo"):
        result = load_reference()
    assert result.root.name == ROOT_NAME
    return result.root


def test_the_demo_loads_2019_and_2020_and_a_second_run_adds_nothing(root: PartyOrg) -> None:
    with acting_as(None, source="demo"):
        added = demo.load(root)
    assert added["kế hoạch"] == root.children.filter(kind=PartyOrg.Kind.CHI_BO).count() + 2
    before = _counts()
    with acting_as(None, source="demo"):
        assert not any(demo.load(root).values())
    assert _counts() == before

    cells = AnnualPlan.objects.filter(year=2019).exclude(owner=root)
    assert cells.filter(status=AnnualPlan.Status.APPROVED).count() == cells.count()
    per_plan = cells.annotate(n=Count("tasks")).values_list("n", flat=True)
    assert min(per_plan) >= 3 and max(per_plan) <= 6
    returned = PlanStatusChange.objects.filter(to_status=AnnualPlan.Status.RETURNED)
    assert returned.count() == 1 and returned.get().comment

    plan_2020 = AnnualPlan.objects.get(owner=root, year=2020)
    titles = list(plan_2020.tasks.values_list("title", flat=True))
    assert "Tiếp tục hoàn thiện thể chế quản lý về lĩnh vực giáo dục nghề nghiệp" in titles
    assert "Các đơn vị khẩn trương xây dựng nhiệm vụ trọng tâm năm 2020" in titles
    assert len(titles) == 8

    with time_machine.travel(datetime.datetime(2020, 1, 17, 3, tzinfo=datetime.UTC)):
        tasks_2019 = selectors.with_display_status(KeyTask.objects.filter(plan__year=2019))
        statuses = list(tasks_2019.values_list("display_status", flat=True))
    assert statuses.count("done") > len(statuses) / 2
    assert "overdue" in statuses and "paused" in statuses

    directive = Resolution.objects.get(number="05-CT/TW")
    assert directive.issued_on == datetime.date(2016, 5, 15)
    assert selectors.tasks_from(directive).exists()
    assert Resolution.objects.get(number="19-NQ/TW").issued_on == datetime.date(2017, 10, 25)
