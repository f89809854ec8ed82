from __future__ import annotations

import datetime
import io
from typing import Any

import docx
import icalendar
from django.urls import reverse

from dangvu.conftest import Cast
from dangvu.core.audit import acting_as
from dangvu.meetings import selectors, services
from dangvu.meetings.models import Attendance, CalendarToken, Conference, ConferenceConclusion, Meeting, Minutes
from dangvu.meetings.tests.helpers import HCM, at, held, meeting
from dangvu.planning.models import KeyTask


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_minutes_docx_holds_the_conclusions(cast: Cast) -> None:
    m = held(meeting(cast.cell_a, at(2019, 3, 5, 14)), [(cast.member_a, Attendance.Status.PRESENT, "")])
    with acting_as(None, source="test"):
        services.minutes_save(meeting=m, opinions="Đồng chí Lan đề nghị đổi mới nội dung sinh hoạt")
        services.conclusion_add(meeting=m, text="Tăng cường sinh hoạt chuyên đề", date=datetime.date(2019, 3, 5))
    response = cast.client("member").get(reverse("meetings:minutes_docx", args=[m.pk]))
    assert response.status_code == 200
    text = _docx_text(response.content)
    assert "Tăng cường sinh hoạt chuyên đề" in text
    assert "BIÊN BẢN" in text.upper()
    assert "-BB/CB" in text


def test_conference_docx_holds_conclusions_and_directives(cast: Cast) -> None:
    with acting_as(None, source="test"):
        c = services.conference_create(
            org=cast.root,
            kind=Conference.Kind.YEARLY,
            title="Hội nghị tổng kết công tác Đảng năm 2019",
            held_at=at(2020, 1, 17),
            chair="Nguyễn Hồng Minh",
        )
        ConferenceConclusion.objects.create(conference=c, text="Bổ sung bài học kinh nghiệm")
        ConferenceConclusion.objects.create(
            conference=c, kind=ConferenceConclusion.Kind.DIRECTIVE, text="Khẩn trương xây dựng nhiệm vụ trọng tâm 2020"
        )
    response = cast.client("committee").get(reverse("meetings:conference_docx", args=[c.pk]))
    text = _docx_text(response.content)
    assert "Bổ sung bài học kinh nghiệm" in text and "Khẩn trương xây dựng nhiệm vụ trọng tâm 2020" in text
    assert cast.client("member").get(reverse("meetings:conference_docx", args=[c.pk])).status_code == 404


def test_directive_becomes_a_task_linked_both_ways(cast: Cast) -> None:
    with acting_as(None, source="test"):
        c = services.conference_create(org=cast.root, kind=Conference.Kind.YEARLY, title="HN", held_at=at(2020, 1, 17))
        item = ConferenceConclusion.objects.create(
            conference=c, kind=ConferenceConclusion.Kind.DIRECTIVE, text="Xây dựng nhiệm vụ trọng tâm năm 2020"
        )
    response = cast.client("office").post(
        reverse("meetings:directive_task", args=[c.pk, item.pk]), {"due_date": "31/03/2020"}
    )
    assert response.status_code == 302
    task = KeyTask.objects.get()
    assert task.source == item and task.due_date == datetime.date(2020, 3, 31)
    page = cast.client("office").get(reverse("meetings:conference_detail", args=[c.pk]))
    assert reverse("planning:task_detail", args=[task.pk]) in page.content.decode()


def test_attendance_page_refuses_another_cells_member(cast: Cast) -> None:
    m = meeting(cast.cell_a, at(2019, 3, 5, 14))
    response = cast.client("cell_secretary").post(
        reverse("meetings:attendance", args=[m.pk]),
        {f"status-{cast.member_a.pk}": "present", f"status-{cast.member_b.pk}": "present"},
    )
    assert response.status_code == 200
    assert "không sinh hoạt tại Chi bộ A" in response.content.decode()
    assert not Attendance.objects.exists()


