"""Who may see and change plans, tasks and the resolution register. Built only on organization.access.

Reading follows the organization: a plan or task is visible where its organization is (visible_orgs); a
member also sees the tasks they lead. Out of scope is 404; in scope but read-only is 403 on write.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from dangvu.organization.access import Role, ancestor_paths, path_q, scope_for, visible_org_q
from dangvu.organization.models import PartyOrg
from dangvu.planning.models import AnnualPlan, KeyTask, ProgressUpdate, Resolution

# The committee office and committee members run plans for their whole subtree and approve them.
MANAGER_ROLES: set[str] = {Role.OFFICE, Role.COMMITTEE}
# A cell secretary plans for their own cell.
EDITOR_ROLES: set[str] = {*MANAGER_ROLES, Role.CELL_SECRETARY}


def visible_plans(user: Any) -> QuerySet[AnnualPlan]:
    return AnnualPlan.objects.active().filter(visible_org_q(user, "owner"))


def visible_tasks(user: Any) -> QuerySet[KeyTask]:
    scope = scope_for(user)
    q = visible_org_q(user, "org")
    if scope.member_id is not None:
        q |= Q(lead_id=scope.member_id)
    return KeyTask.objects.active().filter(q)


def visible_resolutions(user: Any) -> QuerySet[Resolution]:
    """The register of the user's organization and of the committees above it (their resolutions bind it)."""
    scope = scope_for(user)
    qs = Resolution.objects.active()
    if scope.superuser:
        return qs
    paths = scope.paths()
    if scope.member_cell_path is not None:
        paths = paths | {scope.member_cell_path}
    if not paths:
        return qs.none()
    return qs.filter(path_q(paths, "owner__path") | Q(owner__path__in=ancestor_paths(paths)))


def editable_orgs(user: Any) -> QuerySet[PartyOrg]:
    """Organizations whose plans and tasks the user may create and change."""
    scope = scope_for(user)
    qs = PartyOrg.objects.active().filter(is_external=False)
    if scope.superuser:
        return qs
    return qs.filter(path_q(scope.paths(EDITOR_ROLES), "path"))


def managed_orgs(user: Any) -> QuerySet[PartyOrg]:
    """Organizations whose register of resolutions the user keeps (office and committee)."""
    scope = scope_for(user)
    qs = PartyOrg.objects.active().filter(is_external=False)
    if scope.superuser:
        return qs
    return qs.filter(path_q(scope.paths(MANAGER_ROLES), "path"))


def can_edit_org(user: Any, org: PartyOrg) -> bool:
    return scope_for(user).covers(org.path, EDITOR_ROLES)


def can_edit_plan(user: Any, plan: AnnualPlan) -> bool:
    # Once submitted, a cell's plan waits for the committee; the committee may still correct it.
    if plan.status in (AnnualPlan.Status.DRAFT, AnnualPlan.Status.RETURNED):
        return can_edit_org(user, plan.owner)
    return scope_for(user).covers(plan.owner.path, MANAGER_ROLES)


def can_submit_plan(user: Any, plan: AnnualPlan) -> bool:
    return plan.status in (AnnualPlan.Status.DRAFT, AnnualPlan.Status.RETURNED) and can_edit_org(user, plan.owner)


def _reviewing_org(plan: AnnualPlan) -> PartyOrg:
    """A plan goes to the committee above; the top committee kept in dangvu approves its own plan."""
    parent = plan.owner.parent
    return parent if parent is not None and not parent.is_external else plan.owner


def can_review_plan(user: Any, plan: AnnualPlan) -> bool:
    return plan.status == AnnualPlan.Status.SUBMITTED and scope_for(user).covers(
        _reviewing_org(plan).path, MANAGER_ROLES
    )


def can_edit_task(user: Any, task: KeyTask) -> bool:
    return can_edit_org(user, task.org)


def can_add_progress(user: Any, task: KeyTask) -> bool:
    """The task's editors, and its lead person on their own task."""
    member_id = scope_for(user).member_id
    return can_edit_task(user, task) or (member_id is not None and task.lead_id == member_id)


def can_manage_register(user: Any) -> bool:
    return scope_for(user).has_role(*MANAGER_ROLES)


def get_plan_for_user(user: Any, pk: int) -> AnnualPlan:
    try:
        return visible_plans(user).select_related("owner__parent").get(pk=pk)
    except AnnualPlan.DoesNotExist:
        raise Http404 from None


def get_task_for_user(user: Any, pk: int, *, write: bool = False) -> KeyTask:
    try:
        task = visible_tasks(user).select_related("org", "plan__owner", "lead", "source_type").get(pk=pk)
    except KeyTask.DoesNotExist:
        raise Http404 from None
    if write and not can_edit_task(user, task):
        raise PermissionDenied
    return task


def get_update_for_user(user: Any, pk: int) -> ProgressUpdate:
    try:
        return ProgressUpdate.objects.select_related("task").get(pk=pk, task__in=visible_tasks(user))
    except ProgressUpdate.DoesNotExist:
        raise Http404 from None


def get_resolution_for_user(user: Any, pk: int) -> Resolution:
    try:
        return visible_resolutions(user).select_related("owner").get(pk=pk)
    except Resolution.DoesNotExist:
        raise Http404 from None
