"""Cached aggregates: computed once per change of their data, never served after a change they missed."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from dangvu.core import aggregates
from dangvu.core.models import AggregateVersion
from dangvu.organization import services
from dangvu.organization.apps import TOPIC
from dangvu.organization.models import Member, PartyOrg

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        return self.calls


def test_without_a_token_nothing_is_cached() -> None:
    compute = Counter()
    assert aggregates.cached("t-none", "k", compute) == 1
    assert aggregates.cached("t-none", "k", compute) == 2


def test_a_value_is_computed_once_per_change() -> None:
    aggregates.changed("t-once")
    compute = Counter()
    assert [aggregates.cached("t-once", "k", compute) for _ in range(3)] == [1, 1, 1]
    assert aggregates.cached("t-once", "other-key", compute) == 2
    aggregates.changed("t-once")
    assert aggregates.cached("t-once", "k", compute) == 3


def test_a_rolled_back_change_keeps_the_cached_value() -> None:
    aggregates.changed("t-rollback")
    compute = Counter()
    aggregates.cached("t-rollback", "k", compute)
    before = AggregateVersion.objects.get(topic="t-rollback").token
    with pytest.raises(RuntimeError), transaction.atomic():
        aggregates.changed("t-rollback")
        raise RuntimeError
    assert AggregateVersion.objects.get(topic="t-rollback").token == before
    assert aggregates.cached("t-rollback", "k", compute) == 1


def test_saving_a_tracked_model_changes_its_topic(cast: Any) -> None:
    token = AggregateVersion.objects.get(topic=TOPIC).token
    cast.member_a.save()
    assert AggregateVersion.objects.get(topic=TOPIC).token != token
    token = AggregateVersion.objects.get(topic=TOPIC).token
    cast.unit_a.save()
    assert AggregateVersion.objects.get(topic=TOPIC).token != token


def test_the_key_names_the_query_with_its_parameters() -> None:
    one = Member.objects.filter(cell__path__startswith="00001.")
    assert aggregates.query_key(one) == aggregates.query_key(Member.objects.filter(cell__path__startswith="00001."))
    assert aggregates.query_key(one) != aggregates.query_key(Member.objects.filter(cell__path__startswith="00002."))
    assert aggregates.query_key(one, "a") != aggregates.query_key(one, "b")
    assert aggregates.query_key(PartyOrg.objects.none()) == ""  # runs no SQL: nothing to cache


def test_the_paginator_counts_once_per_change(cast: Any, django_assert_num_queries: Any) -> None:
    members = Member.objects.filter(archived_at__isnull=True).order_by("pk")
    total = members.count()
    assert aggregates.ListPaginator(members, 2).count == total
    with django_assert_num_queries(1):  # the token only
        assert aggregates.ListPaginator(members, 2).count == total
    services.member_archive(member=cast.member_x)
    assert aggregates.ListPaginator(members, 2).count == total - 1


def test_recount_makes_every_page_count_again_after_a_change_made_outside_dangvu(cast: Any) -> None:
    from django.core.management import call_command

    client = cast.client("office")
    total = client.get(reverse("organization:dashboard")).context["stats"]["total"]
    Member.objects.filter(pk=cast.member_a.pk).update(archived_at="2020-01-01T00:00:00+07:00")  # SQL: no signal
    assert client.get(reverse("organization:dashboard")).context["stats"]["total"] == total  # still cached
    call_command("recount", verbosity=0)
    assert client.get(reverse("organization:dashboard")).context["stats"]["total"] == total - 1


def test_a_count_holds_across_saves_of_columns_its_query_does_not_name(cast: Any) -> None:
    """A save with update_fields changes only those columns: counts whose SQL names none of them stay cached."""
    aggregates.changed(TOPIC)
    in_cell = Member.objects.filter(cell=cast.cell_a)
    from_hanoi = Member.objects.filter(cell=cast.cell_a, hometown="Hà Nội")
    n_cell, n_hanoi = aggregates.cached_count(in_cell), aggregates.cached_count(from_hanoi)
    # Moved without signals, so that a count served from the cache still shows the old number.
    Member.objects.filter(pk=cast.member_b.pk).update(cell=cast.cell_a)
    member = Member.objects.get(pk=cast.member_a.pk)
    member.hometown = "Hà Nội"
    member.save(update_fields=["hometown"])
    assert aggregates.cached_count(in_cell) == n_cell  # names no "hometown": still cached
    assert aggregates.cached_count(from_hanoi) == n_hanoi + 1  # names it: counted again
    member.cell = cast.cell_b
    member.save()  # a whole row, the cell changed (as the audit trail saw it): counted again
    assert aggregates.cached_count(in_cell) == n_cell


def test_a_whole_row_saved_changes_only_what_the_audit_trail_saw_change(cast: Any) -> None:
    """A member's profile edited through the page (a save of the whole row) keeps the province's counts, which
    read no such column; a change of status makes them counted again."""
    aggregates.changed(TOPIC)
    client = cast.client("office")
    dashboard = reverse("organization:dashboard")
    total = client.get(dashboard).context["stats"]["total"]
    Member.objects.filter(pk=cast.member_b.pk).update(archived_at="2020-01-01T00:00:00+07:00")  # SQL: no signal
    services.member_update(member=Member.objects.get(pk=cast.member_a.pk), phone="0912345678", hometown="Huế")
    assert client.get(dashboard).context["stats"]["total"] == total  # still cached: no column it reads changed
    member = Member.objects.get(pk=cast.member_a.pk)
    member.is_exempt = not member.is_exempt
    member.save()
    assert client.get(dashboard).context["stats"]["total"] == total - 1  # is_exempt is counted: all again


def test_a_derived_column_counts_as_changed_only_when_it_changed(cast: Any) -> None:
    """The member list's search counts on the folded name, which the trail leaves out of its entries: a new
    telephone number keeps that count, a new name makes it counted again."""
    aggregates.changed(TOPIC)
    named = Member.objects.filter(name_folded__startswith="le van tam")
    assert aggregates.cached_count(named) == 0
    Member.objects.filter(pk=cast.member_b.pk).update(name_folded="le van tam b")  # SQL: no signal
    services.member_update(member=Member.objects.get(pk=cast.member_a.pk), phone="0912345678")
    assert aggregates.cached_count(named) == 0  # still cached: the folded name did not change
    services.member_update(member=Member.objects.get(pk=cast.member_a.pk), full_name="Lê Văn Tâm")
    assert aggregates.cached_count(named) == 2  # counted again: member B's too


def test_a_value_inside_another_passes_on_what_it_read(cast: Any) -> None:
    """The tree's fragment is rendered from cached counts: a hit sends no SQL, yet the fragment depends on them."""
    aggregates.changed(TOPIC)
    members = Member.objects.filter(cell=cast.cell_a)
    inner = Counter()

    def in_cell() -> int:
        return aggregates.cached(TOPIC, aggregates.query_key(members), members.count)

    def fragment() -> tuple[int, int]:
        return inner(), in_cell()

    in_cell()
    first = aggregates.cached(TOPIC, "outer", fragment)  # the count inside is a hit: it sends no SQL
    assert aggregates.cached(TOPIC, "outer", fragment) == first
    member = Member.objects.get(pk=cast.member_b.pk)
    member.cell = cast.cell_a
    member.save()
    assert aggregates.cached(TOPIC, "outer", fragment) == (2, first[1] + 1)


def test_without_a_rows_token_counts_are_not_cached(cast: Any) -> None:
    """As after a restore, which clears every token: a column's token alone does not turn caching back on."""
    AggregateVersion.objects.all().delete()
    member = Member.objects.get(pk=cast.member_a.pk)
    member.save(update_fields=["hometown"])
    in_cell = Member.objects.filter(cell=cast.cell_a).exclude(hometown="Huế")  # names the column just saved
    n_cell = aggregates.cached_count(in_cell)
    Member.objects.filter(pk=cast.member_b.pk).update(cell=cast.cell_a)
    assert aggregates.cached_count(in_cell) == n_cell + 1
    assert not AggregateVersion.objects.filter(topic=f"{TOPIC}:rows").exists()


def test_the_upgrade_removes_only_the_tokens_named_after_a_bare_column() -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("dangvu.core.migrations.0006_drop_column_name_tokens")
    aggregates.changed(TOPIC)
    aggregates.changed(TOPIC, columns=[("organization_member", "phone")])
    current = set(AggregateVersion.objects.values_list("topic", flat=True))
    AggregateVersion.objects.bulk_create([AggregateVersion(topic=f"{TOPIC}:cell_id", token="old")])
    migration.drop_column_name_tokens(apps, None)
    assert set(AggregateVersion.objects.values_list("topic", flat=True)) == current
    assert {TOPIC, f"{TOPIC}:rows"} < current and len(current) == 3
