"""Who sees what: the one place where access to the Party organization is decided.

Every view and selector asks these functions; none filters by role on its own. A record outside the
user's scope is a 404 (its existence is not revealed); a record in scope that the user may only read
is a 403 on write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import or_
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connections, router
from django.db.models import BigIntegerField, CharField, Q, QuerySet, Value
from django.http import Http404

from dangvu.organization.models import PATH_STEP, Member, PartyOrg, RoleAssignment

Role = RoleAssignment.Role

# Roles that see their whole subtree (the committee office and upward); the cell roles see their cell.
WRITE_MEMBER_ROLES: set[str] = {Role.OFFICE}
AUDIT_ROLES: set[str] = {Role.OFFICE}


@dataclass
class Scope:
    """The parts of the Party organization a user may see, and what they may do there."""

    user: Any
    roots: dict[str, set[str]] = field(default_factory=dict)  # role -> org paths (subtree roots)
    superuser: bool = False
    # The user's own member record (hồ sơ đảng viên) as the access rules read it: its id, cell and cell's path.
    member_id: int | None = None
    member_cell_id: int | None = None
    member_cell_path: str | None = None

    @cached_property
    def member(self) -> Member | None:
        """The user's own member record, read only by the pages that show it (one query, the first time)."""
        if self.member_id is None:
            return None
        return Member.objects.select_related("cell").filter(pk=self.member_id).first()

    @property
    def key(self) -> tuple[Any, ...]:
        """Everything of the user that the access functions read, hashable: equal keys give equal filters
        (search.selectors compiles its visibility filter once per key)."""
        return (
            getattr(self.user, "pk", None),
            self.superuser,
            tuple(sorted((role, tuple(sorted(paths))) for role, paths in self.roots.items())),
            None if self.member_id is None else (self.member_id, self.member_cell_id, self.member_cell_path),
        )

    @property
    def roles(self) -> set[str]:
        return set(self.roots)

    def paths(self, roles: set[str] | None = None) -> set[str]:
        if roles is None:
            return set().union(*self.roots.values()) if self.roots else set()
        return set().union(*(self.roots.get(r, set()) for r in roles))

    def covers(self, path: str, roles: set[str] | None = None) -> bool:
        return self.superuser or any(path.startswith(p) for p in self.paths(roles))

    def has_role(self, *roles: str) -> bool:
        return self.superuser or any(r in self.roots for r in roles)

    @property
    def can_manage_members(self) -> bool:
        return self.has_role(*WRITE_MEMBER_ROLES)

    @property
    def can_view_audit(self) -> bool:
        return self.has_role(*AUDIT_ROLES)

    @property
    def works_for_committee(self) -> bool:
        """The committee's office or the committee itself: they run the conferences, intake and year-end."""
        return self.has_role(Role.OFFICE, Role.COMMITTEE)

    @property
    def sees_organization(self) -> bool:
        """True for every role that lists members beyond the user's own profile."""
        return self.superuser or bool(self.roots)


def scope_for(user: Any) -> Scope:
    """The user's scope, computed once per request (one small query) and kept on the user object."""
    cached = getattr(user, "_dangvu_scope", None)
    if cached is not None:
        return cached
    scope = Scope(user=user)
    if user.is_authenticated and user.is_active:
        scope.superuser = user.is_superuser
        for role, path, member_id, cell_id in _scope_rows(user.pk):
            if role is not None:
                scope.roots.setdefault(role, set()).add(path)
            else:
                scope.member_id, scope.member_cell_id, scope.member_cell_path = member_id, cell_id, path
    user._dangvu_scope = scope
    return scope


# The scope's query compiled to SQL, per database: every signed-in request reads the scope, and building and
# compiling its query took longer than running it (docs/performance.md, sixteenth run). It is compiled for a
# user id no account has, whose places are filled at each call; only the question is kept, never an answer.
_SCOPE_SQL: dict[str, tuple[str, list[Any]]] = {}
_NO_USER = -1


def _scope_rows(user_id: int) -> list[tuple[Any, ...]]:
    """(role, organization path, None, None) per active role of the user in an active organization, and
    (None, cell path, member id, cell id) for their active member record, in one query."""
    alias = router.db_for_read(RoleAssignment)
    kept = _SCOPE_SQL.get(alias)
    if kept is None:
        none_id = Value(None, output_field=BigIntegerField())
        roles = (
            RoleAssignment.objects.active()
            .filter(user_id=_NO_USER, org__archived_at__isnull=True)
            .values_list("role", "org__path", none_id, none_id)
            .order_by()
        )
        member = (
            Member.objects.active()
            .filter(user_id=_NO_USER)
            .values_list(Value(None, output_field=CharField()), "cell__path", "pk", "cell_id")
            .order_by()
        )
        compiled, placeholders = roles.union(member, all=True).query.sql_with_params()
        kept = _SCOPE_SQL[alias] = (compiled, list(placeholders))
    sql, params = kept
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [user_id if p == _NO_USER else p for p in params])
        return cursor.fetchall()


