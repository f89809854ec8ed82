"""Each step through the pages, by every role; the messages a user reads; the pages' query counts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from dangvu.conftest import ROLES, Cast
from dangvu.core.audit import acting_as
from dangvu.rating.models import RatingCycle, Step
from dangvu.rating.tests.helpers import add_members, collective, cycle, rating, review, run, self_assess

pytestmark = pytest.mark.django_db
AUTHED = [r for r in ROLES if r != "anonymous"]

SELF_POST = {"duties": "Hoàn thành tốt nhiệm vụ chuyên môn.", "politics": "Vững vàng", "level": "httnv"}
REVIEW_POST = {"comment": "Chi bộ nhất trí", "votes_for": "5", "votes_against": "0", "level": "httnv"}
DECIDE_POST = {"level": "httnv", "note": ""}
# Who may take each step of Đặng Thị Lan's rating (Chi bộ A); everyone else in scope gets 403, outsiders 404.
STEPS = [
    ("rating:rating_self", SELF_POST, "member", Step.PENDING),
    ("rating:rating_review", REVIEW_POST, "cell_secretary", Step.SELF),
    ("rating:rating_decide", DECIDE_POST, "committee", Step.CELL),
]


@pytest.mark.parametrize("role", AUTHED)
@pytest.mark.parametrize(("name", "data", "allowed", "before"), STEPS)
def test_each_step_is_taken_only_by_its_role(
    cast: Cast, role: str, name: str, data: dict[str, str], allowed: str, before: str
) -> None:
    r = rating(cast)
    if before in (Step.SELF, Step.CELL):
        r = self_assess(r, "httnv")
    if before == Step.CELL:
        r = review(r, "httnv")
    response = cast.client(role).post(reverse(name, args=[r.pk]), data)
    r.refresh_from_db()
    if role == allowed:
        assert response.status_code == 302
        assert r.step == {Step.PENDING: Step.SELF, Step.SELF: Step.CELL, Step.CELL: Step.DECIDED}[before]
        signer = {Step.PENDING: r.self_by, Step.SELF: r.cell_by, Step.CELL: r.decided_by}[before]
        assert signer == cast.users[role]
    else:
        assert response.status_code == (404 if role == "outsider" else 403)
        assert r.step == before


def test_the_member_cannot_write_someone_elses_self_assessment(cast: Cast) -> None:
    other = rating(cast, cast.member_a)
    assert cast.client("member").post(reverse("rating:rating_self", args=[other.pk]), SELF_POST).status_code == 404


def test_a_cell_secretary_cannot_review_another_cells_member(cast: Cast) -> None:
    r = self_assess(rating(cast, cast.member_b), "httnv")
    response = cast.client("cell_secretary").post(reverse("rating:rating_review", args=[r.pk]), REVIEW_POST)
    assert response.status_code == 404


def test_a_step_out_of_order_shows_the_message_and_keeps_what_was_typed(cast: Cast) -> None:
    r = rating(cast)
    response = cast.client("cell_secretary").post(
        reverse("rating:rating_review", args=[r.pk]), {**REVIEW_POST, "comment": "Góp ý cần giữ lại"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Chưa thể đề nghị: đảng viên chưa nộp bản tự kiểm điểm." in body
    assert "Góp ý cần giữ lại" in body
    r.refresh_from_db()
    assert r.step == Step.PENDING


def test_the_quota_message_is_shown_to_the_committee(cast: Cast) -> None:
    extra = add_members(cast, cast.cell_a, 5)
    ratings = {x.member_id: x for x in cycle(cast).members.all()}
    for m in extra[:4]:
        run(ratings[m.pk], "httnv")
    r = review(self_assess(ratings[extra[4].pk], "httnv"), "httnv")
    response = cast.client("committee").post(reverse("rating:rating_decide", args=[r.pk]), {"level": "htxsnv"})
    assert response.status_code == 200
    assert (
        "Số đảng viên xếp loại &#x27;Hoàn thành xuất sắc nhiệm vụ&#x27; (1) vượt 20% số được xếp loại "
        "&#x27;Hoàn thành tốt nhiệm vụ&#x27; (0 tối đa, trên 4) theo Quy định 132-QĐ/TW."
    ) in response.content.decode()


def test_the_office_opens_a_cycle_with_its_dates(cast: Cast) -> None:
    response = cast.client("office").post(
        reverse("rating:cycle_create"),
        {
            "org": cast.root.pk,
            "year": "2025",
            "self_from": "01/12/2025",
            "self_to": "10/12/2025",
            "cell_review_by": "20/12/2025",
            "decision_by": "15/01/2026",
        },
    )
    c = RatingCycle.objects.get(org=cast.root, year=2025)
    assert response.status_code == 302
    assert (c.rule.regulation.code, c.self_from, c.opened_by) == (
        "366-QĐ/TW",
        datetime.date(2025, 12, 1),
        cast.users["office"],
    )
    page = cast.client("member").get(reverse("rating:rating_self", args=[rating(cast, year=2025).pk]))
    assert "Điểm (thang 100)" in page.content.decode()


def test_the_office_closes_the_cycle_and_no_step_follows(cast: Cast) -> None:
    c = cycle(cast)
    assert cast.client("office").post(reverse("rating:cycle_close", args=[c.pk])).status_code == 302
    r = rating(cast)
    response = cast.client("member").post(reverse("rating:rating_self", args=[r.pk]), SELF_POST)
    assert "Đợt xếp loại đã kết thúc" in response.content.decode()


def test_collective_steps_by_their_roles(cast: Cast) -> None:
    col = collective(cast, cast.cell_a)
    url = reverse("rating:collective_self", args=[col.pk])
    assert cast.client("office").post(url, {"report": "x", "level": "httnv"}).status_code == 403
    assert cast.client("cell_secretary").post(url, {"report": "Báo cáo", "level": "httnv"}).status_code == 302
    url = reverse("rating:collective_propose", args=[col.pk])
    assert cast.client("committee").post(url, {"level": "httnv"}).status_code == 403
    assert cast.client("office").post(url, {"level": "httnv"}).status_code == 302
    url = reverse("rating:collective_decide", args=[col.pk])
    assert cast.client("office").post(url, {"level": "httnv"}).status_code == 403
    assert cast.client("committee").post(url, {"level": "httnv"}).status_code == 302
    col.refresh_from_db()
    assert (col.step, col.decided_level, col.decided_by) == (Step.DECIDED, "httnv", cast.users["committee"])
    org = collective(cast, cast.root)
    assert cast.client("office").get(reverse("rating:collective_self", args=[org.pk])).status_code == 200
    assert cast.client("cell_secretary").get(reverse("rating:collective_self", args=[org.pk])).status_code == 404


def test_the_cycle_page_counts_each_cells_progress(cast: Cast) -> None:
    run(rating(cast, cast.member_a), "httnv")
    self_assess(rating(cast, cast.member_a2), "htnv")
    page = cast.client("observer").get(reverse("rating:cycle_detail", args=[cycle(cast).pk]))
    rows = {row.cell.name: row for row in page.context["progress"]["rows"]}
    a, b = rows["Chi bộ A"], rows["Chi bộ B"]
    assert (a.total, a.self_done, a.reviewed, a.decided, a.levels["httnv"]) == (2, 2, 1, 1, 1)
    assert (b.total, b.self_done, b.decided) == (1, 0, 0)
    assert page.context["progress"]["total"].total == 3


def test_a_cell_secretary_sees_only_their_cell_on_the_cycle_page(cast: Cast) -> None:
    page = cast.client("cell_secretary").get(reverse("rating:cycle_detail", args=[cycle(cast).pk]))
    assert [row.cell.name for row in page.context["progress"]["rows"]] == ["Chi bộ A"]
    b = cast.client("cell_secretary").get(reverse("rating:cell_detail", args=[cycle(cast).pk, cast.cell_b.pk]))
    assert b.status_code == 404


def test_the_member_reaches_their_own_rating(cast: Cast) -> None:
    r = rating(cast)
    response = cast.client("member").get(reverse("rating:my_rating"))
    assert response.status_code == 302 and response["Location"] == reverse("rating:rating_detail", args=[r.pk])
    page = cast.client("member").get(response["Location"])
    assert "Viết bản tự kiểm điểm" in page.content.decode()
    other = cast.client("member").get(reverse("rating:rating_detail", args=[rating(cast, cast.member_a).pk]))
    assert other.status_code == 404


def test_a_member_registers_their_commitment(cast: Cast) -> None:
    client = cast.client("member")
    response = client.post(
        reverse("rating:commitment_create"),
        {"member": cast.member_a2.pk, "year": "2019", "text": "Giữ gìn đạo đức, lối sống"},
    )
    assert response.status_code == 302
    listing = client.get(reverse("rating:commitment_list"))
    assert "Giữ gìn đạo đức, lối sống" in listing.content.decode()
    wrong = client.post(
        reverse("rating:commitment_create"), {"member": cast.member_a.pk, "year": "2019", "text": "Không phải tôi"}
    )
    assert (
        wrong.status_code == 200
        and "Không phải tôi" not in cast.client("office").get(reverse("rating:commitment_list")).content.decode()
    )


def _query_counts(cast: Cast, year: int) -> list[int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = cycle(cast, year=year)
    for r in c.members.order_by("pk")[: c.members.count() // 2]:
        run(r, "httnv")
    client = cast.client("office")
    urls = [
        reverse("rating:cycle_detail", args=[c.pk]),
        reverse("rating:cell_detail", args=[c.pk, cast.cell_a.pk]),
        reverse("rating:rating_detail", args=[rating(cast, cast.member_a, year=year).pk]),
        reverse("rating:collective_list", args=[c.pk]),
        reverse("rating:cycle_list"),
    ]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    return counts


def test_the_cycle_and_cell_pages_run_the_same_number_of_queries_whatever_the_data(cast: Cast) -> None:
    from dangvu.organization import services as org_services
    from dangvu.organization.models import PartyOrg

    small = _query_counts(cast, 2019)
    add_members(cast, cast.cell_a, 12)
    with acting_as(None, source="test"):
        cell_c = org_services.party_org_create(name="Chi bộ C", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
    add_members(cast, cell_c, 8, prefix="Thành viên C")
    large = _query_counts(cast, 2020)
    assert large == small
    assert max(large) <= 20
