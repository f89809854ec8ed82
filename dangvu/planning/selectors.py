"""Reads of plans and tasks. The displayed status (with "overdue") and the plan roll-up are SQL, so lists
filter and count in the database whatever the number of tasks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from dangvu.planning.access import visible_plans, visible_tasks
from dangvu.planning.models import AnnualPlan, KeyTask, Resolution

TaskStatus = KeyTask.Status
DISPLAY = "display_status"  # the annotation's name (a variable: the type checker knows only model fields)
Display = KeyTask.DisplayStatus


def display_status(today: datetime.date | None = None) -> Case:
    """Overdue = due before today (Asia/Ho_Chi_Minh) and neither done nor paused; otherwise the stored status."""
    today = today or timezone.localdate()
    return Case(
        When(status__in=[TaskStatus.DONE, TaskStatus.PAUSED], then=F("status")),
        When(due_date__lt=today, then=Value(Display.OVERDUE.value)),
        default=F("status"),
        output_field=models.CharField(),
    )


def with_display_status(qs: QuerySet[KeyTask], today: datetime.date | None = None) -> QuerySet[KeyTask]:
    return qs.annotate(**{DISPLAY: display_status(today)})


def _task_list_qs(qs: QuerySet[KeyTask]) -> QuerySet[KeyTask]:
    # The lists show the organization and the lead. None shows the plan: joining it cost a page of 50 tasks
    # 4.5 ms of row building on PostgreSQL.
    return with_display_status(qs).select_related("org", "lead")


@dataclass
class TaskFilters:
    year: int | None = None
    org: Any = None
    status: str = ""
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None
    plan: AnnualPlan | None = None


def task_list(user: Any, filters: TaskFilters) -> QuerySet[KeyTask]:
    qs = _task_list_qs(visible_tasks(user))
    if filters.plan is not None:
        qs = qs.filter(plan=filters.plan)
    if filters.year:
        # a task belongs to the year of its plan, or (without a plan) to the year it is due
        qs = qs.filter(Q(plan__year=filters.year) | Q(plan__isnull=True, due_date__year=filters.year))
    if filters.org is not None:
        qs = qs.filter(org__path__startswith=filters.org.path)
    if filters.status:
        qs = qs.filter(**{DISPLAY: filters.status})
    if filters.due_from:
        qs = qs.filter(due_date__gte=filters.due_from)
    if filters.due_to:
        qs = qs.filter(due_date__lte=filters.due_to)
    return qs.order_by("org_path", "due_date", "pk")


def my_tasks(user: Any, member_id: int) -> QuerySet[KeyTask]:
    return _task_list_qs(visible_tasks(user).filter(lead_id=member_id)).order_by("due_date", "pk")


def overdue_tasks(user: Any) -> QuerySet[KeyTask]:
    return _task_list_qs(visible_tasks(user)).filter(**{DISPLAY: Display.OVERDUE}).order_by("due_date", "pk")


def plan_list(user: Any, year: int | None = None) -> QuerySet[AnnualPlan]:
    # a correlated count runs for the page's rows only (a province has thousands of plans)
    tasks = KeyTask.objects.filter(plan=models.OuterRef("pk")).order_by().values("plan")
    task_count = Coalesce(models.Subquery(tasks.annotate(n=models.Count("pk")).values("n")), 0)
    qs = visible_plans(user).select_related("owner").annotate(task_count=task_count)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "org_path")


def plan_tasks(plan: AnnualPlan) -> QuerySet[KeyTask]:
    return _task_list_qs(plan.tasks.active()).order_by("org_path", "start_date", "pk")


@dataclass
class Rollup:
    weight_total: int
    weighted_sum: int
    percent: Decimal  # Σ(weight × percent) / Σ weight, one decimal; 0 when there is no task
    counts: dict[str, int]


def plan_rollup(plan: AnnualPlan, today: datetime.date | None = None) -> Rollup:
    """The plan's progress, and its tasks counted by displayed status, in one SQL aggregate."""
    status = display_status(today)
    aggregates: dict[str, Any] = {
        "weight_total": Sum("weight"),
        "weighted_sum": Sum(F("weight") * F("percent")),
    }
    for value in Display.values:
        aggregates[f"n_{value}"] = models.Count("pk", filter=Q(_status=value))
    row = plan.tasks.active().annotate(_status=status).aggregate(**aggregates)
    total = row["weight_total"] or 0
    weighted = row["weighted_sum"] or 0
    percent = (Decimal(weighted) / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP) if total else Decimal(0)
    return Rollup(total, weighted, percent, {v: row[f"n_{v}"] for v in Display.values})


def tasks_from(source: models.Model, user: Any | None = None) -> QuerySet[KeyTask]:
    """The tasks whose source is `source` (a plan, a resolution, a meeting conclusion...), any app may call it.

    With `user`, only the tasks that user may see.
    """
    qs = KeyTask.objects.active() if user is None else visible_tasks(user)
    content_type = ContentType.objects.get_for_model(source)
    return _task_list_qs(qs.filter(source_type=content_type, source_id=source.pk)).order_by("due_date", "pk")


def task_detail(task: KeyTask) -> dict[str, Any]:
    task_with_status = with_display_status(KeyTask.objects.filter(pk=task.pk)).values_list(DISPLAY, flat=True)
    return {
        "display_status": task_with_status.first(),
        "updates": task.updates.select_related("by").order_by("-date", "-pk"),
        "gov_units": task.gov_units.all(),
        "party_orgs": task.party_orgs.all(),
    }


def resolution_list(qs: QuerySet[Resolution]) -> QuerySet[Resolution]:
    ct = ContentType.objects.get_for_model(Resolution)
    tasks = KeyTask.objects.active().filter(source_type=ct, source_id=models.OuterRef("pk"))
    count = tasks.order_by().values("source_id").annotate(n=models.Count("pk")).values("n")
    return qs.select_related("owner").annotate(task_count=Coalesce(models.Subquery(count), 0))


def timeline(plan: AnnualPlan, tasks: list[KeyTask]) -> dict[str, Any]:
    """Bars for a Gantt-like chart: each task's start and length as percentages of the plan's year."""
    start = datetime.date(plan.year, 1, 1)
    days = (datetime.date(plan.year, 12, 31) - start).days + 1
    rows = []
    for task in tasks:
        first = max(task.start_date, start)
        last = min(task.due_date, datetime.date(plan.year, 12, 31))
        offset = max((first - start).days, 0)
        length = max((last - first).days + 1, 1)
        rows.append(
            {
                "task": task,
                "left": round(offset * 100 / days, 2),
                "width": round(min(length, days - offset) * 100 / days, 2),
            }
        )
    months = [
        {"n": m, "left": round((datetime.date(plan.year, m, 1) - start).days * 100 / days, 2)} for m in range(1, 13)
    ]
    today = timezone.localdate()
    today_left = round((today - start).days * 100 / days, 2) if today.year == plan.year else None
    return {"rows": rows, "months": months, "today_left": today_left}
