"""Who sees and manages inspection and supervision records. Built on organization.access only.

Decisions (issue 4):
- Standing committee: a user with the role `committee` is taken as the standing committee (Thường trực / BTV);
  the committee role in this app is given to the đảng ủy's standing members only. Together with the inspection
  commission (role `inspection`) they are the only ones who see confidential activities (types listed in the rule's
  "confidential_types", by default the inspection on signs of violation) of their subtree, with every finding,
  recommendation, step and follow-up. Everyone else gets 404, and the records are left out of every list, count,
  export and the audit trail (audit path "confidential:<path>", see models.CONFIDENTIAL_PREFIX).
- office, committee, inspection, observer read the non-confidential activities of programs in their subtree;
  office and committee manage the committee's program; inspection manages the inspection commission's program
  (and may manage confidential ones anywhere in its subtree); observer only reads.
- a cell secretary manages their cell's self-inspection plan and reads non-confidential activities of their cell's
  program or whose subject is their cell or a member of it.
- a member reads the non-confidential activities whose subject is themselves; nothing else.
- a task is never made from a confidential recommendation (planning's lists would reveal the source): refused.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from dangvu.organization.access import Scope, path_q, scope_for
from dangvu.organization.models import PartyOrg, RoleAssignment
from dangvu.supervision.models import Activity, Program, Recommendation

Role = RoleAssignment.Role
READ_ROLES: set[str] = {Role.OFFICE, Role.COMMITTEE, Role.INSPECTION, Role.OBSERVER}
CONFIDENTIAL_ROLES: set[str] = {Role.INSPECTION, Role.COMMITTEE}
MANAGE_ROLES: dict[str, set[str]] = {
    Program.Body.COMMITTEE: {Role.OFFICE, Role.COMMITTEE},
    Program.Body.INSPECTION_COMMISSION: {Role.INSPECTION},
    Program.Body.CELL: {Role.CELL_SECRETARY},
}
COVERAGE_ROLES = READ_ROLES


def sees_confidential(user: Any) -> bool:
    return scope_for(user).has_role(*CONFIDENTIAL_ROLES)


def can_list(user: Any) -> bool:
    scope = scope_for(user)
    return scope.sees_organization or scope.member_id is not None


def _open_q(scope: Scope, prefix: str = "") -> Q:
    """Non-confidential activities the scope may read."""
    q = path_q(scope.paths(READ_ROLES), f"{prefix}program__org__path")
    cell_paths = scope.paths({Role.CELL_SECRETARY})
    if cell_paths:
        q |= path_q(cell_paths, f"{prefix}program__org__path")
        q |= path_q(cell_paths, f"{prefix}subject_org__path")
        q |= path_q(cell_paths, f"{prefix}subject_member__cell__path")
    if scope.member_id is not None:
        q |= Q(**{f"{prefix}subject_member": scope.member_id})
    return q


def activity_q(user: Any, prefix: str = "") -> Q:
    """The filter of the activities `user` may read (prefix: the lookup from another model to Activity)."""
    scope = scope_for(user)
    if scope.superuser:
        return Q()
    secret = path_q(scope.paths(CONFIDENTIAL_ROLES), f"{prefix}program__org__path")
    return (Q(**{f"{prefix}confidential": False}) & _open_q(scope, prefix)) | (
        Q(**{f"{prefix}confidential": True}) & secret
    )


def visible_activities(user: Any) -> QuerySet[Activity]:
    return Activity.objects.active().filter(activity_q(user))


def visible_programs(user: Any) -> QuerySet[Program]:
    scope = scope_for(user)
    qs = Program.objects.active()
    if scope.superuser:
        return qs
    q = path_q(scope.paths(READ_ROLES | {Role.CELL_SECRETARY}), "org__path")
    q |= Q(pk__in=visible_activities(user).values("program_id"))
    return qs.filter(q)


def can_manage_program(user: Any, program: Program) -> bool:
    return scope_for(user).covers(program.org.path, MANAGE_ROLES[program.body])


def can_manage_activity(user: Any, activity: Activity) -> bool:
    if activity.confidential:
        return scope_for(user).covers(activity.program.org.path, {Role.INSPECTION})
    return can_manage_program(user, activity.program)


def get_program_for_user(user: Any, pk: int, *, manage: bool = False) -> Program:
    try:
        program = visible_programs(user).select_related("org").get(pk=pk)
    except Program.DoesNotExist:
        raise Http404 from None
    if manage and not can_manage_program(user, program):
        raise PermissionDenied
    return program


def get_activity_for_user(user: Any, pk: int, *, manage: bool = False) -> Activity:
    qs = visible_activities(user).select_related("program__org", "subject_org", "subject_member", "lead")
    try:
        activity = qs.get(pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None
    if manage and not can_manage_activity(user, activity):
        raise PermissionDenied
    return activity


def get_recommendation_for_user(user: Any, pk: int, *, manage: bool = False) -> Recommendation:
    qs = Recommendation.objects.active().filter(activity_q(user, "finding__activity__"))
    try:
        rec = qs.select_related("finding__activity__program__org").get(pk=pk)
    except Recommendation.DoesNotExist:
        raise Http404 from None
    if manage and not can_manage_activity(user, rec.finding.activity):
        raise PermissionDenied
    return rec


def manageable_program_orgs(user: Any) -> dict[str, QuerySet[PartyOrg]]:
    """For the program form: where the user may create a program of each body."""
    scope = scope_for(user)
    orgs = PartyOrg.objects.active()
    result: dict[str, QuerySet[PartyOrg]] = {}
    for body, roles in MANAGE_ROLES.items():
        qs = orgs if scope.superuser else orgs.filter(path_q(scope.paths(roles), "path"))
        if body == Program.Body.CELL:
            qs = qs.filter(kind__in=PartyOrg.CELL_KINDS)
        else:
            qs = qs.exclude(kind__in=PartyOrg.CELL_KINDS)
        result[body] = qs
    return result


def can_view_coverage(user: Any) -> bool:
    return scope_for(user).has_role(*COVERAGE_ROLES)


def require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied
