"""Two years of records for a synthetic province (`dangvu demo --members N`), for load tests.

For the previous and the current year: the committee's and each cell's annual plan with three key tasks
and their progress; the reports every cell owes the province committee (monthly, quarterly, yearly) with
their submissions, most on time, some late, a few never sent; the monthly meeting of every cell (held
before today, planned after it; one a quarter combined with a thematic topic) and the roll-call of each
cell's latest held meeting (the roll-call of every meeting would be ~5 million rows at 200,000 members).

Like province.py, rows go in with bulk_create: no save(), no audit signal per row. The caller writes one
AuditEntry for the whole load, with the counts returned here. Deterministic for a given `today`: the
draws come from a Random seeded by the province number, and the tree is walked in path order.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models

from dangvu.meetings.models import Attendance, Meeting
from dangvu.meetings.selectors import meeting_rules
from dangvu.organization.models import Member, fill_org_paths
from dangvu.planning.models import AnnualPlan, KeyTask, ProgressUpdate
from dangvu.reporting import periods
from dangvu.reporting.models import Obligation, ReportKind, Submission, SubmissionEvent

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
BATCH = 5000
TASKS_PER_PLAN = 3
ROOT_TASKS = 6

REPORT_KINDS: list[dict[str, Any]] = [
    {
        "name": "Báo cáo tháng của chi bộ",
        "period": ReportKind.Period.MONTHLY,
        "due_rule": ReportKind.DueRule.DAY_OF_NEXT_MONTH,
        "due_day": 5,
    },
    {
        "name": "Báo cáo quý",
        "period": ReportKind.Period.QUARTERLY,
        "due_rule": ReportKind.DueRule.DAYS_AFTER_END,
        "due_day": 10,
    },
    {
        "name": "Báo cáo tổng kết công tác Đảng năm",
        "period": ReportKind.Period.YEARLY,
        "due_rule": ReportKind.DueRule.DAY_OF_LAST_MONTH,
        "due_day": 15,
    },
]
CELL_TASKS = (
    "Nâng cao chất lượng sinh hoạt chi bộ",
    "Hoàn thành nhiệm vụ chính trị của đơn vị",
    "Thu, nộp đảng phí đầy đủ, đúng hạn",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Phát triển đảng viên mới",
    "Tự kiểm tra, giám sát đảng viên trong chi bộ",
    "Làm tốt công tác tư tưởng, nắm tình hình dư luận",
)
ROOT_TASKS_TITLES = (
    "Tổ chức quán triệt, triển khai các nghị quyết của Trung ương và của Tỉnh ủy",
    "Kiện toàn tổ chức cơ sở đảng, sắp xếp chi bộ",
    "Phát triển đảng viên: kết nạp mới theo chỉ tiêu",
    "Kiểm tra, giám sát việc thực hiện quy chế làm việc của các huyện ủy",
    "Đẩy mạnh chuyển đổi số trong công tác đảng",
    "Chuẩn bị tổng kết công tác Đảng năm",
)
RESULTS = (
    "Chi bộ tổ chức sinh hoạt thường kỳ đúng quy định; quán triệt các văn bản của cấp trên.",
    "Lãnh đạo đơn vị hoàn thành các nhiệm vụ trong kỳ; đảng viên phát huy vai trò tiên phong, gương mẫu.",
    "Thu đảng phí đầy đủ, đúng hạn; thực hiện Chỉ thị 05-CT/TW gắn với nhiệm vụ của đơn vị.",
)
REGULAR_TOPICS = (
    "Đánh giá kết quả tháng, nhiệm vụ tháng tới",
    "Triển khai văn bản của cấp trên; thu đảng phí",
    "Kiểm điểm việc thực hiện nhiệm vụ của đơn vị",
)
THEMATIC_TOPIC = "Chuyên đề: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"


@dataclass(frozen=True)
class Cell:
    pk: int
    name: str


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), HCM)


def _flush(model: type[models.Model], rows: list[Any], *, force: bool = False) -> int:
    if rows and (force or len(rows) >= BATCH):
        model._default_manager.bulk_create(rows, batch_size=BATCH)
        count = len(rows)
        rows.clear()
        return count
    return 0


def _members_by_cell(cells: Sequence[Cell]) -> dict[int, list[int]]:
    by_cell: dict[int, list[int]] = defaultdict(list)
    ids = [c.pk for c in cells]
    for start in range(0, len(ids), 900):  # SQLite's limit on query parameters
        rows = Member.objects.filter(cell_id__in=ids[start : start + 900]).order_by("pk").values_list("cell_id", "pk")
        for cell_id, pk in rows:
            by_cell[cell_id].append(pk)
    return by_cell


def load_records(
    root_pk: int, root_name: str, cells: Sequence[Cell], *, seed: str, today: datetime.date
) -> dict[str, int]:
    """Add the records of the previous and the current year; return the counts added by kind."""
    rng = random.Random(seed)
    years = (today.year - 1, today.year)
    members = _members_by_cell(cells)
    counts: dict[str, int] = {}
    counts.update(_plans(rng, root_pk, root_name, cells, members, years, today))
    counts.update(_reports(rng, root_pk, cells, years, today))
    counts.update(_meetings(rng, cells, members, years, today))
    return counts


# --- Plans, key tasks, progress ---------------------------------------------------------------------------


def _task_state(rng: random.Random, start: datetime.date, due: datetime.date, today: datetime.date) -> tuple[int, str]:
    """(percent, chosen status) for a task at `today`: roughly on track, some behind, a few paused."""
    if today < start:
        return 0, KeyTask.Status.NOT_STARTED
    elapsed = min(1.0, (today - start).days / max(1, (due - start).days))
    roll = rng.random()
    if roll < 0.03:
        return int(elapsed * 40), KeyTask.Status.PAUSED
    pace = 1.0 if roll < 0.75 else rng.uniform(0.4, 0.9)  # a quarter of the tasks fall behind
    percent = min(100, int(round(elapsed * pace * 100 / 5)) * 5)
    if percent >= 100:
        return 100, KeyTask.Status.DONE
    return percent, KeyTask.Status.IN_PROGRESS if percent > 0 else KeyTask.Status.NOT_STARTED


def _flush_tasks(
    tasks: list[KeyTask], states: list[tuple[int, str, datetime.date]], tasks_added: int, updates_added: int
) -> tuple[int, int]:
    """Insert the tasks, then two progress updates for each started one (half-way, then the latest)."""
    KeyTask.objects.bulk_create(fill_org_paths(tasks), batch_size=BATCH)
    updates: list[ProgressUpdate] = []
    for task, (percent, _status, last) in zip(tasks, states, strict=True):
        if percent == 0:
            continue
        middle = task.start_date + (last - task.start_date) / 2
        updates.append(ProgressUpdate(task_id=task.pk, date=middle, percent=percent // 2, note="Đang triển khai."))
        updates.append(ProgressUpdate(task_id=task.pk, date=last, percent=percent, note="Cập nhật tiến độ."))
    ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
    counts = (tasks_added + len(tasks), updates_added + len(updates))
    tasks.clear()
    states.clear()
    return counts


def _plans(
    rng: random.Random,
    root_pk: int,
    root_name: str,
    cells: Sequence[Cell],
    members: dict[int, list[int]],
    years: Iterable[int],
    today: datetime.date,
) -> dict[str, int]:
    plans_added = tasks_added = updates_added = 0
    owners = [(root_pk, root_name, ROOT_TASKS, ROOT_TASKS_TITLES)] + [
        (c.pk, c.name, TASKS_PER_PLAN, CELL_TASKS) for c in cells
    ]
    for year in years:
        plans: list[AnnualPlan] = []
        for org_pk, name, _n, _titles in owners:
            roll = rng.random()
            if year < today.year or roll < 0.85:
                status = AnnualPlan.Status.APPROVED
            else:
                status = AnnualPlan.Status.SUBMITTED if roll < 0.95 else AnnualPlan.Status.DRAFT
            plans.append(
                AnnualPlan(owner_id=org_pk, year=year, title=f"Kế hoạch công tác năm {year} của {name}", status=status)
            )
        AnnualPlan.objects.bulk_create(fill_org_paths(plans), batch_size=BATCH)
        plans_added += len(plans)
        tasks: list[KeyTask] = []
        states: list[tuple[int, str, datetime.date]] = []

        for plan, (org_pk, _name, n_tasks, titles) in zip(plans, owners, strict=True):
            people = members.get(org_pk, [])
            for t, title in enumerate(rng.sample(titles, n_tasks)):
                start = datetime.date(year, 1 + 2 * (t % 3), 1)
                due = datetime.date(year, 12, 31) if t % 3 == 2 else datetime.date(year, 6 + 3 * (t % 2), 30)
                percent, task_status = _task_state(rng, start, due, today)
                last = min(today, due, start + datetime.timedelta(days=rng.randint(20, 300)))
                tasks.append(
                    KeyTask(
                        title=title,
                        plan_id=plan.pk,
                        org_id=org_pk,
                        lead_id=people[t % len(people)] if people else None,
                        start_date=start,
                        due_date=due,
                        priority=KeyTask.Priority.HIGH if t == 0 else KeyTask.Priority.NORMAL,
                        status=task_status,
                        percent=percent,
                    )
                )
                states.append((percent, task_status, max(last, start)))
            if len(tasks) >= BATCH:
                tasks_added, updates_added = _flush_tasks(tasks, states, tasks_added, updates_added)
        if tasks:
            tasks_added, updates_added = _flush_tasks(tasks, states, tasks_added, updates_added)
    return {"plans": plans_added, "key_tasks": tasks_added, "progress_updates": updates_added}


# --- Reports ----------------------------------------------------------------------------------------------


def _reports(
    rng: random.Random, root_pk: int, cells: Sequence[Cell], years: Sequence[int], today: datetime.date
) -> dict[str, int]:
    kinds = [ReportKind(org_id=root_pk, remind_before="3", remind_after="1", **spec) for spec in REPORT_KINDS]
    ReportKind.objects.bulk_create(kinds)
    valid_from = datetime.date(years[0], 1, 1)
    obligations = [Obligation(kind_id=k.pk, org_id=c.pk, valid_from=valid_from) for c in cells for k in kinds]
    Obligation.objects.bulk_create(obligations, batch_size=BATCH)
    schedule = [
        (kind, period, periods.due_date(kind.due_rule, kind.due_day, period.end))
        for year in years
        for kind in kinds
        for period in periods.periods_of_year(kind.period, year)
    ]
    subs: list[Submission] = []
    sent_at: list[tuple[datetime.datetime | None, datetime.datetime | None]] = []
    counts = {"submissions": 0, "submission_events": 0, "submissions_late": 0, "submissions_missing": 0}

    def flush() -> None:
        Submission.objects.bulk_create(fill_org_paths(subs), batch_size=BATCH)
        events: list[SubmissionEvent] = []
        for sub, (submitted, accepted) in zip(subs, sent_at, strict=True):
            if submitted is not None:
                events.append(
                    SubmissionEvent(
                        submission_id=sub.pk, action=SubmissionEvent.Action.SUBMITTED, at=submitted, snapshot={}
                    )
                )
            if accepted is not None:
                events.append(
                    SubmissionEvent(submission_id=sub.pk, action=SubmissionEvent.Action.ACCEPTED, at=accepted)
                )
        SubmissionEvent.objects.bulk_create(events, batch_size=BATCH)
        counts["submissions"] += len(subs)
        counts["submission_events"] += len(events)
        subs.clear()
        sent_at.clear()

    for index, cell in enumerate(cells):
        sloppy = index % 17 == 3  # about one cell in seventeen is regularly late
        for kind, period, due in schedule:
            sub = Submission(
                kind_id=kind.pk,
                org_id=cell.pk,
                period_start=period.start,
                period_end=period.end,
                label=period.label,
                due_date=due,
            )
            submitted = accepted = None
            if period.end < today:
                roll = rng.random()
                if roll < (0.12 if sloppy else 0.03):
                    counts["submissions_missing"] += 1  # never sent: stays "expected"
                else:
                    late = roll < (0.6 if sloppy else 0.1)
                    if late:
                        counts["submissions_late"] += 1
                    day = due + datetime.timedelta(days=rng.randint(1, 12) if late else -rng.randint(0, 4))
                    day = min(day, today)
                    submitted = _at(day, 15, 10 * (index % 6))
                    sub.status = Submission.Status.SUBMITTED
                    sub.results = RESULTS[(index + period.start.month) % len(RESULTS)]
                    sub.first_submitted_at = sub.last_submitted_at = submitted
                    sub.submitted_on = day
                    if day + datetime.timedelta(days=3) < today and rng.random() < 0.9:
                        accepted = _at(day + datetime.timedelta(days=3), 10)
                        sub.status = Submission.Status.ACCEPTED
                        sub.accepted_at = accepted
            subs.append(sub)
            sent_at.append((submitted, accepted))
        if len(subs) >= BATCH:
            flush()
    if subs:
        flush()
    counts["report_kinds"] = len(kinds)
    counts["obligations"] = len(obligations)
    return counts


# --- Meetings ---------------------------------------------------------------------------------------------


def _meetings(
    rng: random.Random,
    cells: Sequence[Cell],
    members: dict[int, list[int]],
    years: Iterable[int],
    today: datetime.date,
) -> dict[str, int]:
    months = [(y, m) for y in years for m in range(1, 13)]
    prepare_days = {ym: int(meeting_rules(datetime.date(*ym, 1))["prepare_days_before"]) for ym in months}
    now = _at(today, 0)
    meetings: list[Meeting] = []
    latest_held: dict[int, tuple[int, int]] = {}  # cell pk -> (index in `meetings` of its latest held one, cell index)
    counts = {"meetings": 0, "attendance": 0}
    attendance: list[Attendance] = []

    def flush() -> None:
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        for cell_pk, (i, cell_index) in latest_held.items():
            meeting_pk = meetings[i].pk
            for n, member_pk in enumerate(members.get(cell_pk, [])):
                status = Attendance.Status.PRESENT
                reason = ""
                key = n + cell_index  # positions, not primary keys: the same on any database
                if key % 11 == 0:
                    status, reason = Attendance.Status.EXCUSED, "Đi công tác"
                elif key % 37 == 0:
                    status = Attendance.Status.ABSENT
                elif key % 23 == 0:
                    status = Attendance.Status.LATE
                attendance.append(Attendance(meeting_id=meeting_pk, member_id=member_pk, status=status, reason=reason))
        counts["attendance"] += _flush(Attendance, attendance, force=True)
        counts["meetings"] += len(meetings)
        meetings.clear()
        latest_held.clear()

    for index, cell in enumerate(cells):
        people = members.get(cell.pk, [])
        chair = people[0] if people else None
        secretary = people[1] if len(people) > 1 else None
        for y, m in months:
            planned = _at(datetime.date(y, m, 3 + (index % 8)), 14)
            combined = m % 3 == 0
            meeting = Meeting(
                org_id=cell.pk,
                kind=Meeting.Kind.COMBINED if combined else Meeting.Kind.REGULAR,
                planned_at=planned,
                place="Hội trường",
                topic=THEMATIC_TOPIC if combined else REGULAR_TOPICS[(index + m) % len(REGULAR_TOPICS)],
                chair_id=chair,
                secretary_id=secretary,
                prepare_deadline=planned - datetime.timedelta(days=prepare_days[(y, m)]),
            )
            if planned < now:
                if rng.random() < 0.02:
                    meeting.status = Meeting.Status.CANCELLED
                else:
                    meeting.status = Meeting.Status.HELD
                    late = rng.random() < 0.1
                    meeting.prepared_at = meeting.prepare_deadline + datetime.timedelta(days=1 if late else -2)
                    meeting.started_at = planned
                    meeting.ended_at = planned + datetime.timedelta(minutes=150 if combined else 100)
                    latest_held[cell.pk] = (len(meetings), index)
            meetings.append(meeting)
        if len(meetings) >= BATCH:
            flush()
    if meetings:
        flush()
    return counts
