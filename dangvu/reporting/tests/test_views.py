from __future__ import annotations

import datetime
import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from dangvu.conftest import Cast
from dangvu.organization.models import PATH_STEP, PartyOrg
from dangvu.reporting import services
from dangvu.reporting.models import Compilation, ReminderSent, Submission
from dangvu.reporting.tests.helpers import SECTIONS, monthly_kind, owe, submission


@pytest.fixture
def monthly(cast: Cast) -> Any:
    kind = monthly_kind(cast.root)
    owe(kind, cast.cell_a, cast.cell_b)
    services.submissions_generate(year=2019)
    return kind


def test_the_cell_secretary_writes_and_sends_a_report(cast: Cast, monthly: Any) -> None:
    sub = submission(monthly, cast.cell_a, 1)
    client = cast.client("cell_secretary")
    url = reverse("reporting:submission_edit", args=[sub.pk])
    assert client.post(url, {"version": sub.version, **SECTIONS, "save": "1"}).status_code == 302
    sub.refresh_from_db()
    assert sub.status == Submission.Status.DRAFT and sub.results == SECTIONS["results"]
    assert client.post(url, {"version": sub.version, **SECTIONS, "submit": "1"}).status_code == 302
    sub.refresh_from_db()
    assert sub.status == Submission.Status.SUBMITTED and sub.submitted_on is not None
    page = client.get(reverse("reporting:my_reports")).content.decode()
    assert "Chi bộ A" in page and "Chi bộ B" not in page


def test_a_stale_form_is_refused_with_a_vietnamese_message(cast: Cast, monthly: Any) -> None:
    sub = submission(monthly, cast.cell_a, 1)
    client = cast.client("cell_secretary")
    url = reverse("reporting:submission_edit", args=[sub.pk])
    client.post(url, {"version": sub.version, **SECTIONS, "save": "1"})
    response = client.post(url, {"version": sub.version, **SECTIONS, "results": "Khác", "save": "1"})
    assert response.status_code == 200
    assert "người khác lưu" in response.content.decode()
    sub.refresh_from_db()
    assert sub.results == SECTIONS["results"]


def test_the_office_returns_then_accepts(cast: Cast, monthly: Any) -> None:
    sub = submission(monthly, cast.cell_a, 1)
    services.submission_submit(submission=sub, user=None, sections=SECTIONS)
    office = cast.client("office")
    office.post(reverse("reporting:submission_return", args=[sub.pk]), {"comment": "Thiếu số liệu đảng phí."})
    sub.refresh_from_db()
    assert sub.status == Submission.Status.RETURNED
    detail = cast.client("cell_secretary").get(reverse("reporting:submission_detail", args=[sub.pk])).content.decode()
    assert "Thiếu số liệu đảng phí." in detail
    services.submission_submit(submission=sub, user=None, sections=SECTIONS)
    office.post(reverse("reporting:submission_accept", args=[sub.pk]))
    sub.refresh_from_db()
    assert sub.status == Submission.Status.ACCEPTED
    assert sub.events.count() == 4


def test_attachments_upload_and_download(cast: Cast, monthly: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    sub = submission(monthly, cast.cell_a, 1)
    client = cast.client("cell_secretary")
    upload = SimpleUploadedFile("so-lieu.txt", "Số liệu tháng 1".encode())
    client.post(reverse("reporting:submission_attach", args=[sub.pk]), {"file": upload})
    attachment = sub.attachments.get()
    bad = SimpleUploadedFile("virus.pdf", b"MZ not a pdf")
    client.post(reverse("reporting:submission_attach", args=[sub.pk]), {"file": bad})
    assert sub.attachments.count() == 1
    url = reverse("reporting:attachment_download", args=[sub.pk, attachment.pk])
    response = cast.client("observer").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "Số liệu tháng 1"  # type: ignore[attr-defined]
    assert cast.client("member").get(url).status_code == 404


def test_filters_by_state(cast: Cast, monthly: Any) -> None:
    services.submission_submit(submission=submission(monthly, cast.cell_a, 1), user=None, sections=SECTIONS)
    response = cast.client("office").get(reverse("reporting:submission_list"), {"state": "late", "year": 2019})
    assert response.content.decode().count("Tháng 01/2019") == 1  # sent today: years after the deadline
    response = cast.client("office").get(reverse("reporting:submission_list"), {"state": "missing", "year": 2019})
    assert response.context["page"].paginator.count == 23


def test_the_list_shows_the_newest_period_first_then_each_organizations_reports_together(
    cast: Cast, monthly: Any
) -> None:
    quick = services.report_kind_create(
        org=cast.root,
        name="Báo cáo nhanh tháng",
        period=monthly.period,
        due_rule=monthly.due_rule,
        due_day=10,
        remind_before="3",
        remind_after="1",
    )
    owe(quick, cast.cell_b, cast.cell_a)
    services.submissions_generate(year=2019)
    rows = cast.client("office").get(reverse("reporting:submission_list"), {"year": 2019}).context["page"]
    seen = [(s.label, s.org.name, s.kind.name) for s in rows[:5]]
    assert seen == [
        ("Tháng 12/2019", "Chi bộ A", "Báo cáo nhanh tháng"),
        ("Tháng 12/2019", "Chi bộ A", "Báo cáo tháng"),
        ("Tháng 12/2019", "Chi bộ B", "Báo cáo nhanh tháng"),
        ("Tháng 12/2019", "Chi bộ B", "Báo cáo tháng"),
        ("Tháng 11/2019", "Chi bộ A", "Báo cáo nhanh tháng"),
    ]


def test_filters_by_an_organization_and_the_cells_under_it(cast: Cast, monthly: Any, monkeypatch: Any) -> None:
    from dangvu.organization import forms as org_forms

    url = reverse("reporting:submission_list")
    client = cast.client("office")

    def count(**params: Any) -> int:
        return int(client.get(url, {"year": 2019, **params}).context["page"].paginator.count)

    def options(**params: Any) -> str:
        select = re.search(r'<select name="org"[^>]*>(.*?)</select>', client.get(url, params).content.decode(), re.S)
        assert select
        return select[1]

    assert 0 < count(org=cast.cell_a.pk) < count() == count(org=cast.root.pk)
    assert f'<option value="{cast.cell_a.pk}">' in options() and cast.root.name in options()
    monkeypatch.setattr(org_forms, "MAX_LISTED_ORGS", 1)  # a province: the committees only, and the one chosen
    assert f'<option value="{cast.cell_a.pk}" selected>' in options(org=cast.cell_a.pk)
    assert f'<option value="{cast.cell_b.pk}">' not in options(org=cast.cell_a.pk)


def test_the_office_manages_kinds_and_obligations(cast: Cast) -> None:
    office = cast.client("office")
    response = office.post(
        reverse("reporting:kind_list"),
        {
            "org": cast.root.pk,
            "name": "Báo cáo quý",
            "period": "quarterly",
            "due_rule": "days_after_end",
            "due_day": 10,
            "remind_before": "3",
            "remind_after": "1, 7",
        },
    )
    assert response.status_code == 302
    kind = cast.root.report_kinds.get()
    response = office.post(
        reverse("reporting:obligation_list"), {"kind": kind.pk, "org": cast.cell_b.pk, "valid_from": "01/01/2019"}
    )
    assert response.status_code == 302
    office.post(reverse("reporting:generate") + "?year=2019")
    assert [s.label for s in Submission.objects.order_by("period_start")] == [
        "Quý I/2019",
        "Quý II/2019",
        "Quý III/2019",
        "Quý IV/2019",
    ]
    assert Submission.objects.order_by("period_start").first().due_date == datetime.date(2019, 4, 10)  # type: ignore[union-attr]


def test_compile_and_download(cast: Cast, monthly: Any) -> None:
    for cell in (cast.cell_a, cast.cell_b):
        sub = submission(monthly, cell, 3)
        services.submission_submit(submission=sub, user=None, sections=SECTIONS)
        services.submission_accept(submission=sub, user=None)
    office = cast.client("office")
    response = office.post(
        reverse("reporting:compile"), {"kind": monthly.pk, "period": "01/03/2019", "org": cast.root.pk}
    )
    assert response.status_code == 302
    compilation = Compilation.objects.get()
    assert "Chi bộ A: " + SECTIONS["results"] in compilation.results
    office.post(
        reverse("reporting:compilation_detail", args=[compilation.pk]),
        {
            "version": compilation.version,
            "title": compilation.title,
            "place": "Hà Nội",
            "results": "Tổng hợp đã biên tập.",
            "shortcomings": "",
            "proposals": "",
            "next_steps": "",
            "signer": "Nguyễn Hồng Minh",
            "recipients": "- Đảng ủy Bộ;\n- Lưu VT.",
        },
    )
    docx = office.get(reverse("reporting:compilation_download", args=[compilation.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Tổng hợp đã biên tập." in text and "ĐẢNG ỦY THỬ NGHIỆM" in docx_all_text(docx.content)


def docx_all_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def test_remind_command_enqueues_the_daily_job(cast: Cast, monthly: Any) -> None:
    out = io.StringIO()
    call_command("reports", "remind", "--date", "2019-02-02", stdout=out)
    assert "hàng đợi" in out.getvalue()
    assert ReminderSent.objects.filter(reminder="before-3").count() == 2


def _many_cells(cast: Cast, n: int) -> list[PartyOrg]:
    cells = [
        PartyOrg(
            name=f"Chi bộ {i:04d}",
            kind=PartyOrg.Kind.CHI_BO,
            parent=cast.root,
            path=f"{cast.root.path}{i + 10:0{PATH_STEP}d}.",
            depth=cast.root.depth + 1,
        )
        for i in range(n)
    ]
    return PartyOrg.objects.bulk_create(cells)


@pytest.mark.parametrize("n", [1, 1000])
def test_the_dashboard_query_count_does_not_grow(cast: Cast, django_assert_max_num_queries: Any, n: int) -> None:
    kind = monthly_kind(cast.root)
    cells = _many_cells(cast, n)
    due = [datetime.date(2019 + m // 12, m % 12 + 1, 5) for m in range(1, 13)]
    Submission.objects.bulk_create(
        Submission(
            kind=kind,
            org=cell,
            period_start=datetime.date(2019, m, 1),
            period_end=datetime.date(2019, m, 28),
            label=f"Tháng {m:02d}/2019",
            due_date=due[m - 1],
            submitted_on=due[m - 1] if (i + m) % 3 else None,
        )
        for i, cell in enumerate(cells)
        for m in range(1, 13)
    )
    assert Submission.objects.count() == 12 * n
    client = cast.client("office")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reporting:dashboard"), {"year": 2019})
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reporting:submission_list"), {"year": 2019}).status_code == 200
    with django_assert_max_num_queries(12):
        export = client.get(reverse("reporting:dashboard_export"), {"year": 2019})
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row == 2 + n  # title, headers, one row per organization


def test_the_office_edits_a_kind(cast: Cast, monthly: Any) -> None:
    url = reverse("reporting:kind_edit", args=[monthly.pk])
    data = {
        "org": cast.root.pk,
        "name": "Báo cáo tháng của chi bộ",
        "period": "monthly",
        "due_rule": "day_next_month",
        "due_day": 25,
        "remind_before": "5",
        "remind_after": "1",
    }
    assert cast.client("office").post(url, data).status_code == 302
    monthly.refresh_from_db()
    assert monthly.due_day == 25 and monthly.before_days == [5]
    assert cast.client("committee").post(url, data).status_code == 403
