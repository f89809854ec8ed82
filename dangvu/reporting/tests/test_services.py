from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from dangvu.conftest import Cast
from dangvu.reporting import periods, services
from dangvu.reporting.models import ReportKind, Submission, SubmissionEvent
from dangvu.reporting.tests.helpers import SECTIONS, monthly_kind, owe, submission

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_periods_and_labels() -> None:
    months = periods.periods_of_year("monthly", 2019)
    assert months[2].label == "Tháng 03/2019" and months[1].end == datetime.date(2019, 2, 28)
    assert [p.label for p in periods.periods_of_year("quarterly", 2019)][0] == "Quý I/2019"
    assert periods.periods_of_year("six_monthly", 2019)[0].label == "6 tháng đầu năm 2019"
    assert periods.periods_of_year("yearly", 2019)[0].label == "Năm 2019"
    assert periods.due_date("day_next_month", 31, datetime.date(2019, 1, 31)) == datetime.date(2019, 2, 28)
    assert periods.due_date("days_after_end", 10, datetime.date(2019, 3, 31)) == datetime.date(2019, 4, 10)
    assert periods.due_date("day_last_month", 5, datetime.date(2019, 6, 30)) == datetime.date(2019, 6, 5)


def test_generation_is_idempotent(cast: Cast) -> None:
    kind = monthly_kind(cast.root)
    owe(kind, cast.cell_a, cast.cell_b)
    assert services.submissions_generate(year=2019) == 24
    assert services.submissions_generate(year=2019) == 0
    call_command("reports", "generate", "--year", "2019")
    assert Submission.objects.count() == 24
    assert submission(kind, cast.cell_a, 3).label == "Tháng 03/2019"
    assert submission(kind, cast.cell_a, 3).due_date == datetime.date(2019, 4, 5)


def test_an_obligation_covers_only_its_dates(cast: Cast) -> None:
    kind = monthly_kind(cast.root)
    services.obligation_create(
        kind=kind, org=cast.cell_a, valid_from=datetime.date(2019, 4, 15), valid_to=datetime.date(2019, 6, 30)
    )
    services.submissions_generate(year=2019)
    assert sorted(s.period_start.month for s in Submission.objects.all()) == [4, 5, 6]


