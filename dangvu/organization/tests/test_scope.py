"""The scope every signed-in page reads first (access.scope_for): what it holds, and what it costs."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.organization import services
from dangvu.organization.access import scope_for, visible_members
from dangvu.organization.models import RoleAssignment

Role = RoleAssignment.Role


def fresh(user: User) -> User:
    """The account as the next request loads it: no scope kept from an earlier call."""
    return User.objects.get(pk=user.pk)


def test_the_scope_is_one_query_with_the_roles_and_the_own_record(cast: Cast, django_assert_num_queries: Any) -> None:
    secretary = cast.users["cell_secretary"]
    cast.member_a.user = secretary
    cast.member_a.save()
    user = fresh(secretary)
    with django_assert_num_queries(1):
        scope = scope_for(user)
    assert scope.roots == {Role.CELL_SECRETARY: {cast.cell_a.path}}
    assert (scope.member_id, scope.member_cell_id, scope.member_cell_path) == (
        cast.member_a.pk,
        cast.cell_a.pk,
        cast.cell_a.path,
    )


def test_each_account_gets_its_own_scope_from_the_kept_query(cast: Cast) -> None:
    """The query is compiled once per process and run with each account's id."""
    member, office = scope_for(fresh(cast.users["member"])), scope_for(fresh(cast.users["office"]))
    assert (member.roots, member.member_id, member.member_cell_id) == ({}, cast.member_a2.pk, cast.cell_a.pk)
    assert (office.roots, office.member_id) == ({Role.OFFICE: {cast.root.path}}, None)
    assert scope_for(fresh(cast.users["outsider"])).key[2:] == ((), None)


def test_the_own_record_is_read_only_by_a_page_that_shows_it(cast: Cast, django_assert_num_queries: Any) -> None:
    user = fresh(cast.users["member"])
    scope = scope_for(user)
    with django_assert_num_queries(0):
        visible_members(user)  # the rules need the ids alone
    with django_assert_num_queries(1):
        own = scope.member
    assert own is not None and own.pk == cast.member_a2.pk and own.full_name == "Đặng Thị Lan"
    with django_assert_num_queries(0):
        assert scope.member.cell.path == cast.cell_a.path  # kept, with its cell
    office = scope_for(fresh(cast.users["office"]))
    with django_assert_num_queries(0):
        assert office.member is None


@pytest.mark.parametrize("what", ["role", "organization", "member"])
def test_archived_roles_organizations_and_records_give_no_access(cast: Cast, what: str) -> None:
    secretary = cast.users["cell_secretary"]
    cast.member_a.user = secretary
    cast.member_a.save()
    with acting_as(None, source="test"):
        if what == "role":
            RoleAssignment.objects.filter(user=secretary).update(archived_at=timezone.now())
        elif what == "organization":
            services.role_assign(user=secretary, role=Role.OFFICE, org=cast.other_root)
            cast.other_root.archived_at = timezone.now()
            cast.other_root.save()
        else:
            services.member_archive(member=cast.member_a)
    scope = scope_for(fresh(secretary))
    if what == "member":
        assert scope.roots == {Role.CELL_SECRETARY: {cast.cell_a.path}}
        assert (scope.member_id, scope.member_cell_id, scope.member_cell_path, scope.member) == (None,) * 4
    else:
        assert scope.roots == ({} if what == "role" else {Role.CELL_SECRETARY: {cast.cell_a.path}})
        assert scope.member_id == cast.member_a.pk
