"""Planning pages' query counts must not grow with the number of plans, tasks and updates."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.organization import services as org_services
from dangvu.organization.models import PartyOrg
from dangvu.planning import services, views
from dangvu.planning.models import AnnualPlan, Resolution
from dangvu.planning.tests.factories import make_plan, make_resolution, make_task

MAX_QUERIES = 16


@pytest.fixture
def world(cast: Cast) -> dict[str, Any]:
    plan = make_plan(cast.root)
    resolution = make_resolution(cast.root)
    task = make_task(cast.cell_a, plan, lead=cast.member_a2, source=resolution)
    return {"plan": plan, "resolution": resolution, "task": task}


def _grow(cast: Cast, plan: AnnualPlan, resolution: Resolution, start: int, n: int) -> None:
    with acting_as(None, source="test"):
        for i in range(start, start + n):
            cell = org_services.party_org_create(name=f"Chi bộ Thêm {i}", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
            make_plan(cell)
            task = make_task(
                cell, plan, title=f"Nhiệm vụ {i}", lead=cast.member_a2, due_date=datetime.date(2019, 3, 1 + i % 28)
            )
            task.gov_units.set([cast.unit_a])
            make_task(cast.cell_b, title=f"Theo nghị quyết {i}", source=resolution, lead=cast.member_a2)
            services.progress_add(task=task, user=None, date=datetime.date(2019, 2, 1), percent=10 + i)
            make_resolution(cast.root, number=f"{i}-KL/TW", kind="KL")


PAGES: list[tuple[str, str, Any]] = [
    ("office", "planning:overview", lambda w: None),
    ("office", "planning:plan_detail", lambda w: {"pk": w["plan"].pk}),
    ("office", "planning:plan_timeline", lambda w: {"pk": w["plan"].pk}),
    ("office", "planning:plan_export", lambda w: {"pk": w["plan"].pk}),
    ("member", "planning:my_tasks", lambda w: None),
    ("office", "planning:overdue", lambda w: None),
    ("office", "planning:task_detail", lambda w: {"pk": w["task"].pk}),
    ("office", "planning:resolution_list", lambda w: None),
    ("cell_secretary", "planning:resolution_detail", lambda w: {"pk": w["resolution"].pk}),
]


@pytest.mark.parametrize(("role", "name", "kwargs"), PAGES)
def test_query_count_does_not_grow_with_the_data(
    cast: Cast, world: dict[str, Any], role: str, name: str, kwargs: Any, django_assert_max_num_queries: Any
) -> None:
    _grow(cast, world["plan"], world["resolution"], 0, 2)
    client = cast.client(role)
    url = reverse(name, kwargs=kwargs(world))
    client.get(url, {"year": 2019})  # warm the content-type cache
    cache.clear()  # the totals are counted in both requests (the growth below changes their version)
    with django_assert_max_num_queries(MAX_QUERIES) as before:
        response = client.get(url, {"year": 2019})
        assert response.status_code == 200
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    _grow(cast, world["plan"], world["resolution"], 2, 8)
    with django_assert_max_num_queries(MAX_QUERIES) as after:
        response = client.get(url, {"year": 2019})
        assert response.status_code == 200
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert len(after.captured_queries) == len(before.captured_queries), f"{name} grew with the data"


def test_a_province_of_plans_pages_on_the_overview(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "OVERVIEW_PLANS", 2)
    make_plan(cast.root)
    make_task(cast.cell_a, make_plan(cast.cell_a))
    make_plan(cast.cell_b)
    client = cast.client("office")
    url = reverse("planning:overview") + "?year=2019"
    first = client.get(url).content.decode()
    assert "Trang 1 / 2" in first and "plans=2" in first
    second = client.get(url + "&plans=2").content.decode()
    shown = [name for name in ("Chi bộ A", "Chi bộ B", "Đảng bộ Thử nghiệm") if f"Kế hoạch 2019 của {name}" in second]
    assert len(shown) == 1  # the third plan, alone on its page
