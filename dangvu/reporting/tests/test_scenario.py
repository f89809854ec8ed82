"""DONE-WHEN for issue 3: a year of monthly reports for 10 cells, lived day by day with time-machine."""

from __future__ import annotations

import datetime
import io
import zoneinfo
from collections import Counter

import time_machine
from django.core import mail
from docx import Document

from dangvu.accounts.models import User
from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.documents.selectors import documents_for
from dangvu.organization import services as org_services
from dangvu.organization.models import PartyOrg, RoleAssignment
from dangvu.reporting import selectors, services, tasks
from dangvu.reporting.models import ReminderSent, Submission
from dangvu.reporting.tests.helpers import monthly_kind, owe

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DAY = datetime.timedelta(days=1)


def _due(month: int) -> datetime.date:
    """Monthly reports are due on the 5th of the next month."""
    return datetime.date(2019 + month // 12, month % 12 + 1, 5)


def _plan(i: int, month: int) -> datetime.datetime | None:
    """When cell i sends its report of `month` (local time), or None: never."""
    due = _due(month)
    if i <= 4:  # on the last evening
        return datetime.datetime.combine(due, datetime.time(23, 30), HCM)
    if i == 5:  # late by one day (just after midnight) in January and February, early afterwards
        if month <= 2:
            return datetime.datetime.combine(due + DAY, datetime.time(0, 30), HCM)
        return datetime.datetime.combine(due - 4 * DAY, datetime.time(10, 0), HCM)
    if i <= 7:  # three days late, every month
        return datetime.datetime.combine(due + 3 * DAY, datetime.time(9, 0), HCM)
    return None  # cells 8 and 9 never report


def _make_cells(cast: Cast) -> tuple[list[PartyOrg], list[User]]:
    cells, secretaries = [], []
    with acting_as(None, source="test"):
        for i in range(10):
            cells.append(
                org_services.party_org_create(name=f"Chi bộ Vụ {i}", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
            )
        for i in range(9):  # cells 8 and 9 share one secretary, who gets one digest for both
            user = User.objects.create_user(username=f"bt{i}", password="pw-test-123456", email=f"bt{i}@example.vn")
            secretaries.append(user)
            for cell in cells[i : i + 2] if i == 8 else [cells[i]]:
                org_services.role_assign(user=user, role=RoleAssignment.Role.CELL_SECRETARY, org=cell)
        cast.users["office"].email = "vanphong@example.vn"
        cast.users["office"].save()
    return cells, secretaries


def test_a_year_of_monthly_reports(cast: Cast) -> None:
    cells, secretaries = _make_cells(cast)
    with time_machine.travel(datetime.datetime(2019, 1, 1, 8, 0, tzinfo=HCM), tick=False):
        kind = monthly_kind(cast.root, day=5, before="3", after="1")
        owe(kind, *cells)
        assert services.submissions_generate(year=2019) == 120

    plans: dict[datetime.date, list[tuple[datetime.datetime, int, int]]] = {}
    for i in range(10):
        for month in range(1, 13):
            when = _plan(i, month)
            if when is not None:
                plans.setdefault(when.date(), []).append((when, i, month))

    day = datetime.date(2019, 1, 1)
    while day <= datetime.date(2020, 1, 31):
        # The daily job runs twice (a retry, a second worker), at the same moment and a minute later;
        # reports are sent at their planned local times, before or after it.
        steps: list[tuple[datetime.datetime, int, int]] = [
            (datetime.datetime.combine(day, datetime.time(7, minute), HCM), -1, 0) for minute in (0, 0, 1)
        ]
        for when, i, month in sorted([*steps, *plans.get(day, [])]):
            with time_machine.travel(when, tick=False):
                if i < 0:
                    tasks.send_reminders.enqueue()
                    continue
                sub = Submission.objects.get(org=cells[i], period_start=datetime.date(2019, month, 1))
                services.submission_submit(
                    submission=sub,
                    user=secretaries[min(i, 8)],
                    sections={
                        "results": f"Kết quả tháng {month:02d} của {cells[i].name}.",
                        "shortcomings": f"Hạn chế của {cells[i].name}.",
                        "proposals": "",
                        "next_steps": f"Phương hướng tháng {month % 12 + 1:02d}.",
                    },
                )
        day += DAY

    # --- reminders: each exactly once, one digest per person and day ----------------------------
    # before-3 (the 2nd): every cell but cell 5 after February (it sends on the 1st) -> 9 people, then 8;
    # after-1 (the 6th): cells 6, 7, 8, 9 -> secretaries 6, 7, the shared one, and the office.
    per_person = Counter(m.to[0] for m in mail.outbox)
    expected = {f"bt{i}@example.vn": 12 for i in range(5)}
    expected |= {"bt5@example.vn": 2, "bt6@example.vn": 24, "bt7@example.vn": 24, "bt8@example.vn": 24}
    expected["vanphong@example.vn"] = 12
    assert dict(per_person) == expected
    assert len(mail.outbox) == 2 * 9 + 10 * 8 + 12 * 4 == 146
    assert ReminderSent.objects.filter(reminder="before-3").count() == 2 * 10 + 10 * 9
    assert ReminderSent.objects.filter(reminder="after-1").count() == 12 * 4
    office_mails = [m for m in mail.outbox if m.to == ["vanphong@example.vn"]]
    assert all(m.body.count("đã quá hạn 1 ngày") == 4 for m in office_mails)
    shared = [m for m in mail.outbox if m.to == ["bt8@example.vn"]]
    assert all("Chi bộ Vụ 8" in m.body and "Chi bộ Vụ 9" in m.body for m in shared)

    # --- the dashboard: the figures counted by hand -----------------------------------------------
    today = datetime.date(2020, 2, 1)
    rows = {r.org.name: r for r in selectors.compliance_rows(cells, year=2019, today=today)}
    hand = {  # name: (due, on time, late, missing)
        **{f"Chi bộ Vụ {i}": (12, 12, 0, 0) for i in range(5)},
        "Chi bộ Vụ 5": (12, 10, 2, 0),
        "Chi bộ Vụ 6": (12, 0, 12, 0),
        "Chi bộ Vụ 7": (12, 0, 12, 0),
        "Chi bộ Vụ 8": (12, 0, 0, 12),
        "Chi bộ Vụ 9": (12, 0, 0, 12),
    }
    assert {name: (r.due, r.on_time, r.late, r.missing) for name, r in rows.items()} == hand
    assert rows["Chi bộ Vụ 5"].percent == "83%"
    trend = selectors.compliance_trend(cast.users["office"], year=2019, today=today)
    assert [(p.due, p.on_time) for p in trend] == [(10, 5), (10, 5)] + [(10, 6)] * 10
    with time_machine.travel(datetime.datetime(2020, 2, 1, 9, 0, tzinfo=HCM), tick=False):
        page = cast.client("office").get("/reports/dashboard/", {"year": 2019})
        assert page.status_code == 200
        body = page.content.decode()
        assert "<svg" in body and "83%" in body and "Chi bộ Vụ 9" in body
        missing = cast.client("office").get("/reports/", {"state": "missing", "year": 2019})
        assert missing.content.decode().count(">Chi bộ Vụ 8</td>") == 12
        assert missing.content.decode().count(">Chi bộ Vụ 9</td>") == 12

    # --- the compiled report of December --------------------------------------------------------
    office = cast.users["office"]
    december = Submission.objects.filter(period_start=datetime.date(2019, 12, 1), submitted_on__isnull=False)
    for sub in december:
        services.submission_accept(submission=sub, user=office)
    compilation = services.compilation_create(
        org=cast.root, kind=kind, period_start=datetime.date(2019, 12, 1), user=office, on=datetime.date(2020, 1, 10)
    )
    assert compilation.symbol == "01-BC/ĐU"
    assert [d.symbol for d in documents_for(compilation)] == ["01-BC/ĐU"]  # an entry of the document register
    response = cast.client("office").get(f"/reports/compilations/{compilation.pk}/docx/")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    for i in range(8):
        assert f"Kết quả tháng 12 của Chi bộ Vụ {i}." in text
        assert f"Hạn chế của Chi bộ Vụ {i}." in text
    assert "Chi bộ Vụ 8" not in text
