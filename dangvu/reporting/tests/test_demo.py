from __future__ import annotations

import datetime
from typing import Any

from dangvu.core.audit import acting_as
from dangvu.organization.demo.reference import load_reference
from dangvu.reporting import demo, selectors
from dangvu.reporting.models import Submission, SubmissionEvent


def test_the_demo_is_a_realistic_year_and_adds_nothing_twice(db: Any) -> None:
    result = load_reference()
    with acting_as(None, source="demo"):
        first = demo.load(result.root)
    assert first["loại báo cáo"] == 3 and first["báo cáo đã gửi"] > 0 and first["báo cáo bị trả lại"] > 0
    with acting_as(None, source="demo"):
        second = demo.load(result.root)
    assert not any(second.values())

    subs = Submission.objects.filter(period_start__year=2019)
    assert subs.count() == first["báo cáo phải nộp"]
    assert all(s.first_submitted_at.year in (2019, 2020) for s in subs.exclude(first_submitted_at=None))  # type: ignore[union-attr]
    statuses = set(subs.values_list("status", flat=True))
    assert {Submission.Status.ACCEPTED, Submission.Status.SUBMITTED, Submission.Status.EXPECTED} <= statuses
    assert SubmissionEvent.objects.filter(action=SubmissionEvent.Action.RETURNED).exists()
    # Most cells on time, a few regularly late, a few reports never sent.
    cells = list(result.root.children.filter(kind="chi_bo").order_by("path"))
    rows = selectors.compliance_rows(cells, year=2019, today=datetime.date(2020, 2, 1))
    rates = sorted(r.rate or 0 for r in rows)
    assert sum(r.missing for r in rows) > 0
    assert sum(1 for rate in rates if rate < 0.5) in (1, 2, 3)
    assert sum(1 for rate in rates if rate >= 0.8) >= len(rows) // 2
