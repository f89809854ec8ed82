"""`dangvu demo --members N` also writes two years of plans, reports and meetings (demo/province_records.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import transaction
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.core.models import AuditEntry
from dangvu.meetings.models import Attendance, Meeting
from dangvu.organization.demo.province import load_province
from dangvu.organization.models import Member, PartyOrg, RoleAssignment
from dangvu.planning.models import AnnualPlan, KeyTask, ProgressUpdate
from dangvu.reporting.models import Obligation, ReportKind, Submission, SubmissionEvent

TODAY = datetime.date(2026, 5, 20)


def record_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            AnnualPlan,
            KeyTask,
            ProgressUpdate,
            ReportKind,
            Obligation,
            Submission,
            SubmissionEvent,
            Meeting,
            Attendance,
        )
    }


@pytest.fixture
def province(db: Any) -> PartyOrg:
    return load_province(300, today=TODAY).root


@pytest.fixture
def province_now(db: Any) -> PartyOrg:
    """The pages compare with the real date: records up to today."""
    return load_province(300).root


def cells_of(province: PartyOrg) -> list[PartyOrg]:
    return list(PartyOrg.objects.filter(path__startswith=province.path, kind=PartyOrg.Kind.CHI_BO).order_by("path"))


def test_a_province_gets_two_years_of_plans_with_key_tasks_and_progress(province: PartyOrg) -> None:
    cells = cells_of(province)
    for year in (2025, 2026):
        plans = AnnualPlan.objects.filter(year=year)
        assert set(plans.values_list("owner_id", flat=True)) == {province.pk} | {c.pk for c in cells}
        assert KeyTask.objects.filter(plan__year=year).count() == 6 + 3 * len(cells)
    assert not AnnualPlan.objects.filter(year=2025).exclude(status=AnnualPlan.Status.APPROVED).exists()
    # Last year's tasks are mostly done; this year's are under way, none finished before its time.
    last_year = KeyTask.objects.filter(plan__year=2025)
    assert last_year.filter(status=KeyTask.Status.DONE).count() > last_year.count() / 2
    assert KeyTask.objects.filter(plan__year=2026, status=KeyTask.Status.IN_PROGRESS).exists()
    assert not ProgressUpdate.objects.filter(date__gt=TODAY).exists()
    assert not KeyTask.objects.exclude(org_path=F("org__path")).exists()  # the order of the plans overview
    assert not AnnualPlan.objects.exclude(org_path=F("owner__path")).exists()
    for task in KeyTask.objects.filter(percent__gt=0)[:30]:
        latest = task.updates.order_by("-date", "-pk").first()
        assert latest is not None and latest.percent == task.percent


def test_every_cell_owes_its_reports_some_late_some_missing(province: PartyOrg) -> None:
    cells = cells_of(province)
    assert ReportKind.objects.filter(org=province).count() == 3
    assert Obligation.objects.count() == 3 * len(cells)
    # 12 months + 4 quarters + 1 year, for two years
    assert Submission.objects.count() == 2 * 17 * len(cells)
    past = Submission.objects.filter(period_end__lt=TODAY)
    sent = past.exclude(status=Submission.Status.EXPECTED)
    late = sent.filter(submitted_on__gt=F("due_date"))
    assert 0 < late.count() < sent.count() / 2
    assert 0 < past.filter(status=Submission.Status.EXPECTED).count() < past.count() / 10
    assert not Submission.objects.filter(period_end__gte=TODAY).exclude(status=Submission.Status.EXPECTED).exists()
    assert SubmissionEvent.objects.filter(action=SubmissionEvent.Action.SUBMITTED).count() == sent.count()
    assert not Submission.objects.exclude(org_path=F("org__path")).exists()  # the order of the reports list


def test_every_cell_meets_monthly_and_the_latest_meeting_has_a_roll_call(province: PartyOrg) -> None:
    cells = cells_of(province)
    assert Meeting.objects.count() == 24 * len(cells)
    now = datetime.datetime(2026, 5, 20, tzinfo=datetime.UTC)
    assert not Meeting.objects.filter(planned_at__gt=now).exclude(status=Meeting.Status.PLANNED).exists()
    assert Meeting.objects.filter(status=Meeting.Status.HELD).count() > 15 * len(cells)
    held = Meeting.objects.filter(status=Meeting.Status.HELD, attendance__isnull=False).distinct()
    assert held.count() == len(cells)
    assert Attendance.objects.count() == Member.objects.count() == 300


def snapshot() -> dict[str, list[Any]]:
    """Load a province inside a savepoint, read what was written (without primary keys), roll back."""
    with transaction.atomic():
        load_province(300, today=TODAY)
        data = {
            "tasks": list(KeyTask.objects.order_by("pk").values_list("org__path", "title", "percent", "status")),
            "submissions": list(
                Submission.objects.order_by("pk").values_list("org__path", "label", "status", "submitted_on")
            ),
            "meetings": list(Meeting.objects.order_by("pk").values_list("org__path", "planned_at", "status")),
            "attendance": list(Attendance.objects.order_by("pk").values_list("member__card_number", "status")),
        }
        transaction.set_rollback(True)
    return data


def test_the_records_are_the_same_on_every_run(db: Any) -> None:
    first, second = snapshot(), snapshot()
    assert first["tasks"] and first["submissions"] and first["meetings"] and first["attendance"]
    assert first == second


def test_one_audit_entry_counts_the_records(province: PartyOrg) -> None:
    entry = AuditEntry.objects.get()
    assert entry.changes["members_added"] == 300
    assert entry.changes["meetings_added"] == Meeting.objects.count()
    assert entry.changes["submissions_added"] == Submission.objects.count()


PAGES = [
    ("planning:overview", "Kế hoạch công tác năm"),
    ("planning:overdue", ""),
    ("reporting:submission_list", "Chi bộ"),
    ("reporting:dashboard", ""),
    ("meetings:meeting_list", "Chi bộ"),
    ("meetings:measures", ""),
    ("organization:dashboard", ""),
]


def test_the_office_of_the_province_opens_the_pages_of_the_records(province_now: PartyOrg) -> None:
    province = province_now
    user = User.objects.create_user("office-province", password="x")
    RoleAssignment.objects.create(user=user, role=RoleAssignment.Role.OFFICE, org=province)
    client = Client()
    client.force_login(user)
    for name, text in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert text in response.content.decode(), name


def test_a_cell_secretary_sees_the_cells_tasks_and_posts_progress(province_now: PartyOrg) -> None:
    cell = cells_of(province_now)[0]
    user = User.objects.create_user("secretary-province", password="x")
    RoleAssignment.objects.create(user=user, role=RoleAssignment.Role.CELL_SECRETARY, org=cell)
    task = KeyTask.objects.filter(org=cell, plan__year=timezone.localdate().year).order_by("pk").first()
    assert task is not None
    client = Client()
    client.force_login(user)
    assert task.title in client.get(reverse("planning:plan_detail", args=[task.plan_id])).content.decode()
    response = client.post(
        reverse("planning:progress_add", args=[task.pk]),
        {"date": f"{timezone.localdate():%d/%m/%Y}", "percent": "55", "note": "Đo tải"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.percent == 55


def test_a_bulk_loaded_province_is_counted_anew_on_every_page(db: Any, client: Any) -> None:
    """bulk_create sends no signals: the load marks every cached count as changed itself (core.aggregates)."""
    from dangvu.accounts.models import User
    from dangvu.core.aggregates import changed, topics

    client.force_login(User.objects.create_superuser("quan-tri", password="pw-test-123456"))
    changed(*topics())  # caching on from here
    lists = ("/members/", "/meetings/", "/documents/?direction=den", "/plans/")
    before = {url: client.get(url).context["page"].paginator.count for url in lists}
    assert before == {url: client.get(url).context["page"].paginator.count for url in lists}  # cached
    load_province(300, today=TODAY)
    after = {url: client.get(url).context["page"].paginator.count for url in lists}
    assert after["/members/"] == before["/members/"] + 300
    assert after["/meetings/"] > before["/meetings/"]
    assert after["/plans/"] > before["/plans/"]
