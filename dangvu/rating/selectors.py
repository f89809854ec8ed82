"""Reads of the yearly rating. Counts are grouped SQL; a page's query count does not grow with the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from dangvu.organization.models import PartyOrg
from dangvu.rating import access
from dangvu.rating.models import LEVEL_ORDER, CollectiveRating, Commitment, Level, MemberRating, RatingCycle, Step


def levels() -> list[tuple[str, str]]:
    return [(value, str(Level(value).label)) for value in LEVEL_ORDER]


def rating_summary(org: PartyOrg, year: int) -> dict[str, Any]:
    """The committee's decided levels of `year` for members and collectives in `org`'s subtree (for the annual
    report). Three queries whatever the size: the cycle, then one grouped count each for members and collectives.

    The cycle is the year's cycle of `org` itself or, for a cell, of the nearest organization above it.
    """
    prefixes = [org.path[:i] for i in range(6, len(org.path) + 1, 6)]
    cycle = (
        RatingCycle.objects.active()
        .filter(year=year, org__path__in=prefixes)
        .select_related("org", "rule__regulation")
        .order_by("-org__depth")
        .first()
    )
    members: dict[str, int] = {}
    collectives: dict[str, int] = {}
    if cycle is not None:
        rows = (
            MemberRating.objects.active()
            .filter(cycle=cycle, cell__path__startswith=org.path, step=Step.DECIDED)
            .values("decided_level")
            .annotate(n=Count("pk"))
        )
        members = {r["decided_level"]: r["n"] for r in rows}
        rows = (
            CollectiveRating.objects.active()
            .filter(cycle=cycle, org__path__startswith=org.path, step=Step.DECIDED)
            .exclude(org=cycle.org_id)
            .values("decided_level")
            .annotate(n=Count("pk"))
        )
        collectives = {r["decided_level"]: r["n"] for r in rows}
    return {
        "members": members,
        "members_total": sum(members.values()),
        "collectives": collectives,
        "collectives_total": sum(collectives.values()),
        "levels": levels(),
        "cycle": cycle,
    }


def cycle_list(user: Any) -> QuerySet[RatingCycle]:
    visible = access.rating_q(user, "members__")
    active = Q(members__archived_at__isnull=True) & visible
    return (
        access.visible_cycles(user)
        .select_related("org", "rule__regulation")
        .annotate(
            n_members=Count("members", filter=active, distinct=True),
            n_decided=Count("members", filter=active & Q(members__step=Step.DECIDED), distinct=True),
        )
        .order_by("-year", "org__path")
    )


@dataclass
class CellProgress:
    cell: PartyOrg
    total: int = 0
    self_done: int = 0
    reviewed: int = 0
    decided: int = 0
    levels: dict[str, int] = field(default_factory=dict)

    @property
    def level_list(self) -> list[tuple[str, int]]:
        return [(label, self.levels.get(value, 0)) for value, label in levels()]


def _step_counts(qs: QuerySet[MemberRating], group: str) -> dict[Any, dict[str, int]]:
    after_self = Q(step__in=[Step.SELF, Step.CELL, Step.DECIDED])
    after_cell = Q(step__in=[Step.CELL, Step.DECIDED])
    rows = qs.values(group).annotate(
        total=Count("pk"),
        self_done=Count("pk", filter=after_self),
        reviewed=Count("pk", filter=after_cell),
        decided=Count("pk", filter=Q(step=Step.DECIDED)),
        **{f"lv_{lv}": Count("pk", filter=Q(step=Step.DECIDED, decided_level=lv)) for lv in LEVEL_ORDER},
    )
    return {row[group]: row for row in rows}


def cycle_progress(user: Any, cycle: RatingCycle) -> dict[str, Any]:
    """Per cell: how many self-assessed, reviewed, decided, and the levels decided so far (two queries)."""
    cells = list(access.visible_cells(user, cycle).order_by("path"))
    qs = MemberRating.objects.active().filter(cycle=cycle, cell__in=cells)
    by_cell = _step_counts(qs, "cell")
    rows = []
    total = CellProgress(cell=cycle.org, levels=dict.fromkeys(LEVEL_ORDER, 0))
    for cell in cells:
        r = by_cell.get(cell.pk)
        row = CellProgress(cell=cell, levels={lv: r[f"lv_{lv}"] if r else 0 for lv in LEVEL_ORDER})
        if r:
            row.total, row.self_done, row.reviewed, row.decided = (
                r["total"],
                r["self_done"],
                r["reviewed"],
                r["decided"],
            )
        rows.append(row)
        total.total += row.total
        total.self_done += row.self_done
        total.reviewed += row.reviewed
        total.decided += row.decided
        for lv in LEVEL_ORDER:
            total.levels[lv] += row.levels[lv]
    return {"rows": rows, "total": total}


def cell_ratings(user: Any, cycle: RatingCycle, cell: PartyOrg) -> QuerySet[MemberRating]:
    return (
        access.visible_ratings(user)
        .filter(cycle=cycle, cell=cell)
        .select_related("member", "cell")
        .order_by("member__sort_key", "pk")
    )


def cycle_ratings(user: Any, cycle: RatingCycle) -> QuerySet[MemberRating]:
    return (
        access.visible_ratings(user)
        .filter(cycle=cycle)
        .select_related("member", "cell")
        .order_by("cell__path", "member__sort_key", "pk")
    )


def level_totals(ratings: QuerySet[MemberRating], field_name: str = "decided_level") -> list[tuple[str, int]]:
    """(level label, count) for each level, best first (one grouped query)."""
    rows = ratings.order_by().exclude(**{field_name: ""}).values(field_name).annotate(n=Count("pk"))
    counts = {r[field_name]: r["n"] for r in rows}
    return [(label, counts.get(value, 0)) for value, label in levels()]


def own_rating(user: Any) -> MemberRating | None:
    """The user's own rating in the latest cycle (for "Việc của tôi")."""
    member_id = access.scope_for(user).member_id
    if member_id is None:
        return None
    return (
        MemberRating.objects.active()
        .filter(member_id=member_id)
        .select_related("cycle__org")
        .order_by("-cycle__year", "-pk")
        .first()
    )


