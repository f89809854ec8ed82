from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.planning import services
from dangvu.planning.models import AnnualPlan, KeyTask, ProgressUpdate
from dangvu.planning.tests.factories import make_plan, make_resolution, make_task

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2019, 7, 1, 3, 0, tzinfo=datetime.UTC)


def _task_post(cast: Cast, plan: AnnualPlan, **overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Rà soát quy chế làm việc",
        "org": cast.cell_a.pk,
        "plan": plan.pk,
        "start_date": "01/02/2019",
        "due_date": "30/11/2019",
        "priority": "normal",
        "weight": "2",
        "status": "not_started",
    }
    data.update(overrides)
    return data


class TestTaskForm:
    def test_a_cell_secretary_adds_a_task_to_their_plan(self, cast: Cast) -> None:
        plan = make_plan(cast.cell_a)
        client = cast.client("cell_secretary")
        response = client.post(reverse("planning:task_create"), _task_post(cast, plan))
        task = KeyTask.objects.get()
        assert response.status_code == 302
        assert task.plan == plan and task.source == plan and task.weight == 2

    def test_dates_outside_the_plan_year_keep_the_typed_text(self, cast: Cast) -> None:
        plan = make_plan(cast.cell_a)
        data = _task_post(cast, plan, start_date="15/12/2018", title="Nhiệm vụ gõ dở")
        response = cast.client("office").post(reverse("planning:task_create"), data)
        body = response.content.decode()
        assert response.status_code == 200
        assert "Ngày 15/12/2018 nằm ngoài năm của kế hoạch (2019)." in body
        assert 'value="Nhiệm vụ gõ dở"' in body and 'value="15/12/2018"' in body
        assert not KeyTask.objects.exists()

    def test_a_due_date_before_the_start(self, cast: Cast) -> None:
        plan = make_plan(cast.cell_a)
        data = _task_post(cast, plan, start_date="01/05/2019", due_date="01/04/2019")
        response = cast.client("office").post(reverse("planning:task_create"), data)
        assert "Hạn hoàn thành (01/04/2019) không được trước ngày bắt đầu (01/05/2019)." in response.content.decode()
        assert not KeyTask.objects.exists()

    def test_the_later_of_two_edits_is_refused_with_a_message(self, cast: Cast) -> None:
        plan = make_plan(cast.cell_a)
        task = make_task(cast.cell_a, plan)
        url = reverse("planning:task_edit", kwargs={"pk": task.pk})
        first = _task_post(cast, plan, title="Bản của văn phòng", version=task.version)
        second = _task_post(cast, plan, title="Bản của bí thư", version=task.version)
        assert cast.client("office").post(url, first).status_code == 302
        response = cast.client("cell_secretary").post(url, second)
        assert response.status_code == 200
        assert "Người khác đã lưu bản ghi này" in response.content.decode()
        assert 'value="Bản của bí thư"' in response.content.decode()
        assert KeyTask.objects.get().title == "Bản của văn phòng"

    def test_a_member_cannot_edit_but_may_report_progress_on_their_task(self, cast: Cast) -> None:
        task = make_task(cast.cell_a, lead=cast.member_a2)
        client = cast.client("member")
        assert client.get(reverse("planning:task_edit", kwargs={"pk": task.pk})).status_code == 403
        with time_machine.travel(TODAY):
            response = client.post(
                reverse("planning:progress_add", kwargs={"pk": task.pk}),
                {"date": "20/06/2019", "percent": "40", "note": "Đã họp chi bộ"},
            )
        assert response.status_code == 302
        assert KeyTask.objects.get().percent == 40
        assert ProgressUpdate.objects.get().by == cast.users["member"]
        assert [t.pk for t in client.get(reverse("planning:my_tasks")).context["page"].object_list] == [task.pk]


