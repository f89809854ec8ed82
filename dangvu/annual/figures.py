"""Số liệu tổng kết năm: the year's figures of a Party organization and its subtree, in grouped SQL.

Plain functions; each returns JSON values (the figures are kept in every version of the report). A record
counts for the "unit" (đơn vị: the organization directly under the report's organization) whose subtree
holds it, so that a province of 10,000 members gives one row per district, not per cell. The number of
queries is fixed: it does not grow with the number of organizations, members or records.

The year is judged as of `as_of` = 31/12 of the year (or today while the year runs), so a report of a past
year says the same whenever it is generated. Confidential inspections are left out (supervision.access:
the report is read by people who may not see them).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from dangvu.core.models import RuleSet
from dangvu.core.rules import NoRuleInForce, rule_timeline, rules_in_force
from dangvu.meetings.models import Attendance, Meeting
from dangvu.meetings.selectors import params_from
from dangvu.organization.models import Member, PartyOrg
from dangvu.planning.models import AnnualPlan, KeyTask
from dangvu.planning.selectors import display_status
from dangvu.reporting.models import Submission
from dangvu.reporting.selectors import LATE, MISSING, ON_TIME, timeliness_q
from dangvu.supervision.models import Activity, Finding
from dangvu.supervision.selectors import months_before

Display = KeyTask.DisplayStatus
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
DEFAULT_SELF_INSPECTION_MONTHS = 6


def as_of_date(year: int, today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return min(today, datetime.date(year, 12, 31))


def _unit_key(root: PartyOrg, lookup: str) -> Substr:
    # A path has 6 characters per level: the first 6 after the root's path name the unit.
    return Substr(lookup, 1, len(root.path) + 6)


def units(root: PartyOrg) -> dict[str, str]:
    """{path: name} of the root and the organizations directly under it (one query)."""
    rows = PartyOrg.objects.filter(Q(pk=root.pk) | Q(parent=root)).values_list("path", "name")
    return dict(rows)


def _name(names: dict[str, str], key: str) -> str:
    return names.get(key, key)


def _ordered(rows: dict[str, dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    return [{"unit": _name(names, key), **rows[key]} for key in sorted(rows)]


def _totals(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> dict[str, int]:
    return {f: sum(int(r[f]) for r in rows) for f in fields}


# --- Key tasks (planning) ------------------------------------------------------------------------------

TASK_FIELDS = ("total", "done", "in_progress", "not_started", "paused", "overdue")


def year_tasks(root: PartyOrg, year: int) -> QuerySet[KeyTask]:
    """The year's key tasks in the subtree: those of the year's plans, or due in the year without a plan
    (the rule of planning.selectors.task_list)."""
    return (
        KeyTask.objects.active()
        .filter(org__path__startswith=root.path)
        .filter(Q(plan__year=year) | Q(plan__isnull=True, due_date__year=year))
    )


def tasks_by_unit(root: PartyOrg, year: int, as_of: datetime.date, names: dict[str, str]) -> dict[str, Any]:
    qs = year_tasks(root, year).annotate(unit=_unit_key(root, "org__path"), _status=display_status(as_of))
    counted = (
        qs.values("unit")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(_status=Display.DONE)),
            in_progress=Count("pk", filter=Q(_status=Display.IN_PROGRESS)),
            not_started=Count("pk", filter=Q(_status=Display.NOT_STARTED)),
            paused=Count("pk", filter=Q(_status=Display.PAUSED)),
            overdue=Count("pk", filter=Q(_status=Display.OVERDUE)),
        )
        .order_by()
    )
    rows = _ordered({r["unit"]: {f: r[f] for f in TASK_FIELDS} for r in counted}, names)
    overdue_titles = list(
        qs.filter(_status=Display.OVERDUE)
        .order_by("org__path", "due_date", "pk")
        .values_list("org__name", "title")[:20]
    )
    return {
        "rows": rows,
        "totals": _totals(rows, TASK_FIELDS),
        "overdue_examples": [{"org": org, "title": title} for org, title in overdue_titles],
    }


# --- Periodic reports (reporting) ----------------------------------------------------------------------

REPORT_FIELDS = ("due", "on_time", "late", "missing")


def _report_counts(today: datetime.date) -> dict[str, Count]:
    # "Due" as on the compliance dashboard: the deadline has passed, or the report was sent anyway.
    due = Q(due_date__lt=today) | Q(submitted_on__isnull=False)
    return {
        "due": Count("pk", filter=due),
        "on_time": Count("pk", filter=due & timeliness_q(ON_TIME, today)),
        "late": Count("pk", filter=timeliness_q(LATE, today)),
        "missing": Count("pk", filter=timeliness_q(MISSING, today)),
    }


def year_submissions(root: PartyOrg, year: int) -> QuerySet[Submission]:
    return Submission.objects.active().filter(org__path__startswith=root.path, period_start__year=year)


def reporting_by_unit(root: PartyOrg, year: int, as_of: datetime.date, names: dict[str, str]) -> dict[str, Any]:
    qs = year_submissions(root, year)
    counts = _report_counts(as_of)
    grouped = qs.annotate(unit=_unit_key(root, "org__path")).values("unit").annotate(**counts).order_by()
    rows = _ordered({r["unit"]: {f: r[f] for f in REPORT_FIELDS} for r in grouped}, names)
    late_orgs = (
        qs.values("org__name", "org__path")
        .annotate(late=_report_counts(as_of)["late"], missing=_report_counts(as_of)["missing"])
        .filter(Q(late__gt=0) | Q(missing__gt=0))
        .order_by("org__path")
    )
    late = [{"org": r["org__name"], "late": r["late"], "missing": r["missing"]} for r in late_orgs]
    return {"rows": rows, "totals": _totals(rows, REPORT_FIELDS), "late_orgs": late}


# --- Cell meetings (meetings) --------------------------------------------------------------------------

MEETING_FIELDS = (
    "cells",
    "held",
    "regular_held",
    "thematic_held",
    "months_missed",
    "quarters_missed",
    "planned",
    "prepared_on_time",
    "present",
    "must",
)


def _cells(root: PartyOrg) -> list[dict[str, Any]]:
    return list(
        PartyOrg.objects.active()
        .filter(path__startswith=root.path, kind__in=PartyOrg.CELL_KINDS, is_external=False)
        .order_by("path")
        .values("pk", "path", "name")
    )


def _month(value: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def _empty_cell() -> dict[str, Any]:
    return {"regular": defaultdict(int), "thematic": defaultdict(int), "held": 0, "planned": 0, "on_time": 0}


def meetings_by_unit(
    root: PartyOrg, year: int, as_of: datetime.date, names: dict[str, str], cells: list[dict[str, Any]]
) -> dict[str, Any]:
    """Meetings held per cell and month against the rule in force that month (regular per month, thematic per
    quarter), preparation on time, attendance: summed per unit, with the cells that fell short named."""
    last_month = as_of.month if as_of.year == year else 12
    months = [datetime.date(year, m, 1) for m in range(1, last_month + 1)]
    timeline = rule_timeline(RuleSet.Kind.MEETING)
    required = {m: params_from(timeline, m)["regular_per_month"] for m in months}
    complete_quarters = [q for q in range(1, 5) if q * 3 <= last_month]
    thematic_required = {
        q: params_from(timeline, datetime.date(year, q * 3, 1))["thematic_per_quarter"] for q in complete_quarters
    }
    meetings = Meeting.objects.active().filter(org__path__startswith=root.path, planned_at__year=year)
    grouped = (
        meetings.exclude(status=Meeting.Status.CANCELLED)
        .annotate(month=TruncMonth("planned_at"))
        .values("org_id", "month")
        .annotate(
            held=Count("pk", filter=Q(status=Meeting.Status.HELD)),
            regular=Count("pk", filter=Q(status=Meeting.Status.HELD, kind__in=Meeting.REGULAR_KINDS)),
            thematic=Count("pk", filter=Q(status=Meeting.Status.HELD, kind__in=Meeting.THEMATIC_KINDS)),
            planned=Count("pk"),
            on_time=Count("pk", filter=Q(prepared_at__isnull=False, prepared_at__lte=F("prepare_deadline"))),
        )
        .order_by()
    )
    per_cell: dict[int, dict[str, Any]] = defaultdict(_empty_cell)
    for row in grouped:
        month = _month(row["month"])
        cell = per_cell[row["org_id"]]
        cell["regular"][month] += row["regular"]
        cell["thematic"][(month.month - 1) // 3 + 1] += row["thematic"]
        cell["held"] += row["held"]
        cell["planned"] += row["planned"]
        cell["on_time"] += row["on_time"]
    presence = (
        Attendance.objects.filter(
            meeting__in=meetings.filter(status=Meeting.Status.HELD), meeting__org__path__startswith=root.path
        )
        .annotate(unit=_unit_key(root, "meeting__org__path"))
        .values("unit")
        .annotate(
            present=Count("pk", filter=Q(status__in=Attendance.PRESENT_STATUSES)),
            must=Count("pk", filter=~Q(status=Attendance.Status.EXEMPT)),
        )
        .order_by()
    )
    by_unit: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(MEETING_FIELDS, 0))
    missed_cells, thematic_cells, unprepared_cells = [], [], []
    unit_len = len(root.path) + 6
    for cell in cells:
        unit = by_unit[cell["path"][:unit_len]]
        data = per_cell.get(cell["pk"]) or _empty_cell()
        missed = [m.month for m in months if data["regular"][m] < required[m]]
        quarters = [q for q in complete_quarters if data["thematic"][q] < thematic_required[q]]
        unit["cells"] += 1
        unit["held"] += data["held"]
        unit["regular_held"] += sum(data["regular"].values())
        unit["thematic_held"] += sum(data["thematic"].values())
        unit["months_missed"] += len(missed)
        unit["quarters_missed"] += len(quarters)
        unit["planned"] += data["planned"]
        unit["prepared_on_time"] += data["on_time"]
        if missed:
            missed_cells.append({"org": cell["name"], "months": missed})
        if quarters:
            thematic_cells.append({"org": cell["name"], "quarters": quarters})
        if data["planned"] > data["on_time"]:
            unprepared_cells.append({"org": cell["name"], "count": data["planned"] - data["on_time"]})
    for row in presence:
        unit = by_unit[row["unit"]]
        unit["present"] += row["present"]
        unit["must"] += row["must"]
    rows = _ordered(dict(by_unit), names)
    unprepared_cells.sort(key=lambda c: -c["count"])
    return {
        "rows": rows,
        "totals": _totals(rows, MEETING_FIELDS),
        "months_counted": last_month,
        "missed_cells": missed_cells,
        "thematic_cells": thematic_cells,
        "unprepared_cells": unprepared_cells,
    }


# --- Inspection and supervision (supervision) ----------------------------------------------------------


def year_activities(root: PartyOrg, year: int) -> QuerySet[Activity]:
    return Activity.objects.active().filter(
        confidential=False, program__org__path__startswith=root.path, program__year=year
    )


def supervision_figures(root: PartyOrg, year: int, as_of: datetime.date, cells: list[dict[str, Any]]) -> dict[str, Any]:
    activities = year_activities(root, year)
    concluded = Q(concluded_on__isnull=False, concluded_on__lte=as_of)
    labels = dict(Activity.Kind.choices)
    by_kind = {
        r["kind"]: r
        for r in activities.values("kind").annotate(planned=Count("pk"), done=Count("pk", filter=concluded)).order_by()
    }
    kinds = [
        {"kind": str(labels[k]), "planned": by_kind[k]["planned"], "done": by_kind[k]["done"]}
        for k in Activity.Kind.values
        if k in by_kind
    ]
    findings = dict(
        Finding.objects.active()
        .filter(activity__in=activities)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("kind", "n")
    )
    try:
        rule = rules_in_force(RuleSet.Kind.INSPECTION, as_of)
        every = int(rule.params.get("self_inspection_every_months", DEFAULT_SELF_INSPECTION_MONTHS))
        regulation = str(rule.regulation)
    except NoRuleInForce:
        every, regulation = DEFAULT_SELF_INSPECTION_MONTHS, ""
    since = months_before(as_of, every)
    last_self = dict(
        Activity.objects.active()
        .filter(
            confidential=False,
            kind=Activity.Kind.SELF,
            concluded_on__isnull=False,
            concluded_on__lte=as_of,
            program__org__path__startswith=root.path,
        )
        .values("program__org")
        .annotate(last=Max("concluded_on"))
        .order_by()
        .values_list("program__org", "last")
    )
    without = [c["name"] for c in cells if last_self.get(c["pk"]) is None or last_self[c["pk"]] <= since]
    return {
        "by_kind": kinds,
        "totals": {"planned": sum(k["planned"] for k in kinds), "done": sum(k["done"] for k in kinds)},
        "findings": {k: findings.get(k, 0) for k in Finding.Kind.values},
        "self_months": every,
        "self_regulation": regulation,
        "cells_without_self": without,
    }


# --- Members and ratings ---------------------------------------------------------------------------------


def member_figures(root: PartyOrg) -> dict[str, int]:
    counts = dict(
        Member.objects.active()
        .filter(cell__path__startswith=root.path, status__in=Member.ACTIVE_STATUSES)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("status", "n")
    )
    full = counts.get(Member.Status.FULL, 0)
    probationary = counts.get(Member.Status.PROBATIONARY, 0)
    return {"total": full + probationary, "full": full, "probationary": probationary}


def rating_figures(root: PartyOrg, year: int) -> dict[str, Any]:
    """Ratings by level from the rating app (rating.selectors.rating_summary), or why there are none."""
    try:
        from dangvu.rating.selectors import rating_summary  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return {"available": False, "reason": "module"}
    summary = rating_summary(root, year)
    cycle = summary.get("cycle")
    if cycle is None and not summary.get("members_total") and not summary.get("collectives_total"):
        return {"available": False, "reason": "cycle"}
    levels = [(str(level), str(label)) for level, label in summary.get("levels", [])]
    return {
        "available": True,
        "levels": levels,
        "members": {level: int(summary["members"].get(level, 0)) for level, _label in levels},
        "members_total": int(summary.get("members_total", 0)),
        "collectives": {level: int(summary["collectives"].get(level, 0)) for level, _label in levels},
        "collectives_total": int(summary.get("collectives_total", 0)),
        "cycle": str(cycle) if cycle is not None else "",
    }


# --- Next year's plan ------------------------------------------------------------------------------------


def next_year_plan(root: PartyOrg, year: int) -> dict[str, Any]:
    plan = AnnualPlan.objects.active().filter(owner=root, year=year + 1).first()
    if plan is None:
        return {"plan": None, "tasks": []}
    tasks = plan.tasks.active().order_by("due_date", "pk").values_list("title", "due_date", "target")
    return {
        "plan": {"id": plan.pk, "title": plan.title, "status": str(plan.get_status_display())},
        "tasks": [{"title": t, "due": f"{d:%d/%m/%Y}", "target": target} for t, d, target in tasks],
    }


# --- All of it -------------------------------------------------------------------------------------------


def year_figures(root: PartyOrg, year: int, *, today: datetime.date | None = None) -> dict[str, Any]:
    """Every figure of the report for `root` and its subtree in `year` (a fixed number of queries)."""
    as_of = as_of_date(year, today)
    names = units(root)
    cells = _cells(root)
    figures: dict[str, Any] = {
        "year": year,
        "org": root.name,
        "as_of": as_of.isoformat(),
        "computed_at": timezone.localtime().isoformat(timespec="seconds"),
        "members": member_figures(root),
        "tasks": tasks_by_unit(root, year, as_of, names),
        "reporting": reporting_by_unit(root, year, as_of, names),
        "meetings": meetings_by_unit(root, year, as_of, names, cells),
        "supervision": supervision_figures(root, year, as_of, cells),
        "ratings": rating_figures(root, year),
        "next_year": next_year_plan(root, year),
    }
    figures["has_data"] = has_data(figures)
    return figures


def has_data(figures: dict[str, Any]) -> bool:
    """A year with no task, no report owed, no meeting and no inspection has nothing to sum up."""
    return bool(
        figures["tasks"]["totals"]["total"]
        or figures["reporting"]["totals"]["due"]
        or figures["meetings"]["totals"]["planned"]
        or figures["supervision"]["totals"]["planned"]
    )
