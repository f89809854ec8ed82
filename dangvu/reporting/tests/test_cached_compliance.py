"""The compliance dashboard's organizations and month trend are cached (core.aggregates): a report sent,
or a new obligation, shows on the next request."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from dangvu.conftest import Cast
from dangvu.core.aggregates import changed
from dangvu.organization import services as org_services
from dangvu.organization.models import PartyOrg
from dangvu.reporting import services
from dangvu.reporting.apps import TOPIC
from dangvu.reporting.tests.helpers import SECTIONS, monthly_kind, owe, submission


@pytest.fixture
def monthly(cast: Cast) -> Any:
    kind = monthly_kind(cast.root)
    owe(kind, cast.cell_a)
    services.submissions_generate(year=2019)
    changed(TOPIC)  # caching is on from here, whatever wrote before
    return kind


def _dashboard(cast: Cast) -> Any:
    return cast.client("office").get(reverse("reporting:dashboard"), {"year": 2019}).context


def test_a_report_sent_shows_in_the_rows_and_the_trend(cast: Cast, monthly: Any) -> None:
    before = _dashboard(cast)
    (row,) = before["rows"]
    on_time = row.on_time
    january = before["bars"][0]["percent"]
    sub = submission(monthly, cast.cell_a, 1)
    services.submission_submit(
        submission=sub,
        user=cast.users["cell_secretary"],
        sections=SECTIONS,
        at=datetime.datetime(2019, 2, 1, 9, tzinfo=datetime.UTC),
    )
    after = _dashboard(cast)
    assert after["rows"][0].on_time == on_time + 1
    assert after["bars"][0]["percent"] != january


def test_a_new_organization_owing_reports_joins_the_list(cast: Cast, monthly: Any) -> None:
    assert [r.org for r in _dashboard(cast)["rows"]] == [cast.cell_a]
    cell = org_services.party_org_create(name="Chi bộ Mới", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
    owe(monthly, cell)
    services.submissions_generate(year=2019)
    assert [r.org for r in _dashboard(cast)["rows"]] == [cast.cell_a, cell]
