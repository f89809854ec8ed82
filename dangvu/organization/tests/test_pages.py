"""Pages as people see them, and their query counts, which must not grow with the data."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from dangvu.conftest import Cast, make_member
from dangvu.organization import services
from dangvu.organization.models import PartyOrg


def _grow(cast: Cast, cells: int, per_cell: int) -> None:
    for i in range(cells):
        cell = services.party_org_create(name=f"Chi bộ Thêm {i}", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
        for j in range(per_cell):
            make_member(cell, f"Nguyễn Văn Thêm {i} {j}", date_of_birth=datetime.date(1985, 1, 1 + j % 28))


MAX_QUERIES = 14
PAGES: list[tuple[str, Any]] = [
    ("organization:dashboard", None),
    ("organization:org_tree", None),
    ("organization:member_list", None),
    ("organization:org_detail", lambda c: {"pk": c.root.pk}),
    ("organization:org_children", lambda c: {"pk": c.root.pk}),
    ("organization:member_detail", lambda c: {"pk": c.member_a.pk}),
    ("organization:audit_list", None),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
@pytest.mark.parametrize(("cells", "per_cell"), [(1, 2), (6, 12)])
def test_query_count_does_not_grow_with_the_data(
    cast: Cast, name: str, kwargs: Any, cells: int, per_cell: int, django_assert_max_num_queries: Any
) -> None:
    """Each page stays under one bound at both sizes, and runs the same queries when the data grows again."""
    _grow(cast, cells, per_cell)
    client = cast.client("office")
    url = reverse(name, kwargs=kwargs(cast) if kwargs else None)
    client.get(url)  # warm the content-type cache
    cache.clear()  # both requests compute the cached counts (core.aggregates)
    with django_assert_max_num_queries(MAX_QUERIES) as before:
        assert client.get(url).status_code == 200
    _grow(cast, 3, 5)  # a new token for the counts: computed again
    with django_assert_max_num_queries(MAX_QUERIES) as after:
        assert client.get(url).status_code == 200
    if name != "organization:audit_list":  # there, one query per kind of related record named on the page
        assert len(after.captured_queries) == len(before.captured_queries), f"{name} grew with the data"


NODE = re.compile(
    r'<a class="name"[^>]*>([^<]+)</a>\s*<span class="kind">[^<]*</span>\s*<span class="count"[^>]*>(\d+) đảng viên'
    r"(?: · (\d+) dự bị)?"
)


def tree_counts(client: Client) -> dict[str, tuple[int, int]]:
    """What the tree page shows beside each organization: its members and probationary members."""
    body = client.get(reverse("organization:org_tree")).content.decode()
    return {name: (int(n), int(p or 0)) for name, n, p in NODE.findall(body)}


def test_the_tree_shows_member_counts_of_each_subtree(cast: Cast) -> None:
    make_member(cast.cell_b, "Võ Thị Dự Bị", admission_date=datetime.date(2019, 9, 1), official_date=None)
    counts = tree_counts(cast.client("office"))
    assert counts["Đảng bộ Thử nghiệm"] == (4, 1)  # cells A (2) and B (2), one of them probationary
    assert counts["Chi bộ A"] == (2, 0)
    assert counts["Chi bộ B"] == (2, 1)


def test_a_member_leaving_is_no_longer_counted(cast: Cast) -> None:
    client = cast.client("office")
    assert tree_counts(client)["Đảng bộ Thử nghiệm"][0] == 3
    services.member_add_event(
        member=cast.member_b, kind="chuyen_di", date=datetime.date(2020, 1, 1), external_org="Đảng bộ tỉnh"
    )
    assert tree_counts(client)["Đảng bộ Thử nghiệm"][0] == 2


def test_the_cell_page_lists_its_members_and_units(cast: Cast) -> None:
    services.position_create(member=cast.member_a, title="bi_thu", party_org=cast.cell_a, term="2017–2020")
    body = cast.client("cell_secretary").get(reverse("organization:org_detail", args=[cast.cell_a.pk])).content.decode()
    assert "Vụ Kỹ năng nghề" in body
    assert "Nguyễn Hồng Minh" in body and "Đặng Thị Lan" in body
    assert "Bí thư" in body


def test_the_profile_shows_the_history(cast: Cast) -> None:
    body = cast.client("office").get(reverse("organization:member_detail", args=[cast.member_a.pk])).content.decode()
    assert "Kết nạp" in body and "02/03/2005" in body
    assert "Công nhận chính thức" in body and "02/03/2006" in body


def test_the_member_list_paginates(cast: Cast, settings: Any) -> None:
    settings.DANGVU_PAGE_SIZE = 2
    response = cast.client("office").get(reverse("organization:member_list"))
    assert len(response.context["page"].object_list) == 2
    assert response.context["page"].paginator.num_pages == 2
    assert "Trang 1 / 2" in response.content.decode()


def test_htmx_search_returns_only_the_rows(cast: Cast) -> None:
    response = cast.client("office").get(
        reverse("organization:member_list"), {"q": "minh"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="member-rows"
    )
    body = response.content.decode()
    assert "<html" not in body
    assert "Nguyễn Hồng Minh" in body


# --- log-in, lock-out, language -------------------------------------------------------------------


def test_log_in_with_password_then_lock_out_after_repeated_failures(cast: Cast) -> None:
    client = Client()
    url = reverse("accounts:login")
    ok = client.post(url, {"username": "office", "password": "pw-test-123456"})
    assert ok.status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(5):
        bad = client.post(url, {"username": "office", "password": "wrong"})
    assert "Tài khoản tạm khóa" in bad.content.decode() or bad.status_code == 429
    locked = client.post(url, {"username": "office", "password": "pw-test-123456"})
    assert locked.status_code == 429
    assert "Tài khoản tạm khóa" in locked.content.decode()


def test_wrong_password_message_is_vietnamese(cast: Cast) -> None:
    response = Client().post(reverse("accounts:login"), {"username": "office", "password": "nope"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_the_language_switch_remembers_english(cast: Cast) -> None:
    client = cast.client("office")
    assert "Đảng viên" in client.get(reverse("organization:member_list")).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/members/"})
    assert response.status_code == 302
    assert client.cookies["dangvu_language"].value == "en"
    body = client.get(reverse("organization:member_list")).content.decode()
    assert '<html lang="en">' in body
    assert "Members" in body


def test_the_tree_page_shows_government_units_beside_the_party(cast: Cast) -> None:
    body = cast.client("office").get(reverse("organization:org_tree")).content.decode()
    rows = re.findall(
        r"<tr>\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*>[^<]*</td>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>(\d+)</td>", body
    )
    assert rows == [("Vụ Kỹ năng nghề", "Chi bộ A", "1")]


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(cast: Cast) -> None:
    client = cast.client("office")
    body = client.get(reverse("organization:member_list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in body


def test_the_cell_filter_lists_committees_only_when_the_tree_is_large(cast: Cast, monkeypatch: Any) -> None:
    from dangvu.organization import forms

    monkeypatch.setattr(forms, "MAX_LISTED_ORGS", 2)
    response = cast.client("office").get(reverse("organization:member_list"), {"cell": cast.cell_b.pk})
    body = response.content.decode()
    options = [label for _value, label in response.context["form"].fields["cell"].widget.choices]
    assert any("Đảng bộ Thử nghiệm" in label for label in options)
    assert not any("Chi bộ A" in label for label in options)
    assert any("Chi bộ B" in label for label in options)  # the one chosen stays shown
    assert "Phí Mạnh Thắng" in body and "Nguyễn Hồng Minh" not in body
