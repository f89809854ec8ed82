"""Minutes and conference conclusions as Party documents (documents.docx_party), and iCalendar feeds."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dangvu.documents.docx_party import PartyDocument, Section, build_party_docx
from dangvu.documents.services import issuer_abbr
from dangvu.meetings.models import Conference, ConferenceConclusion, Meeting
from dangvu.reporting.compile_docx import issuer_name

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def minutes_docx(meeting: Meeting) -> bytes:
    org = meeting.org
    minutes = getattr(meeting, "minutes", None)
    held = timezone.localtime(meeting.started_at or meeting.planned_at)
    with translation.override("vi"):
        attendance = list(meeting.attendance.select_related("member").order_by("member__sort_key"))
        roll = [
            f"{a.member.full_name}: {a.get_status_display()}{f' ({a.reason})' if a.reason else ''}" for a in attendance
        ]
        sections = [
            Section(
                _("I. Thời gian, địa điểm, thành phần"),
                [
                    _("Thời gian: %(t)s; địa điểm: %(p)s.") % {"t": f"{held:%H:%M ngày %d/%m/%Y}", "p": meeting.place},
                    _("Chủ trì: %(c)s; thư ký: %(s)s.") % {"c": meeting.chair or "—", "s": meeting.secretary or "—"},
                    *roll,
                ],
            ),
            Section(_("II. Nội dung"), [f"{i.order}. {i.title}" for i in meeting.agenda.all()]),
            Section(_("III. Ý kiến thảo luận"), _lines(minutes.opinions) if minutes else []),
            Section(_("IV. Kết luận"), [f"{n}. {c.text}" for n, c in enumerate(meeting.conclusions.all(), 1)]),
        ]
        if minutes is not None and minutes.amendments.exists():
            sections.append(
                Section(_("Đính chính"), [f"{a.date:%d/%m/%Y}: {a.text}" for a in minutes.amendments.all()])
            )
        document = PartyDocument(
            upper_body=org.parent.name if org.parent_id and org.parent else "",
            issuer=org.name,
            symbol=f"     -BB/{issuer_abbr(org)}",
            place="Hà Nội",
            date=held.date(),
            doc_type_name=_("Biên bản"),
            summary=f"{meeting.get_kind_display()} {meeting.topic}".strip(),
            sections=sections,
            signer_capacity=_("CHỦ TRÌ"),
            signer_title="",
            signer_name=meeting.chair.full_name if meeting.chair else "",
            recipients=[_("Đảng ủy (để báo cáo)"), _("Lưu chi bộ")],
        )
        return build_party_docx(document)


def conference_docx(conference: Conference, *, symbol: str | None = None) -> bytes:
    """The conclusions as a Thông báo; `symbol` is the number the document register issued (blank if none yet)."""
    org = conference.org
    held = timezone.localtime(conference.held_at)
    with translation.override("vi"):
        items = list(conference.conclusions.all())
        conclusions = [c.text for c in items if c.kind == ConferenceConclusion.Kind.CONCLUSION]
        directives = [c.text for c in items if c.kind == ConferenceConclusion.Kind.DIRECTIVE]
        document = PartyDocument(
            upper_body=org.parent.name if org.parent_id and org.parent else "",
            issuer=issuer_name(org.name),
            symbol=symbol or f"     -TB/{issuer_abbr(org)}",
            place=conference.place or "Hà Nội",
            date=held.date(),
            doc_type_name=_("Thông báo"),
            summary=_("Kết luận của %(c)s") % {"c": conference.title},
            sections=[
                Section(
                    "",
                    [
                        _("Ngày %(d)s, %(t)s đã diễn ra dưới sự chủ trì của đồng chí %(c)s.")
                        % {"d": f"{held:%d/%m/%Y}", "t": conference.title, "c": conference.chair or "—"},
                        *[
                            _("Đồng chí %(p)s trình bày %(r)s.") % {"p": r.presenter, "r": r.title}
                            for r in conference.reports.all()
                        ],
                    ],
                ),
                Section(_("I. Kết luận"), [f"{n}. {t}" for n, t in enumerate(conclusions, 1)]),
                Section(_("II. Chỉ đạo"), [f"{n}. {t}" for n, t in enumerate(directives, 1)]),
            ],
            signer_capacity=_("T/M ĐẢNG ỦY"),
            signer_title=_("BÍ THƯ"),
            signer_name=conference.chair,
            recipients=[_("Các chi bộ trực thuộc"), _("Lưu Văn phòng Đảng ủy")],
        )
        return build_party_docx(document)


def calendar_ics(meetings: Iterable[Meeting], *, name: str, now: datetime.datetime | None = None) -> bytes:
    """A feed of `meetings` with times in Asia/Ho_Chi_Minh (TZID and a VTIMEZONE)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//dangvu//sinh hoat chi bo//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = now or timezone.now()
    for meeting in meetings:
        start = timezone.localtime(meeting.planned_at, HCM)
        end = timezone.localtime(meeting.ended_at, HCM) if meeting.ended_at else start + datetime.timedelta(minutes=120)
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.pk}@dangvu")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", f"{meeting.get_kind_display()} · {meeting.org.name}")
        if meeting.place:
            event.add("location", meeting.place)
        if meeting.topic:
            event.add("description", meeting.topic)
        if meeting.status == Meeting.Status.CANCELLED:
            event.add("status", "CANCELLED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
