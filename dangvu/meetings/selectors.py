"""Reads of cell meetings and conferences. Access comes from organization.access only:

- office, committee, inspection and observer see every meeting in the subtree of their role;
- a cell secretary (chi ủy) sees, prepares and records their cell's meetings;
- a member sees their own cell's meetings and minutes (and comments on minutes being circulated);
- conferences of the Đảng bộ: the office edits, committee, inspection and observer read;
- anyone else: nothing; a record outside the scope is a 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.models import RuleSet
from dangvu.core.rules import pick, rule_timeline
from dangvu.meetings.models import Attendance, Conference, Meeting
from dangvu.meetings.rule_data import builtin_params
from dangvu.organization.access import path_q, scope_for
from dangvu.organization.models import PartyOrg, RoleAssignment

Role = RoleAssignment.Role
READ_ROLES: set[str] = {Role.OFFICE, Role.COMMITTEE, Role.INSPECTION, Role.OBSERVER}
WRITE_ROLES: set[str] = {Role.CELL_SECRETARY}
CONFERENCE_WRITE_ROLES: set[str] = {Role.OFFICE}


# --- Rules ---------------------------------------------------------------------------------------------


def params_from(timeline: list[RuleSet], on: datetime.date) -> dict[str, Any]:
    found = pick(timeline, on)
    return found if found is not None else builtin_params(on)[1]


def meeting_rules(on: datetime.date) -> dict[str, Any]:
    """The meeting rule params in force on `on` (the office's versions first, the built-in ones otherwise)."""
    return params_from(rule_timeline(RuleSet.Kind.MEETING), on)


def regulation_code(on: datetime.date) -> str:
    for rule in reversed(rule_timeline(RuleSet.Kind.MEETING)):
        if rule.effective_from <= on:
            return rule.regulation.code
    return builtin_params(on)[0]


# --- Access --------------------------------------------------------------------------------------------


def can_read_all(user: Any) -> bool:
    return scope_for(user).has_role(*READ_ROLES)


def visible_meetings(user: Any) -> QuerySet[Meeting]:
    scope = scope_for(user)
    qs = Meeting.objects.active()
    if scope.superuser:
        return qs
    q = path_q(scope.paths(READ_ROLES | WRITE_ROLES), "org__path")
    if scope.member_id is not None:
        q |= Q(org_id=scope.member_cell_id)
    return qs.filter(q)


def can_write_meeting(user: Any, meeting: Meeting) -> bool:
    return scope_for(user).covers(meeting.org.path, WRITE_ROLES)


def can_keep_minutes(user: Any, meeting: Meeting) -> bool:
    """The chi ủy, or the member chosen as the meeting's secretary, drafts the minutes."""
    secretary = meeting.secretary
    return can_write_meeting(user, meeting) or (secretary is not None and secretary.user_id == user.pk)


def can_approve_minutes(user: Any, meeting: Meeting) -> bool:
    """The chi ủy, or the member who chaired the meeting, approves the minutes."""
    chair = meeting.chair
    return can_write_meeting(user, meeting) or (chair is not None and chair.user_id == user.pk)


def get_meeting_for_user(user: Any, pk: int, *, write: bool = False) -> Meeting:
    """404 outside the scope; 403 when the user may read but not prepare or record."""
    try:
        meeting = visible_meetings(user).select_related("org", "chair", "secretary", "topic_ref").get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if write and not can_write_meeting(user, meeting):
        raise PermissionDenied
    return meeting


def writable_cells(user: Any) -> QuerySet[PartyOrg]:
    scope = scope_for(user)
    qs = PartyOrg.objects.active().filter(kind__in=PartyOrg.CELL_KINDS)
    return qs if scope.superuser else qs.filter(path_q(scope.paths(WRITE_ROLES), "path"))


def visible_cells(user: Any) -> QuerySet[PartyOrg]:
    scope = scope_for(user)
    qs = PartyOrg.objects.active().filter(kind__in=PartyOrg.CELL_KINDS)
    if scope.superuser:
        return qs
    q = path_q(scope.paths(READ_ROLES | WRITE_ROLES), "path")
    if scope.member_id is not None:
        q |= Q(pk=scope.member_cell_id)
    return qs.filter(q)


def is_attendee(user: Any, meeting: Meeting) -> bool:
    scope = scope_for(user)
    return scope.member_id is not None and scope.member_cell_id == meeting.org_id


def visible_conferences(user: Any) -> QuerySet[Conference]:
    scope = scope_for(user)
    qs = Conference.objects.active()
    return qs if scope.superuser else qs.filter(path_q(scope.paths(READ_ROLES), "org__path"))


def get_conference_for_user(user: Any, pk: int, *, write: bool = False) -> Conference:
    try:
        conference = visible_conferences(user).select_related("org").get(pk=pk)
    except Conference.DoesNotExist:
        raise Http404 from None
    if write and not scope_for(user).covers(conference.org.path, CONFERENCE_WRITE_ROLES):
        raise PermissionDenied
    return conference


def conference_orgs(user: Any) -> QuerySet[PartyOrg]:
    scope = scope_for(user)
    qs = PartyOrg.objects.active().exclude(kind__in=PartyOrg.CELL_KINDS)
    return qs if scope.superuser else qs.filter(path_q(scope.paths(CONFERENCE_WRITE_ROLES), "path"))


def meeting_list(user: Any, *, org: PartyOrg | None = None, year: int | None = None) -> QuerySet[Meeting]:
    qs = visible_meetings(user).select_related("org", "topic_ref")
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    if year is not None:
        qs = qs.filter(planned_at__year=year)
    # Correlated counts run for the page's rows only; a JOIN + GROUP BY over every visible meeting's attendance
    # took seconds on a province (bench/load.py, docs/performance.md).
    return qs.annotate(
        present=_attendance_count(Q(status__in=Attendance.PRESENT_STATUSES)),
        must=_attendance_count(~Q(status=Attendance.Status.EXEMPT)),
    ).order_by("-planned_at", "-pk")


def _attendance_count(condition: Q) -> Any:
    rows = Attendance.objects.filter(condition, meeting=OuterRef("pk")).order_by().values("meeting")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def not_prepared(user: Any, *, now: datetime.datetime | None = None) -> QuerySet[Meeting]:
    """Planned meetings whose preparation deadline has passed without the chi ủy marking them prepared."""
    now = now or timezone.now()
    return (
        visible_meetings(user)
        .filter(status=Meeting.Status.PLANNED, prepared_at__isnull=True, prepare_deadline__lt=now)
        .select_related("org")
        .order_by("prepare_deadline")
    )


def quorum(meeting: Meeting) -> dict[str, Any]:
    """Present (incl. late and left early) over those who must attend (exempt members excluded)."""
    rules = meeting_rules(timezone.localtime(meeting.planned_at).date())
    counts = meeting.attendance.aggregate(
        present=Count("pk", filter=Q(status__in=Attendance.PRESENT_STATUSES)),
        must=Count("pk", filter=~Q(status=Attendance.Status.EXEMPT)),
    )
    present, must = counts["present"], counts["must"]
    share = present / must if must else 0.0
    return {
        "present": present,
        "must": must,
        "share": share,
        "quorum": must > 0 and share > rules["quorum_share"],
        "target_met": must > 0 and share > rules["attendance_target"],
    }


def duration_check(meeting: Meeting) -> dict[str, Any] | None:
    """Minutes held against the rule's minimum (longer when thematic and regular are combined)."""
    if meeting.started_at is None or meeting.ended_at is None:
        return None
    rules = meeting_rules(timezone.localtime(meeting.planned_at).date())
    key = "combined_min_minutes" if meeting.kind == Meeting.Kind.COMBINED else "min_minutes"
    minutes = int((meeting.ended_at - meeting.started_at).total_seconds() // 60)
    return {"minutes": minutes, "required": rules[key], "ok": minutes >= rules[key]}


# --- Measures ------------------------------------------------------------------------------------------


@dataclass
class CellMonth:
    month: datetime.date
    regular: int = 0
    regular_required: int = 1
    planned: int = 0
    prepared_on_time: int = 0
    present: int = 0
    must: int = 0

    @property
    def missed(self) -> bool:
        return self.regular < self.regular_required

    @property
    def prepared_share(self) -> float | None:
        return self.prepared_on_time / self.planned if self.planned else None

    @property
    def attendance(self) -> float | None:
        return self.present / self.must if self.must else None

    # What the measures page shows of a month, worked out here rather than in the template: its 50 cells × 11
    # months spent 60 ms in the template's conditions and translations (cProfile; docs/performance.md).
    @property
    def label(self) -> str:
        return f"{self.month:%m/%Y}"

    @property
    def chip(self) -> str:
        """Red: a regular meeting missing; amber: one prepared late; else green."""
        if self.missed:
            return "chip-bad"
        return "chip-warn" if self.planned and self.prepared_on_time < self.planned else "chip-ok"

    @property
    def summary(self) -> str:
        parts = [f"{_('Sinh hoạt thường kỳ')} {self.regular}/{self.regular_required}"]
        if self.planned:
            parts.append(f"{_('chuẩn bị đúng hạn')} {self.prepared_on_time}/{self.planned}")
        if self.must:
            parts.append(f"{_('dự họp')} {self.present}/{self.must}")
        return " · ".join(parts)

    @property
    def attendance_percent(self) -> int | None:
        return round(self.present / self.must * 100) if self.must else None


@dataclass
class CellQuarter:
    quarter: int
    thematic: int = 0
    required: int = 1

    @property
    def missed(self) -> bool:
        return self.thematic < self.required


@dataclass
class CellMeasures:
    org: PartyOrg
    months: list[CellMonth] = field(default_factory=list)
    quarters: list[CellQuarter] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return any(m.missed for m in self.months) or any(q.missed for q in self.quarters)


def _month_key(value: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def measures(
    user: Any, *, year: int, until: datetime.date | None = None, cells: list[PartyOrg] | None = None
) -> list[CellMeasures]:
    """Per visible cell and month of `year` (up to `until`): meetings held vs the rule, preparation on time,
    attendance; thematic meetings per quarter. Five queries whatever the number of cells and meetings.

    `cells`: only these (a page of visible_cells(user)); every visible cell if None."""
    last_month = 12 if until is None or until.year > year else until.month
    months = [datetime.date(year, m, 1) for m in range(1, last_month + 1)]
    timeline = rule_timeline(RuleSet.Kind.MEETING)
    if cells is None:
        cells = list(visible_cells(user).order_by("path"))
    held = (
        visible_meetings(user)
        .filter(org__in=cells, planned_at__year=year)
        .exclude(status=Meeting.Status.CANCELLED)
        .annotate(month=TruncMonth("planned_at"))
        .values("org_id", "month")
        .annotate(
            regular=Count("pk", filter=Q(status=Meeting.Status.HELD, kind__in=Meeting.REGULAR_KINDS)),
            thematic=Count("pk", filter=Q(status=Meeting.Status.HELD, kind__in=Meeting.THEMATIC_KINDS)),
            planned=Count("pk"),
            on_time=Count("pk", filter=Q(prepared_at__isnull=False, prepared_at__lte=F("prepare_deadline"))),
        )
    )
    presence = (
        Attendance.objects.filter(
            meeting__in=visible_meetings(user).filter(org__in=cells, planned_at__year=year, status=Meeting.Status.HELD)
        )
        .annotate(month=TruncMonth("meeting__planned_at"))
        .values("meeting__org_id", "month")
        .annotate(
            present=Count("pk", filter=Q(status__in=Attendance.PRESENT_STATUSES)),
            must=Count("pk", filter=~Q(status=Attendance.Status.EXEMPT)),
        )
    )
    by_cell: dict[int, dict[datetime.date, CellMonth]] = {
        c.pk: {m: CellMonth(m, regular_required=params_from(timeline, m)["regular_per_month"]) for m in months}
        for c in cells
    }
    thematic: dict[tuple[int, int], int] = {}
    for row in held:
        month = _month_key(row["month"])
        cell_month = by_cell[row["org_id"]].get(month)
        if cell_month is None:
            continue
        cell_month.regular += row["regular"]
        cell_month.planned += row["planned"]
        cell_month.prepared_on_time += row["on_time"]
        key = (row["org_id"], (month.month - 1) // 3 + 1)
        thematic[key] = thematic.get(key, 0) + row["thematic"]
    for row in presence:
        cell_month = by_cell[row["meeting__org_id"]].get(_month_key(row["month"]))
        if cell_month is not None:
            cell_month.present += row["present"]
            cell_month.must += row["must"]
    result = []
    complete_quarters = [q for q in range(1, 5) if q * 3 <= last_month]
    for cell in cells:
        quarters = [
            CellQuarter(
                q,
                thematic.get((cell.pk, q), 0),
                params_from(timeline, datetime.date(year, q * 3, 1))["thematic_per_quarter"],
            )
            for q in complete_quarters
        ]
        result.append(CellMeasures(cell, list(by_cell[cell.pk].values()), quarters))
    return result