class TestProgressForm:
    def _post(self, cast: Cast, task: KeyTask, **data: Any) -> Any:
        with time_machine.travel(TODAY):
            return cast.client("office").post(reverse("planning:progress_add", kwargs={"pk": task.pk}), data)

    @pytest.mark.parametrize("percent", ["-5", "120"])
    def test_a_percent_outside_0_100(self, cast: Cast, percent: str) -> None:
        task = make_task(cast.cell_a)
        response = self._post(cast, task, date="01/06/2019", percent=percent, note="ghi chú giữ lại")
        assert "Phần trăm hoàn thành phải từ 0 đến 100." in response.content.decode()
        assert "ghi chú giữ lại" in response.content.decode()
        assert not ProgressUpdate.objects.exists()

    def test_a_forbidden_attachment(self, cast: Cast) -> None:
        task = make_task(cast.cell_a)
        upload = SimpleUploadedFile("chay-toi.exe", b"MZ\x90\x00\x03")
        response = self._post(cast, task, date="01/06/2019", percent="50", evidence=upload)
        assert "Không nhận tệp “chay-toi.exe”" in response.content.decode()
        assert not ProgressUpdate.objects.exists()

    def test_an_attachment_over_the_limit(self, cast: Cast, settings: Any) -> None:
        settings.DANGVU_MAX_UPLOAD_BYTES = 1024 * 1024
        task = make_task(cast.cell_a)
        upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4" + b"0" * (1024 * 1024 + 10))
        response = self._post(cast, task, date="01/06/2019", percent="50", evidence=upload)
        assert "quá lớn" in response.content.decode()
        assert not ProgressUpdate.objects.exists()

    def test_evidence_is_kept_and_served_only_through_the_checked_view(
        self, cast: Cast, settings: Any, tmp_path: Any
    ) -> None:
        settings.MEDIA_ROOT = tmp_path
        task = make_task(cast.cell_a)
        upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban hop")
        assert self._post(cast, task, date="01/06/2019", percent="50", evidence=upload).status_code == 302
        update = ProgressUpdate.objects.get()
        assert update.evidence.name.startswith("planning/evidence/")
        url = reverse("planning:evidence", kwargs={"pk": update.pk})
        response = cast.client("observer").get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 bien ban hop"  # type: ignore[attr-defined]
        assert cast.client("outsider").get(url).status_code == 404


class TestPlanWorkflow:
    def test_submit_return_with_comment_then_approve(self, cast: Cast) -> None:
        plan = make_plan(cast.cell_a)
        detail = reverse("planning:plan_detail", kwargs={"pk": plan.pk})
        cast.client("cell_secretary").post(reverse("planning:plan_submit", kwargs={"pk": plan.pk}))
        committee = cast.client("committee")
        response = committee.post(reverse("planning:plan_return", kwargs={"pk": plan.pk}), {"comment": ""}, follow=True)
        assert "Hãy ghi ý kiến" in response.content.decode()
        assert AnnualPlan.objects.get().status == AnnualPlan.Status.SUBMITTED
        committee.post(reverse("planning:plan_return", kwargs={"pk": plan.pk}), {"comment": "Thiếu chỉ tiêu"})
        assert AnnualPlan.objects.get().status == AnnualPlan.Status.RETURNED
        cast.client("cell_secretary").post(reverse("planning:plan_submit", kwargs={"pk": plan.pk}))
        committee.post(reverse("planning:plan_approve", kwargs={"pk": plan.pk}))
        assert AnnualPlan.objects.get().status == AnnualPlan.Status.APPROVED
        body = cast.client("member").get(detail).content.decode()
        assert "Thiếu chỉ tiêu" in body and "Đã phê duyệt" in body

    def test_a_cell_secretary_cannot_approve_their_own_plan(self, cast: Cast) -> None:
        plan = make_plan(cast.cell_a)
        services.plan_submit(plan=plan, user=None)
        response = cast.client("cell_secretary").post(reverse("planning:plan_approve", kwargs={"pk": plan.pk}))
        assert response.status_code == 403

    def test_the_plan_page_states_the_rule_and_the_weights(self, cast: Cast) -> None:
        plan = make_plan(cast.root)
        a = make_task(cast.cell_a, plan, title="Nhiệm vụ nặng", weight=3)
        make_task(cast.cell_b, plan, title="Nhiệm vụ nhẹ", weight=1)
        services.progress_add(task=a, user=None, date=datetime.date(2019, 3, 1), percent=50)
        body = cast.client("observer").get(reverse("planning:plan_detail", kwargs={"pk": plan.pk})).content.decode()
        assert "tiến độ kế hoạch = Σ(trọng số × % hoàn thành) / Σ trọng số" in body
        assert "150 / 4 = 37.5%" in body or "150 / 4 = 37,5%" in body

    def test_the_timeline_draws_a_bar_per_task(self, cast: Cast) -> None:
        plan = make_plan(cast.root)
        make_task(
            cast.cell_a,
            plan,
            title="Cả năm",
            start_date=datetime.date(2019, 1, 1),
            due_date=datetime.date(2019, 12, 31),
        )
        response = cast.client("office").get(reverse("planning:plan_timeline", kwargs={"pk": plan.pk}))
        assert response.context["rows"][0]["left"] == 0 and response.context["rows"][0]["width"] == 100
        assert (
            "gantt-bar" in response.content.decode() and "<script" not in response.content.decode().split("<main")[-1]
        )


