from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.conftest import Cast
from dangvu.core.models import AuditEntry, ConcurrentEditError
from dangvu.planning import selectors, services
from dangvu.planning.models import AnnualPlan, KeyTask, PlanStatusChange, ProgressUpdate
from dangvu.planning.tests.factories import make_plan, make_resolution, make_task

Display = KeyTask.DisplayStatus


def _status(task: KeyTask) -> str:
    return selectors.with_display_status(KeyTask.objects.filter(pk=task.pk)).values_list("display_status", flat=True)[0]


@pytest.mark.django_db
class TestDisplayStatus:
    def test_overdue_is_derived_from_the_due_date_in_vietnam_time(self, cast: Cast) -> None:
        task = make_task(cast.cell_a, due_date=datetime.date(2019, 6, 30), start_date=datetime.date(2019, 1, 2))
        # 30/06 17:30 UTC is already 01/07 in Hà Nội: the task is overdue there
        with time_machine.travel(datetime.datetime(2019, 6, 30, 16, 0, tzinfo=datetime.UTC), tick=False):
            assert _status(task) == Display.NOT_STARTED
        with time_machine.travel(datetime.datetime(2019, 6, 30, 17, 30, tzinfo=datetime.UTC), tick=False):
            assert _status(task) == Display.OVERDUE
            assert list(selectors.overdue_tasks(cast.users["office"])) == [task]

    def test_done_and_paused_tasks_are_never_overdue(self, cast: Cast) -> None:
        done = make_task(
            cast.cell_a, title="Xong", due_date=datetime.date(2019, 3, 1), start_date=datetime.date(2019, 1, 2)
        )
        paused = make_task(
            cast.cell_a, title="Dừng", due_date=datetime.date(2019, 3, 1), start_date=datetime.date(2019, 1, 2)
        )
        services.progress_add(task=done, user=None, date=datetime.date(2019, 2, 1), percent=100)
        services.progress_add(task=paused, user=None, date=datetime.date(2019, 2, 1), percent=30, status="paused")
        with time_machine.travel(datetime.datetime(2019, 12, 1, 5, tzinfo=datetime.UTC)):
            assert _status(done) == Display.DONE
            assert _status(paused) == Display.PAUSED
            filters = selectors.TaskFilters(status=Display.OVERDUE)
            assert not selectors.task_list(cast.users["office"], filters).exists()


@pytest.mark.django_db
def test_the_rollup_equals_a_hand_computation(cast: Cast) -> None:
    plan = make_plan(cast.root)
    a = make_task(cast.cell_a, plan, title="A", weight=3)
    b = make_task(cast.cell_b, plan, title="B", weight=1)
    c = make_task(cast.cell_b, plan, title="C", weight=2)
    services.progress_add(task=a, user=None, date=datetime.date(2019, 3, 1), percent=50)
    services.progress_add(task=a, user=None, date=datetime.date(2019, 5, 1), percent=80)
    services.progress_add(task=b, user=None, date=datetime.date(2019, 5, 1), percent=100)
    # an older update entered later does not replace the latest one
    services.progress_add(task=a, user=None, date=datetime.date(2019, 4, 1), percent=60)
    a.refresh_from_db()
    assert a.percent == 80
    rollup = selectors.plan_rollup(plan, today=datetime.date(2019, 6, 1))
    assert rollup.weight_total == 6
    assert rollup.weighted_sum == 3 * 80 + 1 * 100 + 2 * 0
    assert rollup.percent == Decimal("56.7")  # 340 / 6
    assert rollup.counts["done"] == 1 and rollup.counts["in_progress"] == 1 and rollup.counts["not_started"] == 1
    assert c.percent == 0


@pytest.mark.django_db
def test_submit_approve_and_return_keep_the_history(cast: Cast) -> None:
    plan = make_plan(cast.cell_a)
    services.plan_submit(plan=plan, user=cast.users["cell_secretary"])
    services.plan_return(plan=plan, user=cast.users["committee"], comment="Bổ sung chỉ tiêu cụ thể")
    services.plan_submit(plan=plan, user=cast.users["cell_secretary"])
    services.plan_approve(plan=plan, user=cast.users["office"])
    steps = list(plan.history.values_list("from_status", "to_status", "comment", "by__username"))
    assert steps == [
        ("draft", "submitted", "", "cell_secretary"),
        ("submitted", "returned", "Bổ sung chỉ tiêu cụ thể", "committee"),
        ("returned", "submitted", "", "cell_secretary"),
        ("submitted", "approved", "", "office"),
    ]
    assert AnnualPlan.objects.get(pk=plan.pk).status == AnnualPlan.Status.APPROVED
    with pytest.raises(services.PlanningError):
        services.plan_approve(plan=plan, user=cast.users["office"])
    assert AuditEntry.objects.filter(object_id=str(plan.pk), org_path=cast.cell_a.path).exists()


