from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core.audit import acting_as
from dangvu.organization.demo.reference import load_reference
from dangvu.rating import demo, selectors
from dangvu.rating.models import Commitment, MemberRating, RatingCycle


def test_the_demo_rates_every_member_of_2019_within_the_quota_and_adds_nothing_twice(db: Any) -> None:
    result = load_reference()
    with acting_as(None, source="demo"):
        first = demo.load(result.root)
    with acting_as(None, source="demo"):
        second = demo.load(result.root)
    assert not any(second.values())
    cycle = RatingCycle.objects.get(org=result.root, year=2019)
    assert cycle.rule.regulation.code == "132-QĐ/TW"
    ratings = MemberRating.objects.filter(cycle=cycle)
    assert first["đảng viên được xếp loại"] == ratings.count() > 50
    assert not ratings.exclude(step="decided").exists()
    summary = selectors.rating_summary(result.root, 2019)
    members = summary["members"]
    assert 0 < members["htxsnv"] <= members["httnv"] * 20 // 100
    assert summary["members_total"] == ratings.count()
    assert summary["collectives_total"] == first["chi bộ được xếp loại"] > 5
    assert Commitment.objects.filter(year=2019).count() == first["cam kết"] > 0
    client = Client()
    client.force_login(User.objects.get(username="capuy"))
    assert client.get(reverse("rating:cycle_detail", args=[cycle.pk])).status_code == 200
