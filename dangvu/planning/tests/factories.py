"""Small builders for planning tests, through the services (so the audit trail is as in production)."""

from __future__ import annotations

import datetime
from typing import Any

from dangvu.core.audit import acting_as
from dangvu.organization.models import PartyOrg
from dangvu.planning import services
from dangvu.planning.models import AnnualPlan, KeyTask, Resolution

YEAR = 2019


def make_plan(owner: PartyOrg, year: int = YEAR, **fields: Any) -> AnnualPlan:
    with acting_as(None, source="test"):
        return services.plan_create(
            owner=owner, year=year, title=fields.pop("title", f"Kế hoạch {year} của {owner.name}"), **fields
        )


def make_task(org: PartyOrg, plan: AnnualPlan | None = None, **fields: Any) -> KeyTask:
    year = plan.year if plan else YEAR
    defaults: dict[str, Any] = {
        "title": "Nhiệm vụ thử",
        "start_date": datetime.date(year, 2, 1),
        "due_date": datetime.date(year, 11, 30),
    }
    defaults.update(fields)
    with acting_as(None, source="test"):
        return services.task_create(org=org, plan=plan, **defaults)


def make_resolution(owner: PartyOrg, number: str = "19-NQ/TW", **fields: Any) -> Resolution:
    defaults: dict[str, Any] = {
        "kind": "NQ",
        "issued_on": datetime.date(2017, 10, 25),
        "title": "Về tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng đơn vị sự nghiệp công lập",
        "issuer": "Ban Chấp hành Trung ương",
    }
    defaults.update(fields)
    with acting_as(None, source="test"):
        return services.resolution_create(owner=owner, number=number, **defaults)
