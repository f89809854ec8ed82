"""Who sees and takes each step of the yearly rating. Built on organization.access only.

Decisions (issue 6, DOMAIN §5.4 and §11.10):
- office (văn phòng đảng ủy) opens and closes the cycle of its organization, and appraises the collectives
  (thẩm định: the proposal step of a collective's rating); it does not decide: deciding is the committee's act.
- committee (Thường trực / Ban Thường vụ đảng ủy) decides the members' and the cells' levels. The rating of the
  Party organization itself is decided by the upper level's standing committee: the committee role records it.
- cell secretary records the cell's comments, vote and proposal for the members of their cell, and writes the
  cell's own review report (the collective's self-assessment).
- a member writes their own self-assessment and registers their own Chỉ thị 05 commitment (the office may register
  one on a member's behalf); they read only their own rating.
- inspection and observer read the whole subtree. Outside the scope: 404; in scope but not allowed: 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from dangvu.organization.access import path_q, scope_for
from dangvu.organization.models import Member, PartyOrg, RoleAssignment
from dangvu.rating.models import CollectiveRating, Commitment, MemberRating, RatingCycle

Role = RoleAssignment.Role
READ_ROLES: set[str] = {Role.OFFICE, Role.COMMITTEE, Role.INSPECTION, Role.OBSERVER}
OPEN_ROLES: set[str] = {Role.OFFICE}
DECIDE_ROLES: set[str] = {Role.COMMITTEE}
CELL_ROLES: set[str] = {Role.CELL_SECRETARY}
APPRAISE_ROLES: set[str] = {Role.OFFICE}


def can_list(user: Any) -> bool:
    scope = scope_for(user)
    return scope.superuser or bool(scope.roots)


def can_open(user: Any) -> bool:
    return scope_for(user).has_role(*OPEN_ROLES)


def openable_orgs(user: Any) -> QuerySet[PartyOrg]:
    scope = scope_for(user)
    qs = PartyOrg.objects.active().exclude(kind__in=[PartyOrg.Kind.TO_DANG, PartyOrg.Kind.CHI_BO])
    qs = qs.filter(is_external=False)
    if scope.superuser:
        return qs
    return qs.filter(path_q(scope.paths(OPEN_ROLES), "path"))


def visible_cycles(user: Any) -> QuerySet[RatingCycle]:
    """Cycles of an organization the user's roles cover, or that covers their cell / their own cell."""
    scope = scope_for(user)
    qs = RatingCycle.objects.active()
    if scope.superuser:
        return qs
    q = path_q(scope.paths(READ_ROLES), "org__path")
    cells = scope.paths(CELL_ROLES)
    if scope.member_cell_path is not None:
        cells = cells | {scope.member_cell_path}
    for path in cells:
        # A cell sees the cycle of each ancestor organization (its path starts with the cycle org's path).
        prefixes = [path[:i] for i in range(6, len(path) + 1, 6)]
        q |= Q(org__path__in=prefixes)
    return qs.filter(q)


def get_cycle_for_user(user: Any, pk: int, *, manage: bool = False) -> RatingCycle:
    try:
        cycle = visible_cycles(user).select_related("org", "rule__regulation").get(pk=pk)
    except RatingCycle.DoesNotExist:
        raise Http404 from None
    if manage and not scope_for(user).covers(cycle.org.path, OPEN_ROLES):
        raise PermissionDenied
    return cycle


def sees_all_members(user: Any, cycle: RatingCycle) -> bool:
    return scope_for(user).covers(cycle.org.path, READ_ROLES)


def rating_q(user: Any, prefix: str = "") -> Q:
    """The member ratings the user may read."""
    scope = scope_for(user)
    if scope.superuser:
        return Q()
    q = path_q(scope.paths(READ_ROLES | CELL_ROLES), f"{prefix}cell__path")
    if scope.member_id is not None:
        q |= Q(**{f"{prefix}member": scope.member_id})
    return q


def visible_ratings(user: Any) -> QuerySet[MemberRating]:
    return MemberRating.objects.active().filter(rating_q(user))


def get_rating_for_user(user: Any, pk: int) -> MemberRating:
    qs = visible_ratings(user).select_related("cycle__org", "cycle__rule__regulation", "member", "cell")
    try:
        return qs.get(pk=pk)
    except MemberRating.DoesNotExist:
        raise Http404 from None


def can_self(user: Any, rating: MemberRating) -> bool:
    scope = scope_for(user)
    return scope.superuser or (scope.member_id is not None and scope.member_id == rating.member_id)


def can_review(user: Any, rating: MemberRating) -> bool:
    return scope_for(user).covers(rating.cell.path, CELL_ROLES)


def can_decide(user: Any, cycle: RatingCycle) -> bool:
    return scope_for(user).covers(cycle.org.path, DECIDE_ROLES)


def visible_cells(user: Any, cycle: RatingCycle) -> QuerySet[PartyOrg]:
    """Cells of the cycle's organization whose table the user may read."""
    scope = scope_for(user)
    qs = PartyOrg.objects.active().filter(path__startswith=cycle.org.path, kind__in=PartyOrg.CELL_KINDS)
    if scope.superuser or scope.covers(cycle.org.path, READ_ROLES):
        return qs
    return qs.filter(path_q(scope.paths(READ_ROLES | CELL_ROLES), "path"))


def get_cell_for_user(user: Any, cycle: RatingCycle, pk: int) -> PartyOrg:
    scope = scope_for(user)
    cell = visible_cells(user, cycle).filter(pk=pk).first()
    if cell is None:
        if scope.member_id is not None and scope.member_cell_id == pk:
            raise PermissionDenied  # their own cell: it exists for them, but the table is not theirs to read
        raise Http404
    return cell


def collective_q(user: Any) -> Q:
    scope = scope_for(user)
    if scope.superuser:
        return Q()
    return path_q(scope.paths(READ_ROLES | CELL_ROLES), "org__path")


def get_collective_for_user(user: Any, pk: int) -> CollectiveRating:
    qs = CollectiveRating.objects.active().filter(collective_q(user)).select_related("cycle__org", "org")
    try:
        return qs.get(pk=pk)
    except CollectiveRating.DoesNotExist:
        raise Http404 from None


def can_collective_self(user: Any, collective: CollectiveRating) -> bool:
    roles = OPEN_ROLES if collective.is_party_org else CELL_ROLES
    return scope_for(user).covers(collective.org.path, roles)


def can_collective_propose(user: Any, collective: CollectiveRating) -> bool:
    return scope_for(user).covers(collective.cycle.org.path, APPRAISE_ROLES)


def visible_commitments(user: Any) -> QuerySet[Commitment]:
    scope = scope_for(user)
    qs = Commitment.objects.active()
    if scope.superuser:
        return qs
    q = path_q(scope.paths(READ_ROLES | CELL_ROLES), "member__cell__path")
    if scope.member_id is not None:
        q |= Q(member=scope.member_id)
    return qs.filter(q)


def commitment_members(user: Any) -> QuerySet[Member]:
    """Members for whom the user may register a commitment: themselves, or the office's subtree."""
    scope = scope_for(user)
    qs = Member.objects.active().filter(status__in=Member.ACTIVE_STATUSES)
    if scope.superuser:
        return qs
    q = path_q(scope.paths(OPEN_ROLES), "cell__path")
    if scope.member_id is not None:
        q |= Q(pk=scope.member_id)
    return qs.filter(q)


def require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied
