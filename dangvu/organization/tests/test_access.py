"""The role matrix: every URL of the application × every role × a record inside and outside the scope.

The list of URLs comes from the URL configuration, so a new page fails this test until its row is added.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dangvu.conftest import ROLES, Cast

AUTHED = [r for r in ROLES if r != "anonymous"]
READERS = ["office", "committee", "inspection", "observer"]


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(AUTHED, status)


# url name -> (method, kwargs builder (cast, inside: bool) or None, expected status per role for the record inside)
MATRIX: dict[str, tuple[str, Any, dict[str, int]]] = {
    "organization:dashboard": ("get", None, _all(200)),
    "organization:me": ("get", None, _all(200)),
    "organization:org_tree": ("get", None, {**_all(200), "outsider": 403}),
    "organization:org_detail": (
        "get",
        lambda c, inside: {"pk": (c.cell_a if inside else c.cell_x).pk},
        {**_all(200), "outsider": 404},
    ),
    "organization:org_children": (
        "get",
        lambda c, inside: {"pk": (c.root if inside else c.other_root).pk},
        {**_all(200), "cell_secretary": 404, "member": 404, "outsider": 404},
    ),
    "organization:member_list": ("get", None, _all(200)),
    "organization:member_create": ("get", None, {**_all(403), "office": 200}),
    "organization:member_import": ("get", None, {**_all(403), "office": 200}),
    "organization:member_export": ("get", None, {**_all(403), **dict.fromkeys([*READERS, "cell_secretary"], 200)}),
    "organization:member_detail": (
        "get",
        lambda c, inside: {"pk": (c.member_a if inside else c.member_x).pk},
        {**_all(200), "member": 404, "outsider": 404},
    ),
    "organization:member_edit": (
        "get",
        lambda c, inside: {"pk": (c.member_a if inside else c.member_x).pk},
        {**_all(403), "office": 200, "member": 404, "outsider": 404},
    ),
    "organization:member_event_add": (
        "get",
        lambda c, inside: {"pk": (c.member_a if inside else c.member_x).pk},
        {**_all(403), "office": 200, "member": 404, "outsider": 404},
    ),
    "organization:member_archive": (
        "post",
        lambda c, inside: {"pk": (c.member_a if inside else c.member_x).pk},
        {**_all(403), "office": 302, "member": 404, "outsider": 404},
    ),
    "organization:position_add": (
        "get",
        lambda c, inside: {"pk": (c.member_a if inside else c.member_x).pk},
        {**_all(403), "office": 200, "member": 404, "outsider": 404},
    ),
    "organization:position_edit": (
        "get",
        lambda c, inside: {
            "pk": (c.member_a if inside else c.member_x).pk,
            "position_pk": (c.position_a if inside else c.position_x).pk,
        },
        {**_all(403), "office": 200, "member": 404, "outsider": 404},
    ),
    "organization:audit_list": ("get", None, {**_all(403), "office": 200}),
    "accounts:login": ("get", None, _all(200)),
    "accounts:logout": ("post", None, _all(302)),
    "accounts:password_change": ("get", None, _all(200)),
    "health": ("get", None, _all(200)),
}
PUBLIC = {"accounts:login", "health"}

# Each domain app keeps its rows in <app>/tests/matrix.py (MATRIX, same shape), merged here.
for _app in [
    "planning",
    "reporting",
    "documents",
    "meetings",
    "supervision",
    "intake",
    "rating",
    "annual",
    "search",
    "api",
]:
    try:
        _module = importlib.import_module(f"dangvu.{_app}.tests.matrix")
    except ModuleNotFoundError:
        continue
    MATRIX.update(_module.MATRIX)


def _named_urls(resolver: URLResolver, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in {"admin"} or str(pattern.pattern).startswith("i18n"):
                continue
            ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _named_urls(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{prefix}{pattern.name}")
    return names


def test_every_page_has_a_row_in_the_role_matrix() -> None:
    missing = _named_urls(get_resolver()) - set(MATRIX)
    assert not missing, f"add these URLs to the role matrix: {sorted(missing)}"


CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_role_matrix_inside_scope(cast: Cast, name: str, role: str) -> None:
    method, kwargs, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs(cast, True) if kwargs else None)
    response = getattr(cast.client(role), method)(url)
    if role == "anonymous":
        if name in PUBLIC:
            assert response.status_code == 200
        elif "anonymous" in expected:  # the JSON API answers 401 instead of redirecting to the log-in page
            assert response.status_code == expected["anonymous"], f"anonymous {method.upper()} {url}"
        else:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected[role], f"{role} {method.upper()} {url}"


@pytest.mark.parametrize(("name", "role"), [(n, r) for n in MATRIX if MATRIX[n][1] for r in AUTHED])
def test_a_record_outside_the_scope_is_not_found(cast: Cast, name: str, role: str) -> None:
    method, kwargs, _expected = MATRIX[name]
    response = getattr(cast.client(role), method)(reverse(name, kwargs=kwargs(cast, False)))
    assert response.status_code == 404


@pytest.mark.parametrize("role", AUTHED)
@pytest.mark.parametrize("page", ["organization:dashboard", "organization:org_tree", "organization:member_list"])
def test_lists_never_show_another_party_organization(cast: Cast, role: str, page: str) -> None:
    response = cast.client(role).get(reverse(page), {"q": ""})
    body = response.content.decode()
    assert "Trần Văn Xa" not in body
    assert "Chi bộ X" not in body


@pytest.mark.parametrize("role", AUTHED)
def test_search_does_not_reveal_members_outside_the_scope(cast: Cast, role: str) -> None:
    response = cast.client(role).get(reverse("organization:member_list"), {"q": "tran van xa"})
    assert "Trần Văn Xa" not in response.content.decode()


def test_a_cell_secretary_sees_only_their_cell(cast: Cast) -> None:
    body = cast.client("cell_secretary").get(reverse("organization:member_list")).content.decode()
    assert "Nguyễn Hồng Minh" in body and "Đặng Thị Lan" in body
    assert "Phí Mạnh Thắng" not in body  # cell B
    assert (
        cast.client("cell_secretary").get(reverse("organization:org_detail", args=[cast.cell_b.pk])).status_code == 404
    )


def test_a_member_sees_their_own_profile_and_their_cells_roster(cast: Cast) -> None:
    client = cast.client("member")
    assert client.get(reverse("organization:member_detail", args=[cast.member_a2.pk])).status_code == 200
    roster = client.get(reverse("organization:org_detail", args=[cast.cell_a.pk])).content.decode()
    assert "Nguyễn Hồng Minh" in roster
    # ...but the roster does not link to other members' records, which stay closed.
    assert reverse("organization:member_detail", args=[cast.member_a.pk]) not in roster
    listing = client.get(reverse("organization:member_list")).content.decode()
    assert "Đặng Thị Lan" in listing and "Nguyễn Hồng Minh" not in listing


def test_the_office_sees_the_whole_organization(cast: Cast) -> None:
    body = cast.client("office").get(reverse("organization:member_list")).content.decode()
    for name in ["Nguyễn Hồng Minh", "Đặng Thị Lan", "Phí Mạnh Thắng"]:
        assert name in body


def test_read_only_roles_see_no_edit_buttons(cast: Cast) -> None:
    url = reverse("organization:member_detail", args=[cast.member_a.pk])
    assert "Sửa hồ sơ" in cast.client("office").get(url).content.decode()
    for role in ["committee", "inspection", "observer", "cell_secretary"]:
        assert "Sửa hồ sơ" not in cast.client(role).get(url).content.decode()
