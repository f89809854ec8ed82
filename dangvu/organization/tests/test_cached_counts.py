"""The counts of the dashboard, the tree and the member list are cached (core.aggregates) and follow every
change a user makes: a new member, an archived one, a moved one."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from dangvu.conftest import Cast, make_member
from dangvu.core.aggregates import changed
from dangvu.organization import services
from dangvu.organization.apps import TOPIC
from dangvu.organization.tests.test_pages import tree_counts


@pytest.fixture(autouse=True)
def _caching_on(cast: Cast) -> None:
    changed(TOPIC)


def _dashboard_total(client: Any) -> int:
    return client.get(reverse("organization:dashboard")).context["stats"]["total"]


def _tree_count(client: Any, name: str) -> int:
    return tree_counts(client)[name][0]


def test_the_dashboard_and_tree_follow_new_and_archived_members(cast: Cast, django_assert_max_num_queries: Any) -> None:
    client = cast.client("office")
    total, in_tree = _dashboard_total(client), _tree_count(client, cast.root.name)
    with django_assert_max_num_queries(8):  # served from the cache: the counts read no member
        assert _dashboard_total(client) == total
    member = make_member(cast.cell_a, "Trần Văn Mới")
    assert _dashboard_total(client) == total + 1
    assert _tree_count(client, cast.root.name) == in_tree + 1
    services.member_archive(member=member)
    assert _dashboard_total(client) == total
    assert _tree_count(client, cast.root.name) == in_tree


def test_the_member_list_total_follows_a_new_member(cast: Cast) -> None:
    client = cast.client("office")
    url = reverse("organization:member_list")
    count = client.get(url).context["page"].paginator.count
    assert client.get(url).context["page"].paginator.count == count
    make_member(cast.cell_b, "Lê Thị Thêm")
    assert client.get(url).context["page"].paginator.count == count + 1


def test_the_cell_page_counts_follow_a_change_of_status(cast: Cast) -> None:
    client = cast.client("office")
    url = reverse("organization:org_detail", kwargs={"pk": cast.cell_a.pk})
    counts = client.get(url).context["counts"]
    services.member_archive(member=cast.member_a)
    assert client.get(url).context["counts"]["total"] == counts["total"] - 1
