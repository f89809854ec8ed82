"""Who sees and writes the annual summary reports. Built on organization.access only.

Decisions (issue 6):
- office (văn phòng đảng ủy) drafts: creates the report, edits its sections, refreshes the figures, opens the
  review conference;
- committee (the standing committee, who signs for the Đảng ủy) reads and finalises: issuing the report
  gives it its number and locks it; the office, who wrote it, does not approve its own text;
- inspection and observer read;
- a cell secretary or a member belongs to the organization but does not read the committee's draft: 403;
- anyone whose roles and cell lie outside the report's organization: 404 (its existence is not revealed).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from dangvu.annual.models import AnnualReport
from dangvu.organization.access import path_q, scope_for
from dangvu.organization.models import PartyOrg, RoleAssignment

Role = RoleAssignment.Role
READ_ROLES: set[str] = {Role.OFFICE, Role.COMMITTEE, Role.INSPECTION, Role.OBSERVER}
WRITE_ROLES: set[str] = {Role.OFFICE}
FINALISE_ROLES: set[str] = {Role.COMMITTEE}


def can_read(user: Any) -> bool:
    return scope_for(user).has_role(*READ_ROLES)


def require_reader(user: Any) -> None:
    if not can_read(user):
        raise PermissionDenied


def visible_reports(user: Any) -> QuerySet[AnnualReport]:
    scope = scope_for(user)
    qs = AnnualReport.objects.active()
    return qs if scope.superuser else qs.filter(path_q(scope.paths(READ_ROLES), "org__path"))


def writable_orgs(user: Any) -> QuerySet[PartyOrg]:
    """The committees the user may write a report for (not the cells: they have their own report)."""
    scope = scope_for(user)
    qs = PartyOrg.objects.active().exclude(kind__in=PartyOrg.CELL_KINDS).filter(is_external=False)
    return qs if scope.superuser else qs.filter(path_q(scope.paths(WRITE_ROLES), "path"))


def _belongs(user: Any, path: str) -> bool:
    """The user's roles or cell lie inside the organization at `path` (or above it)."""
    scope = scope_for(user)
    if scope.superuser:
        return True
    if any(p.startswith(path) or path.startswith(p) for p in scope.paths()):
        return True
    return scope.member_cell_path is not None and scope.member_cell_path.startswith(path)


def can_write(user: Any, report: AnnualReport) -> bool:
    return scope_for(user).covers(report.org.path, WRITE_ROLES)


def can_finalise(user: Any, report: AnnualReport) -> bool:
    return scope_for(user).covers(report.org.path, FINALISE_ROLES)


def get_report_for_user(user: Any, pk: int, *, write: bool = False, finalise: bool = False) -> AnnualReport:
    """404 outside the user's organization; 403 for a reader who may not do what is asked."""
    report = AnnualReport.objects.active().select_related("org", "org__parent", "conference").filter(pk=pk).first()
    if report is None or not _belongs(user, report.org.path):
        raise Http404
    if not scope_for(user).covers(report.org.path, READ_ROLES):
        raise PermissionDenied
    if write and not can_write(user, report):
        raise PermissionDenied
    if finalise and not can_finalise(user, report):
        raise PermissionDenied
    return report