def test_a_periodic_kind_needs_a_due_rule(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        services.report_kind_create(
            org=cast.root, name="Quý", period=ReportKind.Period.QUARTERLY, due_rule=ReportKind.DueRule.EXPLICIT
        )
    with pytest.raises(ValidationError):
        monthly_kind(cast.root, before="3, x")


def _at(y: int, m: int, d: int, hh: int, mm: int) -> datetime.datetime:
    return datetime.datetime(y, m, d, hh, mm, tzinfo=HCM)


def test_lateness_at_the_day_boundary_in_ho_chi_minh_time(cast: Cast) -> None:
    kind = monthly_kind(cast.root)
    owe(kind, cast.cell_a, cast.cell_b)
    services.submissions_generate(year=2019)
    on_time = services.submission_submit(
        submission=submission(kind, cast.cell_a, 3),
        user=cast.users["cell_secretary"],
        sections=SECTIONS,
        at=_at(2019, 4, 5, 23, 30),
    )
    late = services.submission_submit(
        submission=submission(kind, cast.cell_b, 3), user=None, sections=SECTIONS, at=_at(2019, 4, 6, 0, 30)
    )
    # 23:30 local is 16:30 UTC the same day; 00:30 local is still 5 April in UTC: the local date decides.
    assert late.first_submitted_at.astimezone(datetime.UTC).date() == datetime.date(2019, 4, 5)  # type: ignore[union-attr]
    assert on_time.days_late(datetime.date(2019, 5, 1)) == 0
    assert late.days_late(datetime.date(2019, 5, 1)) == 1
    assert submission(kind, cast.cell_a, 4).days_late(datetime.date(2019, 5, 5)) is None
    assert submission(kind, cast.cell_a, 4).days_late(datetime.date(2019, 5, 8)) == 3


def test_return_and_resubmit_keep_the_history(cast: Cast) -> None:
    kind = monthly_kind(cast.root)
    owe(kind, cast.cell_a)
    services.submissions_generate(year=2019)
    sub = submission(kind, cast.cell_a, 1)
    secretary, office = cast.users["cell_secretary"], cast.users["office"]
    services.submission_submit(submission=sub, user=secretary, sections=SECTIONS, at=_at(2019, 2, 4, 9, 0))
    with pytest.raises(services.ReportingError):
        services.submission_return(submission=sub, user=office, comment=" ")
    services.submission_return(submission=sub, user=office, comment="Bổ sung số liệu đảng phí.")
    services.submission_submit(
        submission=sub,
        user=secretary,
        sections={**SECTIONS, "results": "Đã thu đủ đảng phí."},
        at=_at(2019, 2, 9, 9, 0),
    )
    services.submission_accept(submission=sub, user=office)
    sub.refresh_from_db()
    assert sub.status == Submission.Status.ACCEPTED
    # The first submit counts for lateness, not the resubmission after the deadline.
    assert sub.submitted_on == datetime.date(2019, 2, 4) and sub.days_late(datetime.date(2019, 3, 1)) == 0
    events = list(sub.events.all())
    assert [e.action for e in events] == [
        SubmissionEvent.Action.SUBMITTED,
        SubmissionEvent.Action.RETURNED,
        SubmissionEvent.Action.RESUBMITTED,
        SubmissionEvent.Action.ACCEPTED,
    ]
    assert events[0].snapshot["results"] == SECTIONS["results"]
    assert events[2].snapshot["results"] == "Đã thu đủ đảng phí."
    assert events[1].comment == "Bổ sung số liệu đảng phí."
    with pytest.raises(services.ReportingError):
        services.submission_return(submission=sub, user=office, comment="Muộn")


def test_the_later_of_two_concurrent_saves_is_refused(cast: Cast) -> None:
    kind = monthly_kind(cast.root)
    owe(kind, cast.cell_a)
    services.submissions_generate(year=2019)
    first = submission(kind, cast.cell_a, 1)
    second = submission(kind, cast.cell_a, 1)
    services.submission_save(submission=first, user=None, sections=SECTIONS, expected_version=first.version)
    with pytest.raises(services.ReportingError, match="người khác"):
        services.submission_save(submission=second, user=None, sections=SECTIONS, expected_version=second.version)


def test_an_empty_report_cannot_be_sent(cast: Cast) -> None:
    kind = monthly_kind(cast.root)
    owe(kind, cast.cell_a)
    services.submissions_generate(year=2019)
    with pytest.raises(services.ReportingError):
        services.submission_submit(submission=submission(kind, cast.cell_a, 1), user=None, sections={})


def test_attachments_obey_the_upload_limits(cast: Cast, settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    settings.DANGVU_MAX_UPLOAD_BYTES = 100  # type: ignore[attr-defined]
    kind = monthly_kind(cast.root)
    owe(kind, cast.cell_a)
    services.submissions_generate(year=2019)
    sub = submission(kind, cast.cell_a, 1)
    ok = services.attachment_add(
        submission=sub, upload=SimpleUploadedFile("so-lieu.txt", "Số liệu".encode()), user=None
    )
    assert ok.file.read().decode() == "Số liệu"
    with pytest.raises(ValidationError):
        services.attachment_add(submission=sub, upload=SimpleUploadedFile("a.txt", b"x" * 200), user=None)
    with pytest.raises(ValidationError):
        services.attachment_add(submission=sub, upload=SimpleUploadedFile("a.exe", b"MZ"), user=None)
    with pytest.raises(ValidationError):
        services.attachment_add(submission=sub, upload=SimpleUploadedFile("a.pdf", b"not a pdf"), user=None)
    assert timezone.is_aware(ok.created_at)