class TestListsAndSources:
    def test_the_overview_filters_by_unit_status_and_due_date(self, cast: Cast) -> None:
        plan = make_plan(cast.root)
        late = make_task(cast.cell_a, plan, title="Việc trễ", due_date=datetime.date(2019, 3, 31))
        make_task(cast.cell_b, plan, title="Việc chi bộ B", due_date=datetime.date(2019, 10, 31))
        client = cast.client("office")
        with time_machine.travel(TODAY):
            url = reverse("planning:overview")
            by_org = client.get(url, {"year": 2019, "org": cast.cell_b.pk}).context["page"].object_list
            overdue = client.get(url, {"year": 2019, "status": "overdue"}).context["page"].object_list
            due = client.get(url, {"year": 2019, "due_to": "30/04/2019"}).context["page"].object_list
            overdue_page = client.get(reverse("planning:overdue")).context["page"].object_list
        assert [t.title for t in by_org] == ["Việc chi bộ B"]
        assert [t.pk for t in overdue] == [late.pk] == [t.pk for t in due] == [t.pk for t in overdue_page]

    def test_the_overview_lists_the_tasks_unit_by_unit_and_a_moved_task_follows_its_unit(self, cast: Cast) -> None:
        plan = make_plan(cast.root)
        of_b = make_task(cast.cell_b, plan, title="Việc của chi bộ B", due_date=datetime.date(2019, 3, 31))
        make_task(cast.cell_a, plan, title="Việc của chi bộ A", due_date=datetime.date(2019, 9, 30))
        make_task(cast.root, plan, title="Việc của Đảng ủy", due_date=datetime.date(2019, 10, 31))

        def order() -> list[str]:
            body = cast.client("office").get(reverse("planning:overview"), {"year": 2019}).content.decode()
            titles = ["Việc của Đảng ủy", "Việc của chi bộ A", "Việc của chi bộ B"]
            return sorted(titles, key=body.index)

        assert order() == ["Việc của Đảng ủy", "Việc của chi bộ A", "Việc của chi bộ B"]  # the tree's order
        with acting_as(None, source="test"):
            services.task_update(task=of_b, expected_version=None, org=cast.root)
        assert order() == ["Việc của chi bộ B", "Việc của Đảng ủy", "Việc của chi bộ A"]  # the committee's, by due date

    def test_a_resolution_lists_its_tasks_and_the_task_links_back(self, cast: Cast) -> None:
        resolution = make_resolution(cast.root, number="05-CT/TW", kind="CT")
        task = make_task(cast.cell_a, title="Học tập và làm theo tư tưởng Hồ Chí Minh", source=resolution)
        client = cast.client("cell_secretary")
        res_page = client.get(reverse("planning:resolution_detail", kwargs={"pk": resolution.pk})).content.decode()
        task_page = client.get(reverse("planning:task_detail", kwargs={"pk": task.pk})).content.decode()
        assert reverse("planning:task_detail", kwargs={"pk": task.pk}) in res_page
        assert reverse("planning:resolution_detail", kwargs={"pk": resolution.pk}) in task_page
        assert "05-CT/TW" in task_page

    def test_a_task_created_from_a_resolution_keeps_it_as_source(self, cast: Cast) -> None:
        resolution = make_resolution(cast.root)
        plan = make_plan(cast.cell_a)
        url = reverse("planning:task_create") + f"?resolution={resolution.pk}"
        assert cast.client("office").post(url, _task_post(cast, plan)).status_code == 302
        assert KeyTask.objects.get().source == resolution

    def test_the_register_refuses_a_duplicate_number(self, cast: Cast) -> None:
        make_resolution(cast.root, number="19-NQ/TW")
        data = {
            "owner": cast.root.pk,
            "kind": "NQ",
            "number": "19-NQ/TW",
            "issued_on": "25/10/2017",
            "title": "Trùng số",
        }
        response = cast.client("office").post(reverse("planning:resolution_create"), data)
        assert response.status_code == 200
        assert 'value="Trùng số"' in response.content.decode()


