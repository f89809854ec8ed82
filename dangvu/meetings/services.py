"""Writes of cell meetings and conferences: each keyword-only and in one transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.models import save_versioned
from dangvu.core.uploads import validate_upload
from dangvu.lib.vn_text import clean
from dangvu.meetings.models import (
    AgendaItem,
    Amendment,
    Attendance,
    CalendarToken,
    Conclusion,
    Conference,
    ConferenceConclusion,
    ConferenceOpinion,
    ConferenceReport,
    Meeting,
    MeetingDocument,
    Minutes,
    MinutesComment,
    new_token,
)
from dangvu.meetings.selectors import meeting_rules
from dangvu.organization.models import Member, PartyOrg
from dangvu.planning import services as planning_services
from dangvu.planning.models import KeyTask


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _deadline(planned_at: datetime.datetime) -> datetime.datetime:
    days = meeting_rules(timezone.localtime(planned_at).date())["prepare_days_before"]
    return planned_at - datetime.timedelta(days=days)


@transaction.atomic
def meeting_create(
    *,
    org: PartyOrg,
    kind: str,
    planned_at: datetime.datetime,
    place: str = "",
    topic: str = "",
    with_agenda: bool = True,
    **fields: Any,
) -> Meeting:
    """Plan a meeting of a cell; the agenda is pre-filled from the standard steps of the rule in force."""
    if org.kind not in PartyOrg.CELL_KINDS:
        raise ValidationError({"org": _("Chỉ chi bộ mới tổ chức sinh hoạt chi bộ.")})
    if timezone.is_naive(planned_at):
        planned_at = timezone.make_aware(planned_at)
    meeting = Meeting(org=org, kind=kind, planned_at=planned_at, place=place.strip(), topic=topic.strip(), **fields)
    meeting.prepare_deadline = _deadline(planned_at)
    meeting.full_clean()
    meeting.save()
    if with_agenda:
        steps = meeting_rules(timezone.localtime(planned_at).date()).get("agenda", [])
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, order=i, title=title) for i, title in enumerate(steps, start=1)
        )
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, expected_version: int | None, **fields: Any) -> Meeting:
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.prepare_deadline = _deadline(meeting.planned_at)
    meeting.full_clean()

    save_versioned(meeting, expected_version=expected_version)
    return meeting


@transaction.atomic
def meeting_mark_prepared(*, meeting: Meeting, at: datetime.datetime | None = None) -> Meeting:
    """The chi ủy has agreed the content and agenda: timestamped, so lateness is measured."""
    meeting.prepared_at = at or timezone.now()
    meeting.save(update_fields=["prepared_at", "updated_at"])
    return meeting


@transaction.atomic
def meeting_mark_held(
    *, meeting: Meeting, started_at: datetime.datetime | None = None, ended_at: datetime.datetime | None = None
) -> Meeting:
    meeting.status = Meeting.Status.HELD
    meeting.started_at = started_at or meeting.planned_at
    meeting.ended_at = ended_at
    if meeting.ended_at and meeting.ended_at < meeting.started_at:
        raise ValidationError({"ended_at": _("Giờ kết thúc không được trước giờ bắt đầu.")})
    meeting.save(update_fields=["status", "started_at", "ended_at", "updated_at"])
    return meeting


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, presenter: Member | None = None) -> AgendaItem:
    if presenter is not None and presenter.cell_id != meeting.org_id:
        raise ValidationError({"presenter": _("Người trình bày phải là đảng viên của chi bộ.")})
    order = (meeting.agenda.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    return AgendaItem.objects.create(meeting=meeting, order=order, title=title.strip(), presenter=presenter)


@transaction.atomic
def document_attach(*, meeting: Meeting, upload: UploadedFile) -> MeetingDocument:
    validate_upload(upload)
    doc = MeetingDocument(meeting=meeting, name=upload.name or "tep", size=upload.size or 0)
    doc.file.save(upload.name or "tep", upload, save=False)
    doc.save()
    return doc


@transaction.atomic
def attendance_record(*, meeting: Meeting, rows: list[tuple[Member, str, str]]) -> list[Attendance]:
    """Record the roll-call: (member, status, reason). A member of another cell is refused, nothing is saved."""
    strangers = [m.full_name for m, _s, _r in rows if m.cell_id != meeting.org_id]
    if strangers:
        raise ValidationError(
            _("Không ghi điểm danh: %(names)s không sinh hoạt tại %(cell)s.")
            % {"names": ", ".join(strangers), "cell": meeting.org.name}
        )
    for member, status, reason in rows:
        if status == Attendance.Status.EXCUSED and not reason.strip():
            raise ValidationError(_("Hãy ghi lý do vắng của %(name)s.") % {"name": member.full_name})
    saved = []
    for member, status, reason in rows:
        attendance, _created = Attendance.objects.update_or_create(
            meeting=meeting, member=member, defaults={"status": status, "reason": reason.strip()}
        )
        saved.append(attendance)
    return saved


# --- Minutes -------------------------------------------------------------------------------------------

LOCKED = gettext_lazy("Biên bản đã được duyệt: không sửa được nữa, hãy ghi đính chính.")


def _minutes(meeting: Meeting) -> Minutes:
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


@transaction.atomic
def minutes_save(*, meeting: Meeting, opinions: str, expected_version: int | None = None) -> Minutes:
    minutes = _minutes(meeting)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status == Minutes.Status.APPROVED:
        raise ValidationError(LOCKED)
    minutes.opinions = opinions.strip()

    save_versioned(minutes, expected_version=expected_version)
    return minutes


@transaction.atomic
def minutes_circulate(*, meeting: Meeting) -> Minutes:
    minutes = Minutes.objects.select_for_update().get(pk=_minutes(meeting).pk)
    if minutes.status != Minutes.Status.DRAFT:
        raise ValidationError(_("Chỉ gửi lấy ý kiến biên bản đang dự thảo."))
    minutes.status = Minutes.Status.CIRCULATED
    minutes.save(update_fields=["status"])
    return minutes


@transaction.atomic
def minutes_comment(*, meeting: Meeting, user: Any, text: str) -> MinutesComment:
    minutes = _minutes(meeting)
    if minutes.status != Minutes.Status.CIRCULATED:
        raise ValidationError(_("Biên bản không trong thời gian lấy ý kiến."))
    if not text.strip():
        raise ValidationError(_("Hãy ghi nội dung góp ý."))
    return MinutesComment.objects.create(minutes=minutes, author=user, text=text.strip())


@transaction.atomic
def minutes_approve(*, meeting: Meeting, user: Any, at: datetime.datetime | None = None) -> Minutes:
    minutes = Minutes.objects.select_for_update().get(pk=_minutes(meeting).pk)
    if minutes.status != Minutes.Status.CIRCULATED:
        raise ValidationError(_("Chỉ duyệt biên bản đã gửi lấy ý kiến."))
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = at or timezone.now()
    minutes.approved_by = _user(user)
    minutes.save(update_fields=["status", "approved_at", "approved_by"])
    return minutes


@transaction.atomic
def amendment_add(*, meeting: Meeting, user: Any, text: str, date: datetime.date | None = None) -> Amendment:
    minutes = _minutes(meeting)
    if minutes.status != Minutes.Status.APPROVED:
        raise ValidationError(_("Biên bản chưa duyệt: hãy sửa trực tiếp dự thảo."))
    if not text.strip():
        raise ValidationError(_("Hãy ghi nội dung đính chính."))
    return Amendment.objects.create(
        minutes=minutes, date=date or timezone.localdate(), text=text.strip(), by=_user(user)
    )


@transaction.atomic
def conclusion_add(*, meeting: Meeting, text: str, date: datetime.date) -> Conclusion:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.status == Minutes.Status.APPROVED:
        raise ValidationError(LOCKED)
    held_on = timezone.localtime(meeting.started_at or meeting.planned_at).date()
    if date < held_on:
        raise ValidationError(
            {
                "date": _("Kết luận ngày %(d)s không thể trước buổi sinh hoạt (%(m)s).")
                % {"d": f"{date:%d/%m/%Y}", "m": f"{held_on:%d/%m/%Y}"}
            }
        )
    if not text.strip():
        raise ValidationError({"text": _("Hãy ghi nội dung kết luận.")})
    return Conclusion.objects.create(meeting=meeting, text=text.strip(), date=date)


@transaction.atomic
def conclusion_to_task(*, conclusion: Conclusion, due_date: datetime.date, title: str = "") -> KeyTask:
    """The conclusion becomes a key task of the cell; the task keeps the conclusion as its source."""
    return planning_services.task_create(
        org=conclusion.meeting.org,
        title=(title or conclusion.text)[:500],
        start_date=conclusion.date,
        due_date=due_date,
        source=conclusion,
    )


# --- Conferences ---------------------------------------------------------------------------------------


@transaction.atomic
def conference_create(*, org: PartyOrg, kind: str, title: str, held_at: datetime.datetime, **fields: Any) -> Conference:
    if org.kind in PartyOrg.CELL_KINDS:
        raise ValidationError({"org": _("Hội nghị này là của Đảng ủy, không phải của chi bộ.")})
    conference = Conference(org=org, kind=kind, title=title.strip(), held_at=held_at, **fields)
    conference.full_clean()
    conference.save()
    return conference


def conference_report_add(*, conference: Conference, presenter: str, title: str, link: str = "") -> ConferenceReport:
    """Báo cáo trình bày tại hội nghị."""
    return ConferenceReport.objects.create(
        conference=conference, presenter=clean(presenter)[:255], title=clean(title)[:500], link=link
    )


def conference_opinion_add(*, conference: Conference, text: str, speaker: str = "") -> ConferenceOpinion:
    """Ý kiến đại biểu (tham luận, phát biểu)."""
    return ConferenceOpinion.objects.create(conference=conference, speaker=clean(speaker)[:255], text=clean(text))


def conference_conclusion_add(*, conference: Conference, kind: str, text: str) -> ConferenceConclusion:
    """Kết luận or chỉ đạo of the conference; a directive may then become a key task (directive_to_task)."""
    return ConferenceConclusion.objects.create(conference=conference, kind=kind, text=clean(text))


@transaction.atomic
def directive_to_task(
    *, item: ConferenceConclusion, due_date: datetime.date, title: str = "", task: KeyTask | None = None
) -> KeyTask:
    """A directive becomes a key task of the Đảng bộ, or is linked to an existing one (source = the directive)."""
    if item.kind != ConferenceConclusion.Kind.DIRECTIVE:
        raise ValidationError(_("Chỉ nội dung chỉ đạo mới giao thành nhiệm vụ."))
    if task is not None:
        task.source = item
        task.save(update_fields=["source_type", "source_id"])
        return task
    return planning_services.task_create(
        org=item.conference.org,
        title=(title or item.text)[:500],
        start_date=timezone.localtime(item.conference.held_at).date(),
        due_date=due_date,
        source=item,
    )


# --- Calendar ------------------------------------------------------------------------------------------


@transaction.atomic
def calendar_token_for(*, user: Any, regenerate: bool = False) -> CalendarToken:
    token, created = CalendarToken.objects.get_or_create(user=user)
    if regenerate and not created:
        token.token = new_token()
        token.save(update_fields=["token", "created_at"])
    return token