@dataclass
class Inputs:
    """What is shown beside a self-assessment: the year's key tasks, cell-meeting attendance, findings."""

    tasks: list[Any]
    task_counts: dict[str, int]
    attendance: dict[str, int]
    attendance_total: int
    attendance_present: int
    findings: dict[str, int]
    activities: list[Any]
    commitment: Commitment | None


def inputs(user: Any, rating: MemberRating) -> Inputs:
    """Fixed number of queries: tasks (list + grouped count), attendance (grouped), findings (grouped + list)."""
    from dangvu.meetings.models import Attendance, Meeting
    from dangvu.planning.access import visible_tasks
    from dangvu.supervision.access import visible_activities
    from dangvu.supervision.models import Finding

    year = rating.cycle.year
    member = rating.member
    tasks_qs = visible_tasks(user).filter(lead=member, due_date__year=year)
    tasks = list(tasks_qs.select_related("org").order_by("due_date", "pk")[:50])
    task_counts = {r["status"]: r["n"] for r in tasks_qs.order_by().values("status").annotate(n=Count("pk"))}
    att_rows = (
        Attendance.objects.filter(
            member=member,
            meeting__status=Meeting.Status.HELD,
            meeting__planned_at__year=year,
            meeting__archived_at__isnull=True,
        )
        .values("status")
        .annotate(n=Count("pk"))
    )
    attendance = {r["status"]: r["n"] for r in att_rows}
    present = sum(attendance.get(s, 0) for s in Attendance.PRESENT_STATUSES)
    activities_qs = visible_activities(user).filter(subject_member=member, program__year=year)
    finding_rows = Finding.objects.active().filter(activity__in=activities_qs).values("kind").annotate(n=Count("pk"))
    findings = {r["kind"]: r["n"] for r in finding_rows}
    activities = list(activities_qs.select_related("program").order_by("planned_month", "pk")[:20])
    commitment = Commitment.objects.active().filter(member=member, year=year).first()
    return Inputs(
        tasks=tasks,
        task_counts=task_counts,
        attendance=attendance,
        attendance_total=sum(attendance.values()),
        attendance_present=present,
        findings=findings,
        activities=activities,
        commitment=commitment,
    )


def collectives(user: Any, cycle: RatingCycle) -> QuerySet[CollectiveRating]:
    return (
        CollectiveRating.objects.active()
        .filter(access.collective_q(user), cycle=cycle)
        .select_related("org", "cycle__org")
        .order_by("org__path")
    )


def commitments(user: Any, *, year: int | None = None) -> QuerySet[Commitment]:
    qs = access.visible_commitments(user).select_related("member__cell")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "member__cell__path", "member__sort_key")
