"""Reads of inspection and supervision: lists, the activity page, the coverage of self-inspection.

Every read starts from supervision.access (which asks organization.access), so a confidential activity is never
counted for a user who may not see it. Query counts do not grow with the number of rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from dangvu.core.models import RuleSet
from dangvu.core.rules import rules_in_force
from dangvu.organization.access import path_q, scope_for
from dangvu.organization.models import PartyOrg
from dangvu.supervision import access
from dangvu.supervision.models import Activity, Finding, Program, Recommendation

ON_TIME = Q(concluded_on__isnull=False) & (
    Q(concluded_on__year__lt=F("program__year"))
    | Q(concluded_on__year=F("program__year"), concluded_on__month__lte=F("planned_month"))
)


def months_before(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def program_list(user: Any, *, year: int | None = None, body: str = "", kind: str = "") -> QuerySet[Program]:
    qs = access.visible_programs(user).select_related("org")
    if year:
        qs = qs.filter(year=year)
    if body:
        qs = qs.filter(body=body)
    visible = access.activity_q(user, "activities__")
    count_q = visible & Q(activities__archived_at__isnull=True)
    if kind:
        qs = qs.filter(activities__in=access.visible_activities(user).filter(kind=kind)).distinct()
        count_q &= Q(activities__kind=kind)
    return qs.annotate(
        n_activities=Count("activities", filter=count_q, distinct=True),
        n_concluded=Count("activities", filter=count_q & Q(activities__concluded_on__isnull=False), distinct=True),
    ).order_by("-year", "org__path", "body")


def program_activities(user: Any, program: Program, *, kind: str = "") -> QuerySet[Activity]:
    qs = access.visible_activities(user).filter(program=program)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("subject_org", "subject_member", "lead", "program").order_by("planned_month", "pk")


def activity_page(activity: Activity, user: Any) -> dict[str, Any]:
    """Steps, team, findings with their recommendations, follow-ups and the key tasks made from them (that the
    user may see): a fixed number of queries."""
    from django.contrib.contenttypes.models import ContentType

    from dangvu.planning.access import visible_tasks

    recs = Recommendation.objects.active().select_related("owner_org", "owner_member").prefetch_related("follow_ups")
    findings = list(
        Finding.objects.active()
        .filter(activity=activity)
        .prefetch_related(Prefetch("recommendations", queryset=recs, to_attr="recs"))
        .order_by("pk")
    )
    rec_ids = [r.pk for f in findings for r in f.recs]
    by_rec: dict[int, list[Any]] = {}
    if rec_ids:
        ct = ContentType.objects.get_for_model(Recommendation)
        for task in visible_tasks(user).filter(source_type=ct, source_id__in=rec_ids).order_by("due_date", "pk"):
            by_rec.setdefault(task.source_id or 0, []).append(task)
    for f in findings:
        for r in f.recs:
            r.tasks = by_rec.get(r.pk, [])
    return {
        "steps": activity.steps.select_related("by").order_by("date", "pk"),
        "findings": findings,
        "team": activity.team.all(),
    }


@dataclass
class Coverage:
    """Tự kiểm tra ở chi bộ: the cells in scope and the year's program figures, as of `today`."""

    today: datetime.date
    months: int
    since: datetime.date
    regulation: str
    # The cells in scope in tree order, each with `last_self` (its last concluded self-inspection, or None),
    # `self_count` (those concluded after `since`) and `missing` (none): a query, paged by the page. (Any: the
    # type checker does not know the annotations the filters name.)
    cells: QuerySet[Any]
    year: int
    due: int
    on_time: int

    @property
    def missing(self) -> QuerySet[Any]:
        return self.cells.filter(missing=True)

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.due if self.due else None


def coverage(user: Any, *, today: datetime.date, year: int | None = None) -> Coverage:
    """Cells with no concluded self-inspection in the last N months (N from the rule in force today), and the
    share of the year's program concluded by the end of its planned month, among activities the user may see.

    Each cell's figures are subqueries of its row, so a page of cells costs the same for a province's 10,000
    cells as for ten (the page listed them all: 2.8 MB and 0.7–1.5 s on the 200,000-member demo).
    """
    rule = rules_in_force(RuleSet.Kind.INSPECTION, today)
    months = int(rule.params.get("self_inspection_every_months", 6))
    since = months_before(today, months)
    scope = scope_for(user)
    cells_qs = PartyOrg.objects.active().filter(kind__in=PartyOrg.CELL_KINDS, is_external=False)
    if not scope.superuser:
        cells_qs = cells_qs.filter(path_q(scope.paths(access.COVERAGE_ROLES), "path"))
    concluded = access.visible_activities(user).filter(
        kind=Activity.Kind.SELF, concluded_on__isnull=False, concluded_on__lte=today, program__org=OuterRef("pk")
    )
    recent = concluded.filter(concluded_on__gt=since).order_by()
    cells = (
        cells_qs.annotate(
            last_self=Subquery(concluded.order_by("-concluded_on").values("concluded_on")[:1]),
            self_count=Coalesce(Subquery(recent.values("program__org").annotate(n=Count("pk")).values("n")[:1]), 0),
            missing=~Exists(recent),
        )
        .select_related("parent")
        .order_by("path")
    )
    year = year or today.year
    month_limit = 12 if year < today.year else today.month - 1
    programs = access.visible_activities(user).filter(program__year=year, planned_month__lte=month_limit)
    if not scope.superuser:
        programs = programs.filter(path_q(scope.paths(access.COVERAGE_ROLES), "program__org__path"))
    figures = programs.aggregate(due=Count("pk"), on_time=Count("pk", filter=ON_TIME))
    return Coverage(
        today=today,
        months=months,
        since=since,
        regulation=str(rule.regulation),
        cells=cells,
        year=year,
        due=figures["due"] or 0,
        on_time=figures["on_time"] or 0,
    )
