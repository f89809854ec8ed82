from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dangvu.conftest import Cast
from dangvu.reporting import services
from dangvu.reporting.models import ReminderSent, ReportKind, Submission
from dangvu.reporting.tests.helpers import SECTIONS, monthly_kind, owe, submission


@pytest.fixture
def setup(cast: Cast) -> Any:
    cast.users["cell_secretary"].email = "bithu.a@example.vn"
    cast.users["cell_secretary"].save()
    cast.users["office"].email = "vanphong@example.vn"
    cast.users["office"].save()
    kind = monthly_kind(cast.root, before="3, 1", after="1")
    owe(kind, cast.cell_a)
    services.submissions_generate(year=2019)
    return kind


def test_before_the_deadline_only_the_cell_is_reminded(cast: Cast, setup: Any) -> None:
    assert services.reminders_send(today=datetime.date(2019, 2, 2)) == 1
    assert mail.outbox[0].to == ["bithu.a@example.vn"] and "còn 3 ngày" in mail.outbox[0].body
    assert services.reminders_send(today=datetime.date(2019, 2, 4)) == 1  # before-1
    assert services.reminders_send(today=datetime.date(2019, 2, 6)) == 2  # after-1: the cell and the office
    assert sorted(m.to[0] for m in mail.outbox[2:]) == ["bithu.a@example.vn", "vanphong@example.vn"]


def test_a_reminder_another_worker_already_recorded_is_not_sent_again(cast: Cast, setup: Any) -> None:
    sub = submission(setup, cast.cell_a, 1)
    ReminderSent.objects.create(submission=sub, reminder="before-3", sent_at=timezone.now())
    assert services.reminders_send(today=datetime.date(2019, 2, 2)) == 0
    assert mail.outbox == []


def test_a_failed_send_is_retried_on_the_next_run(cast: Cast, setup: Any, monkeypatch: Any) -> None:
    def broken(*args: Any, **kwargs: Any) -> int:
        raise OSError("SMTP down")

    monkeypatch.setattr(services, "send_mail", broken)
    with pytest.raises(OSError):
        services.reminders_send(today=datetime.date(2019, 2, 2))
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    assert services.reminders_send(today=datetime.date(2019, 2, 2)) == 1


def test_a_sent_report_gets_no_reminder(cast: Cast, setup: Any) -> None:
    services.submission_submit(submission=submission(setup, cast.cell_a, 1), user=None, sections=SECTIONS)
    assert services.reminders_send(today=datetime.date(2019, 2, 2)) == 0


def test_a_thematic_request_has_its_own_deadline_and_reminders(cast: Cast) -> None:
    cast.users["cell_secretary"].email = "bithu.a@example.vn"
    cast.users["cell_secretary"].save()
    kind = services.report_kind_create(
        org=cast.root,
        name="Báo cáo chuyên đề",
        period=ReportKind.Period.THEMATIC,
        due_rule=ReportKind.DueRule.EXPLICIT,
        remind_before="2",
        remind_after="",
    )
    response = cast.client("office").post(
        reverse("reporting:request"),
        {
            "kind": kind.pk,
            "label": "Kết quả thực hiện Chỉ thị 05-CT/TW năm 2019",
            "period_start": "01/01/2019",
            "period_end": "30/11/2019",
            "due_date": "10/12/2019",
            "orgs": [cast.cell_a.pk, cast.cell_b.pk],
        },
    )
    assert response.status_code == 302
    assert Submission.objects.filter(kind=kind, due_date=datetime.date(2019, 12, 10)).count() == 2
    assert services.reminders_send(today=datetime.date(2019, 12, 8)) == 1
    assert "Chỉ thị 05-CT/TW" in mail.outbox[0].body
    # Periodic generation leaves requested reports alone.
    assert services.submissions_generate(year=2019) == 0
