"""The reference organization's 2019 report, generated from its demo year: every figure equals a count made
here independently (plain ORM rows counted in Python), and the DOCX says it."""

from __future__ import annotations

import datetime
import io
from collections import Counter
from typing import Any

import docx
from django.utils import timezone

from dangvu.annual import exports, services
from dangvu.annual.tests.helpers import load_demo
from dangvu.core.audit import acting_as
from dangvu.meetings import demo as meetings_demo
from dangvu.meetings.models import Meeting
from dangvu.organization.models import Member, PartyOrg
from dangvu.planning.models import AnnualPlan, KeyTask
from dangvu.reporting.models import Submission
from dangvu.supervision.models import Activity, Finding

YEAR_END = datetime.date(2019, 12, 31)


def _task_counts(root: PartyOrg) -> Counter[str]:
    counts: Counter[str] = Counter()
    for task in KeyTask.objects.filter(archived_at__isnull=True, org__path__startswith=root.path).select_related(
        "plan"
    ):
        year = task.plan.year if task.plan else task.due_date.year
        if year != 2019:
            continue
        counts["total"] += 1
        if task.status == KeyTask.Status.DONE:
            counts["done"] += 1
        elif task.status != KeyTask.Status.PAUSED and task.due_date < YEAR_END:
            counts["overdue"] += 1
    return counts


def _report_counts(root: PartyOrg) -> Counter[str]:
    counts: Counter[str] = Counter()
    late_orgs = set()
    for sub in Submission.objects.filter(archived_at__isnull=True, org__path__startswith=root.path).select_related(
        "org"
    ):
        if sub.period_start.year != 2019:
            continue
        sent = sub.submitted_on
        if sub.due_date < YEAR_END or sent is not None:
            counts["due"] += 1
        if sent is not None and sent <= sub.due_date:
            counts["on_time"] += 1
        if sent is not None and sent > sub.due_date:
            counts["late"] += 1
            late_orgs.add(sub.org.name)
        if sent is None and sub.due_date < YEAR_END:
            counts["missing"] += 1
            late_orgs.add(sub.org.name)
    counts["late_orgs"] = len(late_orgs)
    return counts


def _meeting_counts(root: PartyOrg) -> dict[str, Any]:
    held = [
        m
        for m in Meeting.objects.filter(org__path__startswith=root.path, archived_at__isnull=True)
        if timezone.localtime(m.planned_at).year == 2019 and m.status == Meeting.Status.HELD
    ]
    by_cell_month = {(m.org_id, timezone.localtime(m.planned_at).month) for m in held}
    cells = PartyOrg.objects.filter(path__startswith=root.path, kind__in=PartyOrg.CELL_KINDS, archived_at=None)
    missed = sum(1 for c in cells for month in range(1, 13) if (c.pk, month) not in by_cell_month)
    return {"held": len(held), "cells": cells.count(), "months_missed": missed}