@pytest.mark.django_db
def test_returning_needs_a_comment(cast: Cast) -> None:
    plan = make_plan(cast.cell_a)
    services.plan_submit(plan=plan, user=None)
    with pytest.raises(ValidationError) as exc:
        services.plan_return(plan=plan, user=None, comment="  ")
    assert "ý kiến" in str(exc.value)
    assert PlanStatusChange.objects.filter(plan=plan).count() == 1


@pytest.mark.django_db
class TestValidation:
    def test_dates_outside_the_plan_year(self, cast: Cast) -> None:
        plan = make_plan(cast.cell_a)
        with pytest.raises(ValidationError) as exc:
            make_task(cast.cell_a, plan, start_date=datetime.date(2018, 12, 1))
        assert "nằm ngoài năm của kế hoạch (2019)" in str(exc.value.message_dict["start_date"])
        assert not KeyTask.objects.exists()

    def test_a_due_date_before_the_start(self, cast: Cast) -> None:
        with pytest.raises(ValidationError) as exc:
            make_task(cast.cell_a, start_date=datetime.date(2019, 5, 1), due_date=datetime.date(2019, 4, 1))
        assert exc.value.message_dict["due_date"] == [
            "Hạn hoàn thành (01/04/2019) không được trước ngày bắt đầu (01/05/2019)."
        ]

    @pytest.mark.parametrize("percent", [-1, 101])
    def test_a_percent_outside_0_100(self, cast: Cast, percent: int) -> None:
        task = make_task(cast.cell_a)
        with pytest.raises(ValidationError):
            services.progress_add(task=task, user=None, date=datetime.date(2019, 5, 1), percent=percent)
        assert not ProgressUpdate.objects.exists()

    def test_a_forbidden_attachment(self, cast: Cast) -> None:
        task = make_task(cast.cell_a)
        upload = SimpleUploadedFile("virus.exe", b"MZ\x90\x00")
        with pytest.raises(ValidationError) as exc:
            services.progress_add(task=task, user=None, date=datetime.date(2019, 5, 1), percent=10, evidence=upload)
        assert "Không nhận tệp" in str(exc.value)
        assert not ProgressUpdate.objects.exists()

    def test_an_attachment_over_the_limit(self, cast: Cast, settings: object) -> None:
        settings.DANGVU_MAX_UPLOAD_BYTES = 10  # type: ignore[attr-defined]
        task = make_task(cast.cell_a)
        upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 and more than ten bytes")
        with pytest.raises(ValidationError) as exc:
            services.progress_add(task=task, user=None, date=datetime.date(2019, 5, 1), percent=10, evidence=upload)
        assert "quá lớn" in str(exc.value)


@pytest.mark.django_db
def test_the_later_of_two_edits_is_refused(cast: Cast) -> None:
    task = make_task(cast.cell_a)
    first = KeyTask.objects.get(pk=task.pk)
    second = KeyTask.objects.get(pk=task.pk)
    services.task_update(task=first, expected_version=first.version, title="Sửa lần một")
    with pytest.raises(ConcurrentEditError):
        services.task_update(task=second, expected_version=second.version, title="Sửa lần hai")
    assert KeyTask.objects.get(pk=task.pk).title == "Sửa lần một"


@pytest.mark.django_db
def test_sources_are_linked_both_ways(cast: Cast) -> None:
    plan = make_plan(cast.root)
    resolution = make_resolution(cast.root)
    from_plan = make_task(cast.cell_a, plan, title="Từ kế hoạch")
    from_resolution = make_task(cast.cell_a, plan, title="Từ nghị quyết", source=resolution)
    assert from_plan.source == plan
    assert from_resolution.source == resolution
    assert list(selectors.tasks_from(resolution)) == [from_resolution]
    assert list(selectors.tasks_from(plan)) == [from_plan]
    # the user's scope applies when given
    assert list(selectors.tasks_from(resolution, user=cast.users["outsider"])) == []