def test_approved_minutes_cannot_be_edited_through_the_page(cast: Cast) -> None:
    m = held(meeting(cast.cell_a, at(2019, 3, 5, 14)))
    client = cast.client("cell_secretary")
    client.post(reverse("meetings:minutes_edit", args=[m.pk]), {"opinions": "Dự thảo"})
    client.post(reverse("meetings:minutes_step", args=[m.pk, "circulate"]))
    cast.client("member").post(reverse("meetings:minutes_comment", args=[m.pk]), {"text": "Đồng ý"})
    client.post(reverse("meetings:minutes_step", args=[m.pk, "approve"]))
    client.post(reverse("meetings:minutes_edit", args=[m.pk]), {"opinions": "Sửa sau duyệt", "version": 2})
    minutes = Minutes.objects.get(meeting=m)
    assert (minutes.status, minutes.opinions, minutes.comments.count()) == (Minutes.Status.APPROVED, "Dự thảo", 1)
    client.post(reverse("meetings:amendment_add", args=[m.pk]), {"text": "Đính chính", "date": "10/03/2019"})
    assert minutes.amendments.get().date == datetime.date(2019, 3, 10)


def test_meeting_create_prefills_the_agenda(cast: Cast) -> None:
    response = cast.client("cell_secretary").post(
        reverse("meetings:meeting_create"),
        {"org": cast.cell_a.pk, "kind": "regular", "day": "05/03/2019", "time": "14:00", "place": "P.301"},
    )
    assert response.status_code == 302
    m = Meeting.objects.get()
    assert m.planned_at == at(2019, 3, 5, 14) and m.agenda.count() > 5


def _feed(cast: Cast, path_tail: str) -> bytes:
    return cast.client("anonymous").get(reverse("meetings:calendar") + path_tail)


def test_ics_feed_in_hanoi_time_and_only_what_the_user_sees(cast: Cast) -> None:
    mine = meeting(cast.cell_a, at(2019, 3, 5, 14, 30))
    meeting(cast.cell_b, at(2019, 3, 6, 14, 30))
    meeting(cast.cell_x, at(2019, 3, 7, 14, 30))
    page = cast.client("member").get(reverse("meetings:calendar"))
    assert page.status_code == 200
    token = CalendarToken.objects.get(user=cast.users["member"]).token
    response = _feed(cast, f"{token}/ca-nhan.ics")
    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    start = events[0]["DTSTART"].dt
    assert start == mine.planned_at
    assert start.astimezone(HCM).replace(tzinfo=None) == datetime.datetime(2019, 3, 5, 14, 30)
    assert events[0]["DTSTART"].params.get("TZID") == "Asia/Ho_Chi_Minh"
    # the cell feed of another cell, a wrong token: 404
    assert _feed(cast, f"{token}/chi-bo-{cast.cell_b.pk}.ics").status_code == 404
    assert _feed(cast, f"{token}/chi-bo-{cast.cell_a.pk}.ics").status_code == 200
    assert _feed(cast, "sai-ma/ca-nhan.ics").status_code == 404


def test_office_cell_feed_and_token_regeneration(cast: Cast) -> None:
    meeting(cast.cell_b, at(2019, 3, 6, 14, 30))
    client = cast.client("office")
    client.get(reverse("meetings:calendar"))
    token = CalendarToken.objects.get(user=cast.users["office"]).token
    cal = icalendar.Calendar.from_ical(_feed(cast, f"{token}/chi-bo-{cast.cell_b.pk}.ics").content)
    assert len(list(cal.walk("VEVENT"))) == 1
    assert _feed(cast, f"{token}/chi-bo-{cast.cell_x.pk}.ics").status_code == 404
    client.post(reverse("meetings:calendar"))
    assert _feed(cast, f"{token}/chi-bo-{cast.cell_b.pk}.ics").status_code == 404
    other = CalendarToken.objects.get(user=cast.users["office"]).token
    assert _feed(cast, f"{other}/chi-bo-{cast.cell_b.pk}.ics").status_code == 200


def test_measures_page_flags_a_cell(cast: Cast) -> None:
    meeting(cast.cell_a, datetime.datetime(2019, 1, 10, 14, tzinfo=HCM))
    response = cast.client("office").get(reverse("meetings:measures") + "?year=2019")
    assert response.status_code == 200
    assert "Chưa đạt quy định" in response.content.decode()
    assert '<span class="chip chip-bad" title="Sinh hoạt thường kỳ 0/1">0/1</span>' in response.content.decode()


