from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core.audit import acting_as
from dangvu.organization.demo.reference import load_reference
from dangvu.planning.models import KeyTask
from dangvu.supervision import demo, selectors
from dangvu.supervision.models import Activity, Program


def test_the_demo_is_a_realistic_year_and_adds_nothing_twice(db: Any) -> None:
    result = load_reference()
    with acting_as(None, source="demo"):
        first = demo.load(result.root)
    assert first["chương trình"] >= 4 and 4 <= Activity.objects.filter(program__org=result.root).count() <= 8
    with acting_as(None, source="demo"):
        second = demo.load(result.root)
    assert not any(second.values())

    main = Activity.objects.filter(program__org=result.root)
    assert main.filter(kind="finance").exists() and main.filter(kind="supervision_thematic").exists()
    assert main.filter(concluded_on__isnull=False).count() > main.count() // 2
    late = [a for a in main if a.concluded_on and a.concluded_on > a.planned_end]
    assert len(late) == 1
    assert KeyTask.objects.filter(source_type__model="recommendation").count() == 1

    secret = Activity.objects.get(kind="violation")
    assert secret.confidential
    allowed = {"kiemtra": 200, "capuy": 200, "vanphong": 404, "bithu": 404, "quansat": 404}
    for username, status in allowed.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        assert client.get(reverse("supervision:activity_detail", args=[secret.pk])).status_code == status, username

    committee = User.objects.get(username="capuy")
    coverage = selectors.coverage(committee, today=datetime.date(2019, 12, 31), year=2019)
    assert coverage.missing.count() in (2, 3)
    assert sum(1 for row in coverage.cells if row.self_count >= 1) >= coverage.cells.count() // 2
    assert Program.objects.filter(body="cell", year=2019).count() == coverage.cells.count()
