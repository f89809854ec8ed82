"""Reads of the reporting regime. Access comes from organization.access only:

- office, committee, inspection and observer see every report in the subtree of their role; only the
  office acts on them (accept, return, compile, manage kinds and obligations);
- a cell secretary sees and writes their cell's reports;
- a plain member sees none: the cell's reports are the chi ủy's working papers (decided for issue 3;
  the cell's meeting shares what the members need);
- anyone else: nothing; a record outside the scope is a 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404

from dangvu.core.aggregates import cached, query_key
from dangvu.organization.access import path_q, scope_for
from dangvu.organization.models import PartyOrg, RoleAssignment
from dangvu.reporting.apps import TOPIC
from dangvu.reporting.models import Compilation, Obligation, ReportKind, Submission

Role = RoleAssignment.Role
READ_ROLES: set[str] = {Role.OFFICE, Role.COMMITTEE, Role.INSPECTION, Role.OBSERVER}
WRITE_ROLES: set[str] = {Role.CELL_SECRETARY}
MANAGE_ROLES: set[str] = {Role.OFFICE}


def can_read_all(user: Any) -> bool:
    return scope_for(user).has_role(*READ_ROLES)


def can_manage(user: Any) -> bool:
    return scope_for(user).has_role(*MANAGE_ROLES)


def require_reader(user: Any) -> None:
    if not can_read_all(user):
        raise PermissionDenied


def require_manager(user: Any) -> None:
    if not can_manage(user):
        raise PermissionDenied


def visible_submissions(user: Any) -> QuerySet[Submission]:
    scope = scope_for(user)
    qs = Submission.objects.active()
    if scope.superuser:
        return qs
    return qs.filter(path_q(scope.paths(READ_ROLES | WRITE_ROLES), "org__path"))


def get_submission_for_user(user: Any, pk: int, *, write: bool = False, manage: bool = False) -> Submission:
    """404 outside the scope; 403 when the user may read but not do what is asked."""
    try:
        sub = visible_submissions(user).select_related("kind", "org").get(pk=pk)
    except Submission.DoesNotExist:
        raise Http404 from None
    scope = scope_for(user)
    if write and not scope.covers(sub.org.path, WRITE_ROLES):
        raise PermissionDenied
    if manage and not scope.covers(sub.org.path, MANAGE_ROLES):
        raise PermissionDenied
    return sub


def manageable_orgs(user: Any) -> QuerySet[PartyOrg]:
    scope = scope_for(user)
    qs = PartyOrg.objects.active().filter(is_external=False)
    return qs if scope.superuser else qs.filter(path_q(scope.paths(MANAGE_ROLES), "path"))


def writable_orgs(user: Any) -> QuerySet[PartyOrg]:
    scope = scope_for(user)
    qs = PartyOrg.objects.active()
    return qs if scope.superuser else qs.filter(path_q(scope.paths(WRITE_ROLES), "path"))


def kinds_for_user(user: Any) -> QuerySet[ReportKind]:
    scope = scope_for(user)
    qs = ReportKind.objects.active().select_related("org")
    return qs if scope.superuser else qs.filter(path_q(scope.paths(READ_ROLES), "org__path"))


def obligations_for_user(user: Any) -> QuerySet[Obligation]:
    scope = scope_for(user)
    qs = Obligation.objects.active().select_related("kind", "org")
    return qs if scope.superuser else qs.filter(path_q(scope.paths(MANAGE_ROLES), "org__path"))


def compilations_for_user(user: Any) -> QuerySet[Compilation]:
    scope = scope_for(user)
    qs = Compilation.objects.active().select_related("org", "kind")
    return qs if scope.superuser else qs.filter(path_q(scope.paths(READ_ROLES), "org__path"))


def get_compilation_for_user(user: Any, pk: int, *, manage: bool = False) -> Compilation:
    try:
        compilation = compilations_for_user(user).get(pk=pk)
    except Compilation.DoesNotExist:
        raise Http404 from None
    if manage and not scope_for(user).covers(compilation.org.path, MANAGE_ROLES):
        raise PermissionDenied
    return compilation


# --- lists ------------------------------------------------------------------------------------------

ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
PENDING = "pending"


def timeliness_q(state: str, today: datetime.date) -> Q:
    """The lateness states as SQL: submitted_on is the local date of the first submit."""
    if state == ON_TIME:
        return Q(submitted_on__isnull=False, submitted_on__lte=F("due_date"))
    if state == LATE:
        return Q(submitted_on__isnull=False, submitted_on__gt=F("due_date"))
    if state == MISSING:
        return Q(submitted_on__isnull=True, due_date__lt=today)
    return Q(submitted_on__isnull=True, due_date__gte=today)


@dataclass
class SubmissionFilters:
    kind: ReportKind | None = None
    period_start: datetime.date | None = None
    org: PartyOrg | None = None
    state: str = ""
    year: int | None = None


def submissions_list(user: Any, filters: SubmissionFilters, *, today: datetime.date) -> QuerySet[Submission]:
    qs = visible_submissions(user).select_related("kind", "org")
    if filters.kind is not None:
        qs = qs.filter(kind=filters.kind)
    if filters.period_start is not None:
        qs = qs.filter(period_start=filters.period_start)
    if filters.year is not None:
        qs = qs.filter(period_start__year=filters.year)
    if filters.org is not None:
        qs = qs.filter(org__path__startswith=filters.org.path)
    if filters.state:
        qs = qs.filter(timeliness_q(filters.state, today))
    # Each organization's reports together, in tree order: the list's index holds the first two keys, so a page
    # reads its rows, not a whole period sorted (the kind first took 120 ms a page of the province's newest period).
    return qs.order_by("-period_start", "org_path", "kind__name", "pk")


def attach_days_late(rows: list[Submission], today: datetime.date) -> list[Submission]:
    for row in rows:
        row.late_days = row.days_late(today)  # type: ignore[attr-defined]
    return rows


def submission_history(submission: Submission) -> QuerySet[Any]:
    return submission.events.select_related("user").order_by("id")


# --- compliance dashboard ---------------------------------------------------------------------------


@dataclass
class OrgCompliance:
    org: PartyOrg
    due: int
    on_time: int
    late: int
    missing: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.due if self.due else None

    @property
    def percent(self) -> str:
        return "—" if self.rate is None else f"{self.rate * 100:.0f}%"


@dataclass
class MonthPoint:
    month: int
    due: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def _due_q(today: datetime.date) -> Q:
    # "Due" = the deadline has passed, or the report was sent anyway (early reports count too).
    return Q(due_date__lt=today) | Q(submitted_on__isnull=False)


def compliance_orgs(user: Any, *, year: int) -> QuerySet[PartyOrg]:
    """The organizations in scope that owe a report in `year`: the rows of the dashboard, paginated."""
    scope = scope_for(user)
    orgs = PartyOrg.objects.all()
    if not scope.superuser:
        orgs = orgs.filter(path_q(scope.paths(READ_ROLES), "path"))
    # Each organization asks the (org, period_start) index whether it owes a report that year; selecting the
    # organizations of the year's reports read and joined every report (a province: 170,000, 309 ms on SQLite).
    owes = Submission.objects.active().filter(org=OuterRef("pk"), period_start__year=year)
    return orgs.filter(Exists(owes)).order_by("path")


def compliance_org_ids(user: Any, *, year: int) -> list[int]:
    """The ids of compliance_orgs in their order, computed once per change to the reports (a province
    has 10,000 organizations and 340,000 reports: paging the query itself reads them all twice)."""
    orgs = compliance_orgs(user, year=year).values_list("pk", flat=True)
    return cached(TOPIC, query_key(orgs), lambda: list(orgs))


def orgs_by_ids(ids: list[int]) -> list[PartyOrg]:
    by_id = PartyOrg.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def compliance_rows(orgs: list[PartyOrg], *, year: int, today: datetime.date) -> list[OrgCompliance]:
    """One grouped query for the given page of organizations."""
    due = _due_q(today)
    counts = {
        row["org"]: row
        for row in Submission.objects.active()
        .filter(period_start__year=year, org__in=orgs)
        .values("org")
        .annotate(
            due=Count("pk", filter=due),
            on_time=Count("pk", filter=due & timeliness_q(ON_TIME, today)),
            late=Count("pk", filter=timeliness_q(LATE, today)),
            missing=Count("pk", filter=timeliness_q(MISSING, today)),
        )
        .order_by()
    }
    empty = {"due": 0, "on_time": 0, "late": 0, "missing": 0}
    return [
        OrgCompliance(
            org=org,
            due=counts.get(org.pk, empty)["due"],
            on_time=counts.get(org.pk, empty)["on_time"],
            late=counts.get(org.pk, empty)["late"],
            missing=counts.get(org.pk, empty)["missing"],
        )
        for org in orgs
    ]


def compliance_trend(user: Any, *, year: int, today: datetime.date) -> list[MonthPoint]:
    """On-time rate by month of the period, over every organization in scope (one grouped query)."""
    scope = scope_for(user)
    qs = Submission.objects.active().filter(period_start__year=year)
    if not scope.superuser:
        qs = qs.filter(path_q(scope.paths(READ_ROLES), "org__path"))
    due = _due_q(today)
    # Grouped by the period's first day (a few dozen a year), then added up by month here: SQLite extracts a
    # month with a Python function, once per report (a province's 170,000 a year: 750 ms).
    periods = (
        qs.values("period_start")
        .annotate(due=Count("pk", filter=due), on_time=Count("pk", filter=due & timeliness_q(ON_TIME, today)))
        .order_by()
    )
    points = {m: MonthPoint(m, 0, 0) for m in range(1, 13)}
    for row in cached(TOPIC, query_key(periods), lambda: list(periods)):
        point = points[row["period_start"].month]
        point.due += row["due"]
        point.on_time += row["on_time"]
    return list(points.values())


def compliance_totals(rows: list[OrgCompliance]) -> dict[str, int]:
    return {
        "due": sum(r.due for r in rows),
        "on_time": sum(r.on_time for r in rows),
        "late": sum(r.late for r in rows),
        "missing": sum(r.missing for r in rows),
    }


def trend_svg_bars(points: list[MonthPoint], *, width: int = 600, height: int = 180) -> list[dict[str, Any]]:
    """Bar geometry for the inline SVG chart: one bar per month, height = on-time rate."""
    bar_w = width // 12
    top = 15  # room for the percentage above a full bar
    plot_h = height - 30 - top
    bars = []
    for i, p in enumerate(points):
        rate = p.rate or 0.0
        h = round(plot_h * rate)
        bars.append(
            {
                "x": i * bar_w + 4,
                "y": top + plot_h - h + 5,
                "w": bar_w - 8,
                "h": h,
                "label": f"{p.month:02d}",
                "text_x": i * bar_w + bar_w // 2,
                "text_y": height - 8,
                "percent": "—" if p.rate is None else f"{rate * 100:.0f}%",
                "due": p.due,
            }
        )
    return bars