def path_q(paths: set[str], lookup: str) -> Q:
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{lookup}__startswith": p}) for p in sorted(paths)))


def ancestor_paths(paths: set[str]) -> set[str]:
    """The paths of these organizations and of every organization above them."""
    step = PATH_STEP + 1  # the digits of a level and a dot
    return {path[:i] for path in paths for i in range(step, len(path) + 1, step)}


def visible_orgs(user: Any) -> QuerySet[PartyOrg]:
    scope = scope_for(user)
    qs = PartyOrg.objects.active()
    return qs if scope.superuser else qs.filter(_within_scope(scope, ""))


def _within_scope(scope: Scope, field: str) -> Q:
    """The organizations of the scope (the subtrees of its roles, and a member's own cell), as a condition on
    the organization itself (`field` "") or on a record's organization foreign key `field`."""
    prefix = f"{field}__" if field else ""
    q = path_q(scope.paths(), f"{prefix}path")
    if scope.member_id is not None:
        q |= Q(**{f"{field}_id" if field else "pk": scope.member_cell_id})
    return q


def visible_org_q(user: Any, field: str) -> Q:
    """visible_orgs as a condition on a record's organization `field`, for a JOIN rather than an IN over the
    scope's organizations: a province's key tasks, sorted by their organization, came twice as fast."""
    scope = scope_for(user)
    q = Q(**{f"{field}__archived_at__isnull": True})
    return q if scope.superuser else q & _within_scope(scope, field)


def visible_users(user: Any) -> QuerySet[Any]:
    """Accounts the user may pick in a filter: with a role in their scope or above it (the committees that
    direct it also change its records), or the account of a member in it (and their own); every account for a
    superuser. Accounts of other Party organizations are not listed."""
    scope = scope_for(user)
    qs = get_user_model().objects.all()
    if scope.superuser:
        return qs
    paths = scope.paths()
    condition = (
        path_q(paths, "roles__org__path")
        | Q(roles__org__path__in=ancestor_paths(paths))
        | path_q(paths, "member__cell__path")
        | Q(pk=user.pk)
    )
    return qs.filter(pk__in=qs.filter(condition).values("pk"))


def visible_members(user: Any) -> QuerySet[Member]:
    """Members whose records the user may open: the subtree of their roles, or only themselves."""
    scope = scope_for(user)
    qs = Member.objects.all()
    if scope.superuser:
        return qs
    q = path_q(scope.paths(), "cell__path")
    if scope.member_id is not None:
        q |= Q(pk=scope.member_id)
    return qs.filter(q)


def visible_member_q(user: Any, cell: str, member: str) -> Q:
    """visible_members as a condition on another table's copy of a member's cell (`cell`, a foreign key to the
    organization) and id (`member`), for a table that the database keeps equal to the member's record (the search
    index, search.0006): the visible organizations are read once instead of each member's record and cell."""
    scope = scope_for(user)
    if scope.superuser:
        return Q()
    paths = scope.paths()
    q = Q(**{f"{cell}__in": PartyOrg.objects.filter(path_q(paths, "path")).values("pk")}) if paths else Q(pk__in=[])
    if scope.member_id is not None:
        q |= Q(**{member: scope.member_id})
    return q


def cell_roster_visible(user: Any, org: PartyOrg) -> bool:
    """A member sees the names on their own cell's roster: what their cell shares."""
    scope = scope_for(user)
    return scope.covers(org.path) or (scope.member_id is not None and scope.member_cell_id == org.pk)


def get_org_for_user(user: Any, pk: int) -> PartyOrg:
    try:
        return visible_orgs(user).get(pk=pk)
    except PartyOrg.DoesNotExist:
        raise Http404 from None


def get_member_for_user(user: Any, pk: int, *, write: bool = False) -> Member:
    qs = visible_members(user).select_related("cell", "gov_unit", "user")
    try:
        member = qs.get(pk=pk)
    except Member.DoesNotExist:
        raise Http404 from None
    if write and not can_edit_member(user, member):
        raise PermissionDenied
    return member


def manageable_orgs(user: Any) -> QuerySet[PartyOrg]:
    """Organizations where the user may add or change member records."""
    scope = scope_for(user)
    qs = PartyOrg.objects.active()
    if scope.superuser:
        return qs
    return qs.filter(path_q(scope.paths(WRITE_MEMBER_ROLES), "path"))


def can_edit_member(user: Any, member: Member) -> bool:
    return scope_for(user).covers(member.cell.path, WRITE_MEMBER_ROLES)


def require_role(user: Any, *roles: str) -> Scope:
    scope = scope_for(user)
    if not scope.has_role(*roles):
        raise PermissionDenied
    return scope
