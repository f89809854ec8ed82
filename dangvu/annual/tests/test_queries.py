"""Generating the report (figures, DOCX, XLSX) runs a fixed number of queries, whatever the size of the
organization: more cells, members, tasks and meetings add rows to the grouped queries, not queries."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.annual import exports, services
from dangvu.annual.figures import year_figures
from dangvu.annual.tests.helpers import add_task
from dangvu.conftest import Cast, make_member
from dangvu.core.audit import acting_as
from dangvu.meetings import services as meetings_services
from dangvu.meetings.models import Meeting
from dangvu.organization import services as org_services
from dangvu.organization.models import PartyOrg

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
MAX_QUERIES = 25


def _grow(cast: Cast, cells: int) -> None:
    with acting_as(None, source="test"):
        for i in range(cells):
            cell = org_services.party_org_create(name=f"Chi bộ thêm {i}", kind=PartyOrg.Kind.CHI_BO, parent=cast.root)
            for j in range(3):
                make_member(cell, f"Đảng viên {i} {j}", card_number=f"0200{i:02d}{j:02d}")
            for month in (1, 2, 3):
                meeting = meetings_services.meeting_create(
                    org=cell,
                    kind=Meeting.Kind.REGULAR,
                    planned_at=datetime.datetime(2019, month, 10, 14, tzinfo=HCM),
                    topic="Sinh hoạt thường kỳ",
                )
                meetings_services.meeting_mark_held(
                    meeting=meeting,
                    started_at=meeting.planned_at,
                    ended_at=meeting.planned_at + datetime.timedelta(minutes=100),
                )
            add_task(cell, title=f"Nhiệm vụ của chi bộ thêm {i}")


def _count(cast: Cast) -> int:
    with CaptureQueriesContext(connection) as ctx:
        year_figures(cast.root, 2019)
    return len(ctx.captured_queries)


def test_the_figures_take_the_same_number_of_queries_for_a_larger_organization(cast: Cast) -> None:
    add_task(cast.cell_a)
    small = _count(cast)
    _grow(cast, 6)
    assert _count(cast) == small <= MAX_QUERIES, small


def test_generating_the_report_and_its_files_stays_under_the_query_limit(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    _grow(cast, 4)
    with django_assert_max_num_queries(MAX_QUERIES + 10):
        with acting_as(None, source="test"):
            report = services.report_create(org=cast.root, year=2019)
        version = services.current_version(report)
        exports.report_docx(report, version)
        exports.report_xlsx(report, version)