def test_measures_show_the_cells_a_page_at_a_time(cast: Cast, settings: Any) -> None:
    settings.DANGVU_PAGE_SIZE = 1
    meeting(cast.cell_a, datetime.datetime(2019, 1, 10, 14, tzinfo=HCM))
    client = cast.client("office")
    url = reverse("meetings:measures")
    first, second = (client.get(url, {"year": 2019, "page": n}) for n in (1, 2))
    shown = [[row.org for row in r.context["rows"]] for r in (first, second)]
    cells = list(selectors.visible_cells(cast.users["office"]).order_by("path"))
    assert len(cells) >= 2 and shown == [cells[:1], cells[1:2]]
    assert f"Trang 1 / {len(cells)}" in first.content.decode() and "year=2019&amp;page=2" in first.content.decode()


def test_the_chair_approves_and_the_meetings_secretary_drafts(cast: Cast) -> None:
    m = held(meeting(cast.cell_a, at(2019, 3, 5, 14), chair=cast.member_a2, secretary=cast.member_a2))
    client = cast.client("member")  # the user of member_a2
    assert client.post(reverse("meetings:minutes_edit", args=[m.pk]), {"opinions": "Dự thảo"}).status_code == 302
    client.post(reverse("meetings:minutes_step", args=[m.pk, "circulate"]))
    client.post(reverse("meetings:minutes_step", args=[m.pk, "approve"]))
    assert Minutes.objects.get(meeting=m).status == Minutes.Status.APPROVED
    other = held(meeting(cast.cell_a, at(2019, 4, 5, 14)))
    assert cast.client("member").get(reverse("meetings:minutes_edit", args=[other.pk])).status_code == 403


def test_rescheduling_moves_the_preparation_deadline_and_refuses_a_stale_form(cast: Cast) -> None:
    m = meeting(cast.cell_a, at(2019, 3, 5, 14))
    url = reverse("meetings:meeting_edit", args=[m.pk])
    data = {"org": cast.cell_a.pk, "kind": "regular", "day": "12/03/2019", "time": "08:30", "version": 1}
    client = cast.client("cell_secretary")
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    m.refresh_from_db()
    assert (m.planned_at, m.prepare_deadline, m.version) == (at(2019, 3, 12, 8, 30), at(2019, 3, 9, 8, 30), 2)
    stale = client.post(url, {**data, "day": "20/03/2019"})
    assert stale.status_code == 200 and "Người khác vừa sửa" in stale.content.decode()


def test_a_full_meeting_page_renders_for_each_reader(cast: Cast) -> None:
    m = held(meeting(cast.cell_a, at(2019, 3, 5, 14)), [(cast.member_a, Attendance.Status.PRESENT, "")])
    with acting_as(None, source="test"):
        services.minutes_save(meeting=m, opinions="Ý kiến")
        conclusion = services.conclusion_add(meeting=m, text="Kết luận số một", date=datetime.date(2019, 3, 5))
        task = services.conclusion_to_task(conclusion=conclusion, due_date=datetime.date(2019, 6, 30))
        services.minutes_circulate(meeting=m)
        services.minutes_comment(meeting=m, user=cast.users["member"], text="Góp ý của Lan")
        services.minutes_approve(meeting=m, user=cast.users["cell_secretary"])
        services.amendment_add(meeting=m, user=None, text="Đính chính số một", date=datetime.date(2019, 3, 9))
    for role in ("office", "cell_secretary", "member"):
        page = cast.client(role).get(reverse("meetings:meeting_detail", args=[m.pk])).content.decode()
        assert "Kết luận số một" in page and "Góp ý của Lan" in page and "Đính chính số một" in page
        assert reverse("planning:task_detail", args=[task.pk]) in page
    listing = cast.client("member").get(reverse("meetings:meeting_list") + "?year=2019").content.decode()
    assert reverse("meetings:meeting_detail", args=[m.pk]) in listing
