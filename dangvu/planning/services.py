"""Writes to plans, tasks, progress and the resolution register. Each runs in one transaction; the audit
trail is written by core.audit from the saves made here."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.models import save_versioned
from dangvu.core.uploads import validate_upload
from dangvu.lib.vn_text import clean
from dangvu.planning.models import AnnualPlan, KeyTask, PlanStatusChange, ProgressUpdate, Resolution

Status = AnnualPlan.Status


class PlanningError(Exception):
    """A state change that is not allowed now (a typed error, shown to the user as a message)."""


PLAN_NOT_SUBMITTABLE = gettext_lazy("Chỉ trình được kế hoạch đang dự thảo hoặc đã bị trả lại.")
PLAN_NOT_SUBMITTED = gettext_lazy("Kế hoạch chưa được trình nên không thể phê duyệt hoặc trả lại.")


def _set_text(obj: Any, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(obj, name, clean(value) if isinstance(value, str) else value)


# --- Plans ---------------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, owner: Any, year: int, title: str, description: str = "") -> AnnualPlan:
    plan = AnnualPlan(owner=owner, year=year)
    _set_text(plan, {"title": title, "description": description})
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, plan: AnnualPlan, expected_version: int | None = None, **fields: Any) -> AnnualPlan:
    year = fields.get("year", plan.year)
    if year != plan.year and plan.tasks.exclude(start_date__year=year, due_date__year=year).exists():
        raise ValidationError({"year": _("Kế hoạch đã có nhiệm vụ ngoài năm %(year)s.") % {"year": year}})
    _set_text(plan, fields)
    plan.full_clean()
    save_versioned(plan, expected_version=expected_version)
    return plan


def _change_status(
    plan: AnnualPlan, *, to: str, user: Any, comment: str = "", at: datetime.datetime | None = None
) -> AnnualPlan:
    # Lock the row: two reviewers clicking at once must not both move the plan.
    current = AnnualPlan.objects.select_for_update().get(pk=plan.pk)
    step = PlanStatusChange(plan=plan, by=user if getattr(user, "is_authenticated", False) else None)
    step.at = at or timezone.now()
    step.from_status, step.to_status, step.comment = current.status, to, clean(comment)
    plan.status = to
    plan.save(update_fields=["status", "updated_at"])
    step.save()
    return plan


@transaction.atomic
def plan_submit(*, plan: AnnualPlan, user: Any, comment: str = "", at: datetime.datetime | None = None) -> AnnualPlan:
    """A cell or unit sends its plan to the committee above."""
    if plan.status not in (Status.DRAFT, Status.RETURNED):
        raise PlanningError(PLAN_NOT_SUBMITTABLE)
    return _change_status(plan, to=Status.SUBMITTED, user=user, comment=comment, at=at)


@transaction.atomic
def plan_approve(*, plan: AnnualPlan, user: Any, comment: str = "", at: datetime.datetime | None = None) -> AnnualPlan:
    if plan.status != Status.SUBMITTED:
        raise PlanningError(PLAN_NOT_SUBMITTED)
    return _change_status(plan, to=Status.APPROVED, user=user, comment=comment, at=at)


@transaction.atomic
def plan_return(*, plan: AnnualPlan, user: Any, comment: str, at: datetime.datetime | None = None) -> AnnualPlan:
    """The committee sends the plan back; its comments say what to change."""
    if plan.status != Status.SUBMITTED:
        raise PlanningError(PLAN_NOT_SUBMITTED)
    if not clean(comment):
        raise ValidationError({"comment": _("Hãy ghi ý kiến: đơn vị cần biết phải sửa gì.")})
    return _change_status(plan, to=Status.RETURNED, user=user, comment=comment, at=at)


# --- Tasks ---------------------------------------------------------------------------------------------


def _validate_task(task: KeyTask) -> None:
    errors: dict[str, str] = {}
    if task.start_date and task.due_date and task.due_date < task.start_date:
        errors["due_date"] = _("Hạn hoàn thành (%(due)s) không được trước ngày bắt đầu (%(start)s).") % {
            "due": f"{task.due_date:%d/%m/%Y}",
            "start": f"{task.start_date:%d/%m/%Y}",
        }
    if task.plan_id is not None and task.plan is not None:
        year = task.plan.year
        for name in ("start_date", "due_date"):
            day: datetime.date | None = getattr(task, name)
            if day is not None and day.year != year and name not in errors:
                errors[name] = _("Ngày %(day)s nằm ngoài năm của kế hoạch (%(year)s).") % {
                    "day": f"{day:%d/%m/%Y}",
                    "year": year,
                }
    if errors:
        raise ValidationError(errors)


def _set_source(task: KeyTask, source: models.Model | None) -> None:
    if source is None and task.plan_id is not None and task.source_type_id is None:
        source = task.plan  # a task written into a plan comes from that plan
    if source is not None:
        task.source = source


@transaction.atomic
def task_create(
    *,
    org: Any,
    title: str,
    start_date: datetime.date,
    due_date: datetime.date,
    source: models.Model | None = None,
    gov_units: Any = (),
    party_orgs: Any = (),
    **fields: Any,
) -> KeyTask:
    """Create a key task; `source` is what it comes from (a plan, a resolution, a meeting's conclusion...)."""
    task = KeyTask(org=org, start_date=start_date, due_date=due_date)
    _set_text(task, {"title": title, **fields})
    _set_source(task, source)
    _validate_task(task)  # first: the clear messages, before the database constraint's generic one
    task.full_clean()
    task.save()
    if gov_units:
        task.gov_units.set(gov_units)
    if party_orgs:
        task.party_orgs.set(party_orgs)
    return task


@transaction.atomic
def task_update(
    *,
    task: KeyTask,
    expected_version: int | None,
    gov_units: Any = None,
    party_orgs: Any = None,
    **fields: Any,
) -> KeyTask:
    """Change a task; refused (ConcurrentEditError) if someone saved it after `expected_version` was read."""
    _set_text(task, fields)
    _set_source(task, None)
    _validate_task(task)  # first: the clear messages, before the database constraint's generic one
    task.full_clean()
    save_versioned(task, expected_version=expected_version)
    if gov_units is not None:
        task.gov_units.set(gov_units)
    if party_orgs is not None:
        task.party_orgs.set(party_orgs)
    return task


def task_recompute_percent(task: KeyTask) -> KeyTask:
    """The task's percent is its latest update's (by date, then entry order)."""
    latest = task.updates.order_by("-date", "-pk").values_list("percent", flat=True).first()
    task.percent = latest or 0
    return task


@transaction.atomic
def progress_add(
    *,
    task: KeyTask,
    user: Any,
    date: datetime.date,
    percent: int,
    note: str = "",
    status: str = "",
    evidence: UploadedFile | None = None,
) -> ProgressUpdate:
    """Record progress; the task takes the latest update's percent, and its status follows unless set."""
    if evidence is not None:
        validate_upload(evidence)
    update = ProgressUpdate(task=task, date=date, percent=percent, status=status)
    update.by = user if getattr(user, "is_authenticated", False) else None
    _set_text(update, {"note": note})
    if evidence is not None:
        update.evidence = evidence
    update.full_clean()
    update.save()
    task_recompute_percent(task)
    if status:
        task.status = status
    elif task.percent >= 100:
        task.status = KeyTask.Status.DONE
    elif task.percent > 0 and task.status == KeyTask.Status.NOT_STARTED:
        task.status = KeyTask.Status.IN_PROGRESS
    # Progress is additive, not an edit of the task's text: bump the version so an open edit form is refused.
    KeyTask.objects.filter(pk=task.pk).update(version=models.F("version") + 1)
    task.version += 1
    task.save(update_fields=["percent", "status", "updated_at"])
    return update


# --- Resolutions ---------------------------------------------------------------------------------------


@transaction.atomic
def resolution_create(
    *, owner: Any, kind: str, number: str, issued_on: datetime.date, title: str, **fields: Any
) -> Resolution:
    resolution = Resolution(owner=owner, kind=kind, issued_on=issued_on)
    _set_text(resolution, {"number": number, "title": title, **fields})
    resolution.full_clean()
    resolution.save()
    return resolution


def today() -> datetime.date:
    return timezone.localdate()
