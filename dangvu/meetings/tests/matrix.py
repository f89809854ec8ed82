"""Rows of the role matrix (organization/tests/test_access.py) for the meetings pages.

Readers (office, committee, inspection, observer) see every meeting of their subtree; the cell secretary
prepares and records their cell's; a member reads their cell's meetings and comments on circulated minutes.
Conferences of the Đảng bộ: the office writes, the other readers read, nobody else sees them.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from dangvu.conftest import ROLES, Cast
from dangvu.core.audit import acting_as
from dangvu.meetings import services
from dangvu.meetings.models import Conclusion, Conference, ConferenceConclusion, Meeting, MeetingDocument
from dangvu.meetings.tests.helpers import at

AUTHED = [r for r in ROLES if r != "anonymous"]
READERS = ["office", "committee", "inspection", "observer"]


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(AUTHED, status)


def meeting_of(cast: Cast, inside: bool) -> Meeting:
    org = cast.cell_a if inside else cast.cell_x
    found = Meeting.objects.filter(org=org).first()
    if found is not None:
        return found
    with acting_as(None, source="test"):
        return services.meeting_create(org=org, kind=Meeting.Kind.REGULAR, planned_at=at(2019, 3, 5, 14))


def conference_of(cast: Cast, inside: bool) -> Conference:
    org = cast.root if inside else cast.other_root
    found = Conference.objects.filter(org=org).first()
    if found is not None:
        return found
    with acting_as(None, source="test"):
        return services.conference_create(
            org=org, kind=Conference.Kind.YEARLY, title="Hội nghị tổng kết năm 2019", held_at=at(2020, 1, 17)
        )


def _m(cast: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": meeting_of(cast, inside).pk}


def _step(cast: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": meeting_of(cast, inside).pk, "step": "circulate"}


def _doc(cast: Cast, inside: bool) -> dict[str, Any]:
    meeting = meeting_of(cast, inside)
    with acting_as(None, source="test"):
        doc = meeting.documents.first()
        if doc is None:
            name = "meetings/role-matrix/chuong-trinh.txt"
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(b"chuong trinh"))
            doc = MeetingDocument.objects.create(meeting=meeting, name="chuong-trinh.txt", size=12, file=name)
    return {"pk": meeting.pk, "doc_pk": doc.pk}


def _conclusion(cast: Cast, inside: bool) -> dict[str, Any]:
    meeting = meeting_of(cast, inside)
    with acting_as(None, source="test"):
        conclusion = meeting.conclusions.first() or Conclusion.objects.create(
            meeting=meeting, text="Hoàn thành kế hoạch quý", date=datetime.date(2019, 3, 5)
        )
    return {"pk": meeting.pk, "conclusion_pk": conclusion.pk}


def _c(cast: Cast, inside: bool) -> dict[str, Any]:
    return {"pk": conference_of(cast, inside).pk}


def _directive(cast: Cast, inside: bool) -> dict[str, Any]:
    conference = conference_of(cast, inside)
    with acting_as(None, source="test"):
        item = conference.conclusions.first() or ConferenceConclusion.objects.create(
            conference=conference, kind=ConferenceConclusion.Kind.DIRECTIVE, text="Khẩn trương xây dựng nhiệm vụ"
        )
    return {"pk": conference.pk, "item_pk": item.pk}


READ = {**_all(200), "outsider": 404}
WRITE_GET = {**_all(403), "cell_secretary": 200, "outsider": 404}
WRITE_POST = {**_all(403), "cell_secretary": 302, "outsider": 404}
CONF_READ = {**_all(404), **dict.fromkeys(READERS, 200)}
CONF_WRITE = {**_all(404), **dict.fromkeys(READERS, 403), "office": 302}
WITH_SCOPE = {**_all(200), "outsider": 403}

MATRIX: dict[str, tuple[str, Any, dict[str, int]]] = {
    "meetings:meeting_list": ("get", None, WITH_SCOPE),
    "meetings:meeting_create": ("get", None, {**_all(403), "cell_secretary": 200}),
    "meetings:meeting_detail": ("get", _m, READ),
    "meetings:meeting_edit": ("get", _m, WRITE_GET),
    "meetings:meeting_prepared": ("post", _m, WRITE_POST),
    "meetings:meeting_held": ("post", _m, WRITE_POST),
    "meetings:agenda_add": ("post", _m, WRITE_POST),
    "meetings:document_upload": ("post", _m, WRITE_POST),
    "meetings:document_download": ("get", _doc, READ),
    "meetings:attendance": ("get", _m, WRITE_GET),
    "meetings:minutes_edit": ("get", _m, WRITE_GET),
    "meetings:minutes_step": ("post", _step, WRITE_POST),
    "meetings:minutes_comment": ("post", _m, {**WRITE_POST, "member": 302}),
    "meetings:amendment_add": ("post", _m, WRITE_POST),
    "meetings:conclusion_add": ("post", _m, WRITE_POST),
    "meetings:conclusion_task": ("post", _conclusion, WRITE_POST),
    "meetings:minutes_docx": ("get", _m, READ),
    "meetings:measures": ("get", None, {**_all(403), **dict.fromkeys(READERS, 200)}),
    "meetings:topic_list": ("get", None, WITH_SCOPE),
    "meetings:conference_list": ("get", None, {**_all(403), **dict.fromkeys(READERS, 200)}),
    "meetings:conference_create": ("get", None, {**_all(403), "office": 200}),
    "meetings:conference_detail": ("get", _c, CONF_READ),
    "meetings:conference_add": ("post", _c, CONF_WRITE),
    "meetings:directive_task": ("post", _directive, CONF_WRITE),
    "meetings:conference_docx": ("get", _c, CONF_READ),
    "meetings:calendar": ("get", None, _all(200)),
}