def test_the_2019_report_of_the_demo_organization_equals_its_records(db: Any) -> None:
    root = load_demo()
    with acting_as(None, source="test"):
        report = services.report_create(org=root, year=2019)
    version = services.current_version(report)
    f = version.figures

    tasks = _task_counts(root)
    assert tasks["total"] > 20
    assert f["tasks"]["totals"]["total"] == tasks["total"]
    assert f["tasks"]["totals"]["done"] == tasks["done"]
    assert f["tasks"]["totals"]["overdue"] == tasks["overdue"] > 0

    reports = _report_counts(root)
    assert reports["due"] > 100
    for key in ("due", "on_time", "late", "missing"):
        assert f["reporting"]["totals"][key] == reports[key], key
    assert len(f["reporting"]["late_orgs"]) == reports["late_orgs"]

    meetings = _meeting_counts(root)
    assert f["meetings"]["totals"]["held"] == meetings["held"]
    assert f["meetings"]["totals"]["cells"] == meetings["cells"]
    assert f["meetings"]["totals"]["months_missed"] == meetings["months_missed"] == 1

    activities = [
        a
        for a in Activity.objects.filter(program__org__path__startswith=root.path, program__year=2019)
        if not a.confidential and a.archived_at is None
    ]
    assert f["supervision"]["totals"]["planned"] == len(activities)
    done = [a for a in activities if a.concluded_on and a.concluded_on <= YEAR_END]
    assert f["supervision"]["totals"]["done"] == len(done)
    shortcomings = Finding.objects.filter(activity__in=activities, kind="shortcoming", archived_at=None).count()
    assert f["supervision"]["findings"]["shortcoming"] == shortcomings

    members = Member.objects.filter(cell__path__startswith=root.path, status__in=Member.ACTIVE_STATUSES)
    assert f["members"]["total"] == members.filter(archived_at=None).count()

    plan_2020 = AnnualPlan.objects.get(owner=root, year=2020)
    assert [t["title"] for t in f["next_year"]["tasks"]] == list(
        plan_2020.tasks.order_by("due_date", "pk").values_list("title", flat=True)
    )

    # Section II names the weaknesses the seed's 2019 review lists, from the same figures.
    cells = list(root.children.filter(kind=PartyOrg.Kind.CHI_BO).order_by("path"))
    missing_month_cell = cells[meetings_demo.MISSING_MONTH[0]].name
    thematic_cell = cells[meetings_demo.MISSING_THEMATIC[0]].name
    section_ii = version.sections["shortcomings"]
    assert f"{missing_month_cell} (tháng 7)" in section_ii
    assert f"{thematic_cell} (quý II)" in section_ii
    assert "Chế độ thông tin, báo cáo của một số đơn vị còn chậm" in section_ii
    assert "chưa được quan tâm thường xuyên" in section_ii
    for name in f["supervision"]["cells_without_self"][:3]:
        assert name in section_ii
    assert version.sections["lessons"].startswith("[Dự thảo")
    assert KeyTask.objects.get(title=meetings_demo.KEY_TASK_2020).title in version.sections["directions"]
    from dangvu.rating.models import MemberRating, Step

    decided = Counter(
        r.decided_level
        for r in MemberRating.objects.filter(cycle__org=root, cycle__year=2019, archived_at=None)
        if r.step == Step.DECIDED
    )
    assert f["ratings"]["available"] and f["ratings"]["members_total"] == sum(decided.values()) > 100
    assert {k: v for k, v in f["ratings"]["members"].items() if v} == dict(decided)
    assert f"Đã đánh giá, xếp loại {sum(decided.values())} đảng viên" in version.sections["results"]

    # The DOCX reopened: the Party header, the title, the four sections and the tables with these figures.
    document = docx.Document(io.BytesIO(exports.report_docx(report, version)))
    cells_text = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    text = "\n".join([*(p.text for p in document.paragraphs), *(c for row in cells_text for c in row)])
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Đảng ủy Tổng cục Giáo dục nghề nghiệp".upper(),
        "BÁO CÁO",
        "Tổng kết công tác xây dựng Đảng năm 2019, phương hướng, nhiệm vụ trọng tâm năm 2020",
        "I. Kết quả thực hiện nhiệm vụ năm",
        "II. Hạn chế, khuyết điểm và nguyên nhân",
        "III. Bài học kinh nghiệm",
        "IV. Phương hướng, nhiệm vụ trọng tâm năm tới",
        "DỰ THẢO",
        f"triển khai {tasks['total']} nhiệm vụ trọng tâm",
    ):
        assert expected in text, expected
    assert [
        "Tổng cộng",
        str(reports["due"]),
        str(reports["on_time"]),
        str(reports["late"]),
        str(reports["missing"]),
    ] == [row[:5] for row in cells_text if row and row[0] == "Tổng cộng"][1]
    assert "Nơi nhận:" in text and "T/M ĐẢNG ỦY" in text
