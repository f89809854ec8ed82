"""The main navigation (dangvu/navigation.py): the sections each role is offered, and the one a page is in."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from dangvu.conftest import Cast

COMMITTEE_SIDE = ["Tổng quan", "Tổ chức", "Đảng viên", "Kế hoạch", "Sinh hoạt", "Báo cáo", "Kiểm tra", "Xếp loại"]
OFFERED = {
    "office": [*COMMITTEE_SIDE, "Tổng kết", "Văn bản", "Nhập liệu", "Nhật ký"],
    "committee": [*COMMITTEE_SIDE, "Tổng kết", "Văn bản", "Nhập liệu"],
    "inspection": [*COMMITTEE_SIDE, "Tổng kết", "Văn bản"],
    "observer": [*COMMITTEE_SIDE, "Tổng kết", "Văn bản"],
    "cell_secretary": [
        "Tổng quan",
        "Tổ chức",
        "Đảng viên",
        "Kế hoạch",
        "Sinh hoạt",
        "Báo cáo của chi bộ",
        "Kiểm tra",
        "Xếp loại",
        "Văn bản",
    ],
    "member": [
        "Tổng quan",
        "Tổ chức",
        "Hồ sơ của tôi",
        "Kế hoạch",
        "Việc của tôi",
        "Sinh hoạt",
        "Kiểm tra",
        "Xếp loại",
    ],
    "outsider": ["Tổng quan", "Hồ sơ của tôi", "Kế hoạch", "Sinh hoạt", "Kiểm tra"],
}


def _sections(html: str) -> list[tuple[str, bool]]:
    nav = re.search(r'<nav class="mainnav".*?</nav>', html, re.S)
    assert nav is not None, "no main navigation on the page"
    return [
        (label.strip(), bool(current))
        for current, label in re.findall(r'<a href="[^"]+"\s*(aria-current="page")?\s*>([^<]+)</a>', nav.group())
    ]


@pytest.mark.parametrize("role", OFFERED)
def test_each_role_is_offered_its_sections(cast: Cast, role: str) -> None:
    response = cast.client(role).get(reverse("organization:dashboard"))
    assert [label for label, _current in _sections(response.content.decode())] == OFFERED[role]


@pytest.mark.parametrize(
    ("role", "page", "current"),
    [
        ("office", "organization:dashboard", "Tổng quan"),
        ("office", "organization:member_list", "Đảng viên"),
        ("office", "organization:org_tree", "Tổ chức"),
        ("office", "organization:audit_list", "Nhật ký"),
        ("office", "planning:overview", "Kế hoạch"),
        ("office", "reporting:submission_list", "Báo cáo"),
        ("cell_secretary", "reporting:my_reports", "Báo cáo của chi bộ"),
        ("member", "planning:my_tasks", "Việc của tôi"),
        ("member", "organization:me", None),
    ],
)
def test_the_page_marks_the_section_it_is_in(cast: Cast, role: str, page: str, current: str | None) -> None:
    response = cast.client(role).get(reverse(page))
    assert response.status_code == 200
    marked = [label for label, is_current in _sections(response.content.decode()) if is_current]
    assert marked == ([current] if current else [])


def test_a_visitor_has_no_navigation(client: Any) -> None:
    assert '<nav class="mainnav"' not in client.get(reverse("accounts:login")).content.decode()


def test_the_navigation_costs_no_query_of_its_own(cast: Cast, django_assert_num_queries: Any) -> None:
    """Its addresses are reversed once; the scope it reads is the request's, already read for the page."""
    from django.test import RequestFactory

    from dangvu.navigation import navigation
    from dangvu.organization.access import scope_for

    request = RequestFactory().get("/")
    request.user = cast.users["office"]
    request.resolver_match = None
    scope_for(request.user)
    with django_assert_num_queries(0):
        assert [s.label for s in navigation(request)["main_nav"]] == OFFERED["office"]


def test_a_partial_without_the_navigation_does_not_build_it(cast: Cast, django_assert_num_queries: Any) -> None:
    """htmx partials are rendered with the same context processors: the sections (and the scope they read) are
    built only when a template iterates them."""
    from django.test import RequestFactory

    from dangvu.navigation import navigation

    request = RequestFactory().get("/")
    request.user = cast.users["member"]
    request.resolver_match = None
    with django_assert_num_queries(0):
        context = navigation(request)
    with django_assert_num_queries(1):  # the scope (roles and own record in one query), read when they are built
        assert [s.label for s in context["main_nav"]] == OFFERED["member"]
