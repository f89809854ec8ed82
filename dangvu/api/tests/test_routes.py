"""What an API client sees: scoped lists, pagination, filters, JSON errors in Vietnamese, bounded queries."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.api.tests.helpers import bearer, token_for
from dangvu.api.tests.matrix import _conference, _inspection, _meeting, _plan, _report, _task
from dangvu.conftest import ROLES, Cast, make_member
from dangvu.core.audit import acting_as
from dangvu.planning.tests.factories import make_plan, make_task
from dangvu.supervision.models import Activity
from dangvu.supervision.tests.helpers import activity

AUTHED = [r for r in ROLES if r != "anonymous"]
ARTICLE = Path(__file__).resolve().parents[2] / "intake" / "evalset" / "articles" / "00-tcgdnn-2019.txt"
LISTS = [
    "api:org_list",
    "api:member_list",
    "api:plan_list",
    "api:task_list",
    "api:report_list",
    "api:meeting_list",
    "api:conference_list",
    "api:inspection_list",
]


def _records(cast: Cast) -> None:
    """One record of each kind inside the scope and one outside it."""
    for inside in (True, False):
        for build in (_plan, _task, _report, _meeting, _conference, _inspection):
            build(cast, inside)


def _client(cast: Cast, role: str) -> Client:
    return bearer(token_for(cast.users[role]))


@pytest.mark.parametrize("role", AUTHED)
def test_no_list_shows_a_record_of_another_party_organization(cast: Cast, role: str) -> None:
    _records(cast)
    client = _client(cast, role)
    for name in LISTS:
        response = client.get(reverse(name))
        body = response.content.decode()
        assert response.status_code == 200, name
        assert "Chi bộ X" not in body and "Trần Văn Xa" not in body and "Đảng bộ khác" not in body, (role, name)


def test_the_office_sees_the_records_of_its_subtree(cast: Cast) -> None:
    _records(cast)
    client = _client(cast, "office")
    counts = {name: client.get(reverse(name)).json()["count"] for name in LISTS}
    assert counts == {
        "api:org_list": 3,
        "api:member_list": 3,
        "api:plan_list": 1,
        "api:task_list": 1,
        "api:report_list": 1,
        "api:meeting_list": 1,
        "api:conference_list": 1,
        "api:inspection_list": 1,
    }


def test_a_member_sees_only_their_own_profile_and_no_reports(cast: Cast) -> None:
    _records(cast)
    client = _client(cast, "member")
    members = client.get(reverse("api:member_list")).json()
    assert [m["full_name"] for m in members["items"]] == ["Đặng Thị Lan"]
    assert client.get(reverse("api:report_list")).json() == {"items": [], "count": 0}
    response = client.get(reverse("api:member_detail", kwargs={"pk": cast.member_a.pk}))
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy bản ghi, hoặc bản ghi nằm ngoài phạm vi của bạn."}


def test_a_record_outside_the_scope_is_a_json_404(cast: Cast) -> None:
    response = _client(cast, "office").get(reverse("api:org_detail", kwargs={"pk": cast.cell_x.pk}))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "ngoài phạm vi" in response.json()["detail"]


def test_a_filter_on_an_organization_outside_the_scope_is_a_404(cast: Cast) -> None:
    response = _client(cast, "office").get(reverse("api:member_list"), {"cell": cast.cell_x.pk})
    assert response.status_code == 404


def test_lists_are_paginated(cast: Cast) -> None:
    client = _client(cast, "office")
    first = client.get(reverse("api:member_list"), {"page_size": 2}).json()
    second = client.get(reverse("api:member_list"), {"page_size": 2, "page": 2}).json()
    assert first["count"] == second["count"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    names = [m["full_name"] for m in first["items"] + second["items"]]
    assert sorted(names) == sorted(["Nguyễn Hồng Minh", "Đặng Thị Lan", "Phí Mạnh Thắng"])


def test_the_member_search_ignores_diacritics_like_the_member_list(cast: Cast) -> None:
    client = _client(cast, "office")
    found = client.get(reverse("api:member_list"), {"q": "dang thi"}).json()
    assert [m["full_name"] for m in found["items"]] == ["Đặng Thị Lan"]
    by_cell = client.get(reverse("api:member_list"), {"cell": cast.cell_b.pk}).json()
    assert [m["full_name"] for m in by_cell["items"]] == ["Phí Mạnh Thắng"]


def test_plans_come_newest_year_first_then_in_the_tree_order(cast: Cast) -> None:
    make_plan(cast.cell_b, 2019)
    make_plan(cast.root, 2019)
    make_plan(cast.cell_a, 2020)
    make_plan(cast.cell_a, 2019)
    plans = _client(cast, "office").get(reverse("api:plan_list")).json()["items"]
    assert [(p["year"], p["owner"]["name"]) for p in plans] == [
        (2020, "Chi bộ A"),
        (2019, "Đảng bộ Thử nghiệm"),
        (2019, "Chi bộ A"),
        (2019, "Chi bộ B"),
    ]


def test_tasks_filter_by_displayed_status_and_due_date(cast: Cast) -> None:
    make_task(cast.cell_a, title="Nhiệm vụ đã quá hạn", due_date=datetime.date(2019, 3, 1))
    make_task(
        cast.cell_a, title="Nhiệm vụ năm sau", start_date=datetime.date(2099, 1, 1), due_date=datetime.date(2099, 6, 1)
    )
    client = _client(cast, "office")
    overdue = client.get(reverse("api:task_list"), {"status": "overdue"}).json()
    assert [t["title"] for t in overdue["items"]] == ["Nhiệm vụ đã quá hạn"]
    assert overdue["items"][0]["display_status"] == "overdue"
    later = client.get(reverse("api:task_list"), {"due_from": "2050-01-01"}).json()
    assert [t["title"] for t in later["items"]] == ["Nhiệm vụ năm sau"]


def test_reports_and_inspections_filter_by_year(cast: Cast) -> None:
    _records(cast)
    client = _client(cast, "office")
    assert client.get(reverse("api:report_list"), {"year": 2019}).json()["count"] == 1
    assert client.get(reverse("api:report_list"), {"year": 2020}).json()["count"] == 0
    assert client.get(reverse("api:inspection_list"), {"year": 2019, "kind": "thematic"}).json()["count"] == 1
    assert client.get(reverse("api:inspection_list"), {"kind": "finance"}).json()["count"] == 0


def test_invalid_parameters_are_a_422_in_vietnamese_with_the_fields(cast: Cast) -> None:
    response = _client(cast, "office").get(reverse("api:task_list"), {"page": 0, "due_from": "31/12/2019"})
    assert response.status_code == 422
    data = response.json()
    assert data["detail"] == "Dữ liệu gửi lên không hợp lệ."
    by_field = {tuple(e["loc"]): e["msg"] for e in data["errors"]}
    assert by_field[("query", "page")] == "Phải lớn hơn hoặc bằng 1."
    assert by_field[("query", "due_from")] == "Ngày không hợp lệ (định dạng YYYY-MM-DD)."


@pytest.mark.parametrize("role", ["inspection", "committee"])
def test_a_confidential_inspection_is_seen_by_the_inspection_commission_and_the_standing_committee(
    cast: Cast, role: str
) -> None:
    secret = activity(cast, kind=Activity.Kind.VIOLATION, subject_org=None, subject_member=cast.member_a)
    client = _client(cast, role)
    assert client.get(reverse("api:inspection_detail", kwargs={"pk": secret.pk})).json()["confidential"] is True
    assert client.get(reverse("api:inspection_list")).json()["count"] == 1


@pytest.mark.parametrize("role", ["office", "observer", "cell_secretary", "member", "outsider"])
def test_a_confidential_inspection_is_hidden_from_everyone_else(cast: Cast, role: str) -> None:
    secret = activity(cast, kind=Activity.Kind.VIOLATION, subject_org=None, subject_member=cast.member_a)
    client = _client(cast, role)
    assert client.get(reverse("api:inspection_detail", kwargs={"pk": secret.pk})).status_code == 404
    assert client.get(reverse("api:inspection_list")).json()["count"] == 0


def test_details_carry_what_the_lists_do_not(cast: Cast) -> None:
    client = _client(cast, "office")
    plan = client.get(reverse("api:plan_detail", kwargs=_plan(cast, True))).json()
    assert plan["task_counts"]["not_started"] == 0 and plan["percent"] == 0.0
    task = client.get(reverse("api:task_detail", kwargs=_task(cast, True))).json()
    assert task["lead"]["full_name"] == "Đặng Thị Lan" and task["display_status"] == "overdue"
    report = client.get(reverse("api:report_detail", kwargs=_report(cast, True))).json()
    assert report["label"] == "Tháng 01/2019" and report["results"] == ""
    meeting = client.get(reverse("api:meeting_detail", kwargs=_meeting(cast, True))).json()
    assert meeting["org"]["name"] == "Chi bộ A"


def test_the_intake_route_extracts_the_reference_article(cast: Cast) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    response = _client(cast, "office").post(
        reverse("api:intake_extract"), {"text": text}, content_type="application/json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["event"]["type"] == "review_conference"
    assert data["event"]["date"] == "2020-01-17"
    people = {p["name"]: p["role_in_event"] for p in data["people"]}
    assert people["Nguyễn Hồng Minh"] == "chair" and people["Phí Mạnh Thắng"] == "presenter"
    assert any("Chế độ báo cáo của một số đơn vị còn chậm" in s for s in data["shortcomings"])


def test_the_intake_route_refuses_a_text_too_long_in_vietnamese(cast: Cast) -> None:
    response = _client(cast, "office").post(
        reverse("api:intake_extract"), {"text": "a" * 100_001}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"loc": ["body", "payload", "text"], "msg": "Quá dài: tối đa 100000 ký tự.", "type": "string_too_long"}
    ]


def test_a_member_without_a_role_may_not_use_the_intake_route(cast: Cast) -> None:
    response = _client(cast, "member").post(
        reverse("api:intake_extract"), {"text": "Hội nghị"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Bạn không có quyền thực hiện thao tác này."}


def test_a_session_needs_the_csrf_token_to_post(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["office"])
    response = client.post(reverse("api:intake_extract"), {"text": "Hội nghị"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Bạn không có quyền thực hiện thao tác này."


def test_a_token_needs_no_csrf_token(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token_for(cast.users['office'])}"})
    response = client.post(reverse("api:intake_extract"), {"text": "Hội nghị"}, content_type="application/json")
    assert response.status_code == 200


def _more_data(cast: Cast) -> None:
    with acting_as(None, source="test"):
        for i in range(6):
            make_member(cast.cell_b, f"Lê Văn Thêm {i}")
    for i in range(4):
        make_task(cast.cell_a, title=f"Nhiệm vụ {i}", lead=cast.member_a)
        activity(cast, month=1 + i)
        make_plan(cast.cell_b, year=2020 + i)


MAX_QUERIES = 9  # token (2: read, last use), scope (2), filter lookups, count, page


@pytest.mark.parametrize("name", LISTS)
def test_a_list_runs_the_same_few_queries_whatever_the_data(
    cast: Cast, name: str, django_assert_max_num_queries: Any
) -> None:
    _records(cast)
    client = _client(cast, "office")
    with django_assert_max_num_queries(MAX_QUERIES):
        small = client.get(reverse(name))
    _more_data(cast)
    client = _client(cast, "office")
    with django_assert_max_num_queries(MAX_QUERIES):
        large = client.get(reverse(name))
    assert small.status_code == large.status_code == 200


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("api:org_detail", lambda c: {"pk": c.cell_a.pk}),
        ("api:member_detail", lambda c: {"pk": c.member_a.pk}),
        ("api:plan_detail", lambda c: _plan(c, True)),
        ("api:task_detail", lambda c: _task(c, True)),
        ("api:report_detail", lambda c: _report(c, True)),
        ("api:meeting_detail", lambda c: _meeting(c, True)),
        ("api:conference_detail", lambda c: _conference(c, True)),
        ("api:inspection_detail", lambda c: _inspection(c, True)),
    ],
)
def test_a_detail_runs_a_few_queries(cast: Cast, name: str, build: Any, django_assert_max_num_queries: Any) -> None:
    kwargs = build(cast)
    client = _client(cast, "office")
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200


def test_the_docs_page_lists_the_routes_and_loads_nothing_from_outside(cast: Cast) -> None:
    response = cast.client("observer").get(reverse("api:openapi-view"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "/api/members/{pk}" in body and "/api/intake/extract" in body
    assert "Đảng viên trong phạm vi của người dùng" in body
    external = [u for u in re.findall(r"""(?:src|href)=["']([^"']+)""", body) if re.match(r"(?i)(https?:)?//", u)]
    assert external == []
    assert "<script" not in body.replace('<script src="/static/', "")


def test_the_schema_is_served_to_a_token(cast: Cast) -> None:
    response = _client(cast, "observer").get(reverse("api:openapi-json"))
    schema = response.json()
    assert schema["info"] == {"title": "dangvu API", "version": "1", "description": schema["info"]["description"]}
    assert "/api/inspections/{pk}" in schema["paths"]


def test_the_docs_send_an_anonymous_visitor_to_the_log_in_page(cast: Cast) -> None:
    response = Client().get(reverse("api:openapi-view"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
