"""The search checks a member by the cell on their entry (search.0006); the database keeps it the member's cell."""

from __future__ import annotations

import psycopg
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from dangvu.conftest import ROLES, Cast
from dangvu.organization.access import visible_members
from dangvu.organization.models import Member
from dangvu.search import selectors, services
from dangvu.search.models import SearchEntry
from dangvu.search.text import parse


def found_members(cast: Cast, role: str, words: str) -> set[int]:
    found = selectors.search(cast.users[role], parse(words), selectors.Filters())
    member_type = ContentType.objects.get_for_model(Member)
    return set(found.entries.filter(content_type=member_type).values_list("object_id", flat=True))


def entry_of(member: Member) -> SearchEntry:
    return SearchEntry.objects.get(content_type=ContentType.objects.get_for_model(Member), object_id=member.pk)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_each_role_finds_exactly_the_members_it_may_open(cast: Cast, role: str) -> None:
    visible = set(visible_members(cast.users[role]).values_list("pk", flat=True))
    for member in Member.objects.all():
        assert (member.pk in found_members(cast, role, member.full_name)) is (member.pk in visible), member


def test_a_member_moved_without_the_services_leaves_the_old_cell_s_search(cast: Cast) -> None:
    assert cast.member_a.pk in found_members(cast, "cell_secretary", "nguyen hong minh")
    # A bulk write skips save() and the signals that rewrite the entry; the database still moves the entry.
    Member.objects.filter(pk=cast.member_a.pk).update(cell=cast.cell_x)
    assert entry_of(cast.member_a).org_id == cast.cell_x.pk
    assert cast.member_a.pk not in found_members(cast, "cell_secretary", "nguyen hong minh")
    assert cast.member_a.pk not in found_members(cast, "office", "nguyen hong minh")  # cell X is outside its tree


def test_an_entry_written_with_another_cell_keeps_the_member_s_own(cast: Cast) -> None:
    entry = entry_of(cast.member_x)
    SearchEntry.objects.filter(pk=entry.pk).update(org=cast.cell_a)
    assert entry_of(cast.member_x).org_id == cast.cell_x.pk
    entry.delete()
    entry.pk = None
    entry.org = cast.cell_a
    entry.save()  # a new entry, as a rebuild writes it
    assert entry_of(cast.member_x).org_id == cast.cell_x.pk
    assert cast.member_x.pk not in found_members(cast, "cell_secretary", "tran van xa")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite: the rebuild's write transaction holds writers off"
)
def test_no_member_is_moved_while_the_index_is_rebuilt(cast: Cast) -> None:
    """A member moved during a rebuild would get a new entry with the old cell, which the search trusts."""
    services.index_rebuild()  # inside the test's transaction, still open: the rebuild has not committed
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SET lock_timeout = '200ms'")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            other.execute("UPDATE organization_member SET cell_id = cell_id WHERE id = %s", [cast.member_a.pk])
