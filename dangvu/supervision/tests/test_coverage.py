"""Coverage of self-inspection and the program's on-time share, against a count by hand; the DONE-WHEN scenario;
query counts that do not grow with the data."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.organization import services as org_services
from dangvu.organization.models import PartyOrg
from dangvu.planning.models import KeyTask
from dangvu.planning.selectors import tasks_from
from dangvu.supervision import selectors, services
from dangvu.supervision.models import Activity, Program
from dangvu.supervision.tests.helpers import activity, program, run_to

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
State = Activity.State


def _at(day: datetime.date) -> time_machine.travel:
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=HCM), tick=False)


def test_a_quarter_of_a_cells_life(cast: Cast) -> None:
    """Q1 2019: Chi bộ A adopts its self-inspection plan, self-inspects in February with a shortcoming, follows
    the recommendation up to a key task and closes; Chi bộ B does nothing. The committee sees B as missing."""
    secretary = cast.users["cell_secretary"]
    client = cast.client("cell_secretary")
    with _at(datetime.date(2019, 1, 5)):
        response = client.post(
            reverse("supervision:program_create"),
            {"body": "cell", "org": cast.cell_a.pk, "year": 2019, "title": "Kế hoạch tự kiểm tra năm 2019"},
        )
        assert response.status_code == 302, response.content.decode()
        plan = Program.objects.get(org=cast.cell_a, year=2019)
        response = client.post(
            reverse("supervision:activity_create", args=[plan.pk]),
            {
                "kind": "self",
                "subject_org": cast.cell_a.pk,
                "content": "Tự kiểm tra việc sinh hoạt chi bộ",
                "planned_month": 2,
            },
        )
        assert response.status_code == 302, response.content.decode()
    act = Activity.objects.get(program=plan)
    dates = iter(datetime.date(2019, 2, d) for d in (4, 11, 18, 25))
    for step in (State.SELF_REPORT, State.MEETING_APPROVED, State.CONCLUDED):
        day = next(dates)
        with _at(day):
            response = client.post(
                reverse("supervision:activity_advance", args=[act.pk]), {"to": step, "date": f"{day:%d/%m/%Y}"}
            )
            assert response.status_code == 302, response.content.decode()
    with _at(datetime.date(2019, 2, 26)):
        client.post(
            reverse("supervision:finding_add", args=[act.pk]), {"kind": "shortcoming", "text": "Sinh hoạt chưa đều"}
        )
        finding = act.findings.get()
        client.post(
            reverse("supervision:recommendation_add", args=[act.pk]),
            {
                "finding": finding.pk,
                "text": "Sinh hoạt đúng kỳ hằng tháng",
                "owner_org": cast.cell_a.pk,
                "deadline": "31/03/2019",
            },
        )
        rec = finding.recommendations.get()
        response = client.post(reverse("supervision:recommendation_task", args=[rec.pk]))
        task = KeyTask.objects.get()
        assert response["Location"] == reverse("planning:task_detail", args=[task.pk])
        client.post(reverse("supervision:activity_advance", args=[act.pk]), {"to": "follow_up", "date": "26/02/2019"})
    assert task.source == rec and list(tasks_from(rec, secretary)) == [task]
    page = client.get(reverse("supervision:activity_detail", args=[act.pk])).content.decode()
    assert task.title in page
    task_page = client.get(reverse("planning:task_detail", args=[task.pk])).content.decode()
    assert reverse("supervision:activity_detail", args=[act.pk]) in task_page
    with _at(datetime.date(2019, 3, 30)):
        client.post(
            reverse("supervision:follow_up_add", args=[rec.pk]),
            {"date": "30/03/2019", "note": "Đã sinh hoạt đủ", "done": "on"},
        )
        client.post(reverse("supervision:activity_advance", args=[act.pk]), {"to": "closed", "date": "30/03/2019"})
    act.refresh_from_db()
    assert act.state == State.CLOSED and act.steps.count() == 5

    with _at(datetime.date(2019, 4, 1)):
        response = cast.client("committee").get(reverse("supervision:coverage"), {"year": 2019})
    coverage = response.context["coverage"]
    by_cell = {row: row for row in coverage.cells}
    assert by_cell[cast.cell_a].last_self == datetime.date(2019, 2, 18) and not by_cell[cast.cell_a].missing
    assert by_cell[cast.cell_b].missing and by_cell[cast.cell_b].last_self is None
    assert cast.cell_x not in by_cell
    assert coverage.months == 6 and coverage.regulation.startswith("30-QĐ/TW")
    assert (coverage.due, coverage.on_time) == (1, 1)  # planned February, concluded 18/02


def test_coverage_equals_a_count_by_hand(cast: Cast) -> None:
    # Chi bộ A: self-inspections concluded 10/2018 and 03/2019; Chi bộ B: 06/2018 only.
    a1 = run_to(activity(cast, kind="self", year=2018, month=10), State.CONCLUDED, datetime.date(2018, 10, 2))
    a2 = run_to(activity(cast, kind="self", year=2019, month=3), State.CONCLUDED, datetime.date(2019, 3, 20))
    with acting_as(None):
        b_plan = program(cast.cell_b, Program.Body.CELL, 2018)
        b1 = services.activity_create(
            program=b_plan, kind="self", content="x", planned_month=6, subject_org=cast.cell_b
        )
    run_to(b1, State.CONCLUDED, datetime.date(2018, 6, 2))
    # the Đảng ủy's 2019 program: one concluded in its month, one late, one never concluded, one planned for December
    on_time = run_to(activity(cast, month=4), State.CONCLUDED, datetime.date(2019, 4, 2))
    late = run_to(activity(cast, month=5, subject_org=cast.cell_b), State.CONCLUDED, datetime.date(2019, 6, 10))
    activity(cast, month=6)
    activity(cast, month=12)
    today = datetime.date(2019, 9, 15)
    result = selectors.coverage(cast.users["committee"], today=today, year=2019)
    since = datetime.date(2019, 3, 15)
    assert result.since == since
    hand = {
        cast.cell_a: [d for d in (a1.concluded_on, a2.concluded_on) if d and d > since],
        cast.cell_b: [d for d in (b1.__class__.objects.get(pk=b1.pk).concluded_on,) if d and d > since],
    }
    rows = {r: r for r in result.cells}
    for cell, dates in hand.items():
        assert rows[cell].self_count == len(dates)
        assert rows[cell].missing == (not dates)
    assert list(result.missing) == [cast.cell_b]
    # due by today (months 1–8): the 2019 self-inspection (03), on_time (04), late (05), the open one (06)
    assert result.due == 4 and result.on_time == 2
    assert late.concluded_on and late.concluded_on > late.planned_end and on_time.concluded_on


def test_the_page_lists_the_cells_a_page_at_a_time_and_by_state(cast: Cast, settings: Any) -> None:
    """A province has 10,000 cells: the page counts them in SQL, shows a page of them, and filters the late ones."""
    settings.DANGVU_PAGE_SIZE = 2
    run_to(activity(cast, kind="self", year=2019, month=3), State.CONCLUDED, datetime.date(2019, 3, 20))  # Chi bộ A
    with acting_as(None):
        for i in range(3):
            org_services.party_org_create(name=f"Chi bộ thêm {i}", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
    cells = PartyOrg.objects.active().filter(
        kind__in=PartyOrg.CELL_KINDS, is_external=False, path__startswith=cast.root.path
    )
    names = [c.name for c in cells.order_by("path")]
    client = cast.client("committee")
    url = reverse("supervision:coverage")
    with _at(datetime.date(2019, 6, 1)):
        pages = [client.get(url, {"year": 2019, "page": n}) for n in (1, 2, 3)]
        late = client.get(url, {"year": 2019, "state": "missing"})
        done = client.get(url, {"year": 2019, "state": "done"})

    def shown(response: Any) -> list[str]:
        return [row.name for row in response.context["page"]]

    assert [len(shown(p)) for p in pages] == [2, 2, 1] and sum((shown(p) for p in pages), []) == names
    assert shown(done) == [cast.cell_a.name]
    assert shown(late) == [n for n in names if n != cast.cell_a.name][:2]
    assert late.context["page"].paginator.num_pages == 2
    body = pages[0].content.decode()
    assert f"<strong>{len(names) - 1}</strong>" in body  # cells without a self-inspection, all pages together
    assert "Trang 1 / 3" in body and "state=missing" in body
    first = pages[0].context["page"][0]
    assert f'{first.name} <span class="muted small">· {first.parent.name}</span>' in body  # which "Chi bộ 1"


def _cells(cast: Cast, n: int) -> None:
    with acting_as(None):
        for i in range(n):
            cell = org_services.party_org_create(name=f"Chi bộ {i}", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
            plan = program(cell, Program.Body.CELL, 2019)
            act = services.activity_create(program=plan, kind="self", content="x", planned_month=2, subject_org=cell)
            run_to(act, State.CONCLUDED, datetime.date(2019, 2, 2))
            activity(cast, month=(i % 12) + 1)


def _queries(cast: Cast, url: str, role: str = "committee") -> int:
    client = cast.client(role)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("role", ["committee", "office", "inspection"])
def test_query_counts_do_not_grow(cast: Cast, role: str) -> None:
    _cells(cast, 2)
    prog = Program.objects.get(org=cast.root, body="committee")
    urls = [
        reverse("supervision:coverage") + "?year=2019",
        reverse("supervision:program_list"),
        reverse("supervision:program_detail", args=[prog.pk]),
        reverse("supervision:program_export", args=[prog.pk]),
    ]
    small = [_queries(cast, u, role) for u in urls]
    _cells(cast, 8)
    large = [_queries(cast, u, role) for u in urls]
    assert small == large


def test_activity_page_queries_do_not_grow(cast: Cast) -> None:
    act = run_to(activity(cast), State.FOLLOW_UP)
    url = reverse("supervision:activity_detail", args=[act.pk])
    small = _queries(cast, url)
    with acting_as(None):
        for i in range(6):
            f = services.finding_add(activity=act, kind="shortcoming", text=f"Hạn chế {i}")
            rec = services.recommendation_add(
                finding=f, text=f"Kiến nghị {i}", deadline=datetime.date(2019, 12, 1), owner_org=cast.cell_a
            )
            services.recommendation_follow_up(recommendation=rec, date=datetime.date(2019, 6, 1), note="theo dõi")
            services.recommendation_make_task(recommendation=rec)
    assert _queries(cast, url) == small


def test_a_past_year_is_judged_as_it_stood_at_its_end(cast: Cast) -> None:
    """Opened in 2026, the 2019 coverage is read at 31/12/2019 and by the rule then in force (QĐ 30)."""
    run_to(activity(cast, kind="self", year=2019, month=9), State.CONCLUDED, datetime.date(2019, 9, 20))
    with _at(datetime.date(2026, 11, 27)):
        past = cast.client("committee").get(reverse("supervision:coverage"), {"year": 2019}).context["coverage"]
        now = cast.client("committee").get(reverse("supervision:coverage")).context["coverage"]
    assert past.today == datetime.date(2019, 12, 31) and past.regulation.startswith("30-QĐ/TW")
    assert not {row: row for row in past.cells}[cast.cell_a].missing
    assert now.today == datetime.date(2026, 11, 27) and now.regulation.startswith("296-QĐ/TW")
    assert {row: row for row in now.cells}[cast.cell_a].missing
