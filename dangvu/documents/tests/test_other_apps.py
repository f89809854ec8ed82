"""The DOCX that other apps generate for issuing take their number from the register, once."""

from __future__ import annotations

import datetime
import io
import zoneinfo

from django.urls import reverse
from docx import Document as Docx

from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.documents.models import Confidentiality, Document
from dangvu.documents.selectors import documents_for
from dangvu.meetings import services as meetings
from dangvu.meetings.models import Conference, ConferenceConclusion
from dangvu.supervision import services as supervision
from dangvu.supervision.models import Activity
from dangvu.supervision.tests.helpers import activity, run_to

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def _header(content: bytes) -> str:
    return Docx(io.BytesIO(content)).tables[0].rows[0].cells[0].text


def test_conference_conclusions_take_one_number_from_the_register_when_the_office_issues_them(cast: Cast) -> None:
    with acting_as(None, source="test"):
        conference = meetings.conference_create(
            org=cast.root,
            kind=Conference.Kind.YEARLY,
            title="Hội nghị tổng kết công tác Đảng năm 2019",
            held_at=datetime.datetime(2020, 1, 17, 8, tzinfo=HCM),
        )
        ConferenceConclusion.objects.create(conference=conference, text="Bổ sung bài học kinh nghiệm")
    url = reverse("meetings:conference_docx", args=[conference.pk])
    assert "-TB/ĐU" in _header(cast.client("committee").get(url).content)  # a reader gets the draft, no number
    assert "-TB/ĐU" in _header(cast.client("office").get(url).content)  # a download (GET) never takes a number
    assert not Document.objects.exists()
    assert cast.client("committee").post(url).status_code == 403  # only the register's keepers issue
    first = cast.client("office").post(url).content
    again = cast.client("office").post(url).content
    assert _header(first).endswith("Số 01-TB/ĐU") and _header(again).endswith("Số 01-TB/ĐU")
    assert _header(cast.client("committee").get(url).content).endswith("Số 01-TB/ĐU")
    document = documents_for(conference).get()
    assert document.symbol == "01-TB/ĐU" and document.date == datetime.date(2020, 1, 17)


def test_an_inspection_conclusion_notice_is_an_outgoing_document_linked_to_the_inspection(cast: Cast) -> None:
    act = run_to(activity(cast), Activity.State.MEETING_APPROVED)
    with acting_as(None, source="test"):
        supervision.activity_advance(
            activity=act, to=Activity.State.CONCLUDED, date=datetime.date(2019, 6, 1), number_notice=True
        )
    act.refresh_from_db()
    document = documents_for(act).get()
    assert act.notice_number == document.symbol == "01-TB/ĐU"
    assert document.confidentiality == Confidentiality.NORMAL and document.direction == Document.Direction.OUTGOING
    page = cast.client("office").get(document.get_absolute_url()).content.decode()
    assert str(act) in page  # the register shows the inspection it concerns