class TestPlanForm:
    def test_a_cell_secretary_creates_their_cells_plan_once(self, cast: Cast) -> None:
        client = cast.client("cell_secretary")
        data = {"owner": cast.cell_a.pk, "year": "2019", "title": "Kế hoạch công tác năm 2019 của Chi bộ A"}
        assert client.post(reverse("planning:plan_create"), data).status_code == 302
        response = client.post(reverse("planning:plan_create"), data)
        assert "Tổ chức này đã có kế hoạch công tác của năm này." in response.content.decode()
        assert AnnualPlan.objects.count() == 1

    def test_a_cell_secretary_cannot_plan_for_another_cell(self, cast: Cast) -> None:
        data = {"owner": cast.cell_b.pk, "year": "2019", "title": "Kế hoạch của chi bộ khác"}
        response = cast.client("cell_secretary").post(reverse("planning:plan_create"), data)
        assert response.status_code == 200 and not AnnualPlan.objects.exists()

    def test_the_later_of_two_plan_edits_is_refused(self, cast: Cast) -> None:
        plan = make_plan(cast.cell_a)
        url = reverse("planning:plan_edit", kwargs={"pk": plan.pk})
        data = {"year": "2019", "version": plan.version}
        assert cast.client("office").post(url, {**data, "title": "Bản một"}).status_code == 302
        response = cast.client("cell_secretary").post(url, {**data, "title": "Bản hai"})
        assert "Người khác đã lưu bản ghi này" in response.content.decode()
        assert AnnualPlan.objects.get().title == "Bản một"

    def test_the_year_cannot_move_away_from_the_tasks(self, cast: Cast) -> None:
        plan = make_plan(cast.cell_a)
        make_task(cast.cell_a, plan)
        url = reverse("planning:plan_edit", kwargs={"pk": plan.pk})
        response = cast.client("office").post(url, {"year": "2020", "title": plan.title, "version": plan.version})
        assert "Kế hoạch đã có nhiệm vụ ngoài năm 2020." in response.content.decode()
        assert AnnualPlan.objects.get().year == 2019

    def test_a_submitted_plan_is_locked_for_the_cell_but_not_for_the_committee(self, cast: Cast) -> None:
        plan = make_plan(cast.cell_a)
        services.plan_submit(plan=plan, user=None)
        url = reverse("planning:plan_edit", kwargs={"pk": plan.pk})
        assert cast.client("cell_secretary").get(url).status_code == 403
        assert cast.client("office").get(url).status_code == 200
