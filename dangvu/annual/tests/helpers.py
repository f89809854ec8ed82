"""Builders for the annual report tests: the reference demo year, and a small report for the cast."""

from __future__ import annotations

import datetime
from typing import Any

from dangvu.annual import services
from dangvu.annual.models import AnnualReport
from dangvu.core.audit import acting_as
from dangvu.organization.demo.reference import load_reference
from dangvu.organization.models import PartyOrg
from dangvu.planning import services as planning_services

DEMO_MODULES = ("planning", "reporting", "meetings", "supervision", "rating")


def load_demo() -> PartyOrg:
    """The reference organization with its 2019 records from every app's demo loader."""
    import importlib

    with acting_as(None, source="demo"):
        root = load_reference().root
        for name in DEMO_MODULES:
            importlib.import_module(f"dangvu.{name}.demo").load(root)
    return root


def add_task(org: PartyOrg, year: int = 2019, **fields: Any) -> Any:
    with acting_as(None, source="test"):
        plan = org.plans.filter(year=year).first() or planning_services.plan_create(
            owner=org, year=year, title=f"Kế hoạch công tác năm {year}"
        )
        defaults: dict[str, Any] = {
            "title": "Nhiệm vụ thử",
            "start_date": datetime.date(year, 2, 1),
            "due_date": datetime.date(year, 11, 30),
        }
        defaults.update(fields)
        return planning_services.task_create(org=org, plan=plan, **defaults)


def make_report(org: PartyOrg, year: int = 2019) -> AnnualReport:
    """A draft report of `org` for `year`, with one key task so that the year has data."""
    existing = AnnualReport.objects.filter(org=org, year=year).first()
    if existing is not None:
        return existing
    add_task(org, year)
    with acting_as(None, source="test"):
        return services.report_create(org=org, year=year)
