"""Pages of cell meetings and conferences. Thin: access first (meetings.selectors, which asks
organization.access), then a form and a service, then a template."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core import lookup
from dangvu.core.aggregates import ListPaginator
from dangvu.core.http import query_without
from dangvu.core.models import ConcurrentEditError
from dangvu.core.uploads import attachment_response
from dangvu.documents.access import can_register
from dangvu.documents.docx_party import CONTENT_TYPE as DOCX_TYPE
from dangvu.documents.services import document_for
from dangvu.meetings import exports, selectors, services
from dangvu.meetings.forms import (
    ATTENDANCE_CHOICES,
    AgendaForm,
    ConferenceForm,
    ConferenceItemForm,
    DatedTextForm,
    DocumentForm,
    MeetingForm,
    MinutesForm,
    TaskForm,
    TextForm,
    TopicForm,
)
from dangvu.meetings.models import (
    CalendarToken,
    Conclusion,
    Conference,
    ConferenceConclusion,
    Meeting,
    MeetingDocument,
    Minutes,
    Topic,
)
from dangvu.organization.access import scope_for
from dangvu.organization.models import Member
from dangvu.planning.selectors import tasks_from


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def _has_any_scope(user: Any) -> bool:
    scope = scope_for(user)
    return scope.sees_organization or scope.member_id is not None


# --- Meetings ------------------------------------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    if not _has_any_scope(request.user):
        raise PermissionDenied
    year = _year(request)
    qs = selectors.meeting_list(request.user, year=year)
    page = ListPaginator(qs, settings.DANGVU_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "year": year,
        "can_create": selectors.writable_cells(request.user).exists(),
        "can_read_all": selectors.can_read_all(request.user),
    }
    return render(request, "meetings/meeting_list.html", context)


@login_required
def meeting_create(request: HttpRequest) -> HttpResponseBase:
    cells = selectors.writable_cells(request.user)
    if not cells.exists():
        raise PermissionDenied
    form = MeetingForm(request.POST or None, cells=cells)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                org=data["org"],
                kind=data["kind"],
                planned_at=form.when(),
                place=data["place"],
                topic=data["topic"],
                topic_ref=data["topic_ref"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Đã lên lịch buổi sinh hoạt; chương trình đã điền sẵn theo quy định."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "title": _("Lên lịch sinh hoạt chi bộ")})


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Change the time, place or content of a planned meeting (the preparation deadline follows)."""
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    local = timezone.localtime(meeting.planned_at)
    initial = {
        "org": meeting.org,
        "kind": meeting.kind,
        "day": local.date(),
        "time": local.time(),
        "place": meeting.place,
        "topic": meeting.topic,
        "topic_ref": meeting.topic_ref,
        "version": meeting.version,
    }
    form = MeetingForm(request.POST or None, initial=initial, cells=selectors.writable_cells(request.user))
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_update(
                meeting=meeting,
                expected_version=data["version"],
                org=data["org"],
                kind=data["kind"],
                planned_at=form.when(),
                place=data["place"],
                topic=data["topic"],
                topic_ref=data["topic_ref"],
            )
        except ConcurrentEditError:
            messages.error(request, _("Người khác vừa sửa buổi sinh hoạt này: hãy tải lại trang."))
        except ValidationError as exc:
            _errors(request, exc)
        else:
            return _back(meeting)
    return render(request, "meetings/form.html", {"form": form, "title": _("Sửa buổi sinh hoạt"), "meeting": meeting})


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    can_write = selectors.can_write_meeting(request.user, meeting)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    conclusions = [(c, tasks_from(c, user=request.user)) for c in meeting.conclusions.all()]
    context = {
        "meeting": meeting,
        "can_write": can_write,
        "can_keep_minutes": selectors.can_keep_minutes(request.user, meeting),
        "can_approve": selectors.can_approve_minutes(request.user, meeting),
        "quorum": selectors.quorum(meeting),
        "duration": selectors.duration_check(meeting),
        "agenda": meeting.agenda.select_related("presenter"),
        "documents": meeting.documents.all(),
        "attendance": meeting.attendance.select_related("member").order_by("member__sort_key"),
        "minutes": minutes,
        "comments": minutes.comments.select_related("author") if minutes else [],
        "amendments": minutes.amendments.all() if minutes else [],
        "conclusions": conclusions,
        "can_comment": minutes is not None
        and minutes.status == Minutes.Status.CIRCULATED
        and (can_write or selectors.is_attendee(request.user, meeting)),
        "agenda_form": AgendaForm(meeting=meeting) if can_write else None,
        "document_form": DocumentForm() if can_write else None,
        "text_form": TextForm(),
        "dated_form": DatedTextForm(initial={"date": timezone.localtime(meeting.planned_at).date()}),
        "task_form": TaskForm(),
        "rules": selectors.meeting_rules(timezone.localtime(meeting.planned_at).date()),
        "regulation": selectors.regulation_code(timezone.localtime(meeting.planned_at).date()),
    }
    return render(request, "meetings/meeting_detail.html", context)


def _back(meeting: Meeting) -> HttpResponseBase:
    return redirect("meetings:meeting_detail", pk=meeting.pk)


@require_POST
@login_required
def meeting_prepared(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    services.meeting_mark_prepared(meeting=meeting)
    messages.success(request, _("Đã ghi nhận chi ủy chuẩn bị xong."))
    return _back(meeting)


@require_POST
@login_required
def meeting_held(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    services.meeting_mark_held(meeting=meeting)
    return _back(meeting)


@require_POST
@login_required
def agenda_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    form = AgendaForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.agenda_item_add(meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
    return _back(meeting)


@require_POST
@login_required
def document_upload(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_attach(meeting=meeting, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("Hãy chọn tệp tài liệu."))
    return _back(meeting)


@login_required
def document_download(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    doc = get_object_or_404(MeetingDocument, pk=doc_pk, meeting=meeting)
    return attachment_response(doc.file, download_name=doc.name)


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    roster = list(Member.objects.filter(cell=meeting.org, archived_at__isnull=True).order_by("sort_key"))
    recorded = {a.member_id: a for a in meeting.attendance.all()}
    if request.method == "POST":
        rows = []
        for key in request.POST:
            if not key.startswith("status-"):
                continue
            member = Member.objects.filter(pk=key.removeprefix("status-")).first()
            if member is None:
                continue
            rows.append((member, request.POST[key], request.POST.get(f"reason-{member.pk}", "")))
        try:
            services.attendance_record(meeting=meeting, rows=rows)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Đã ghi điểm danh."))
            return _back(meeting)
    lines = [(m, recorded.get(m.pk)) for m in roster]
    context = {"meeting": meeting, "lines": lines, "choices": ATTENDANCE_CHOICES}
    return render(request, "meetings/attendance.html", context)


@login_required
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not selectors.can_keep_minutes(request.user, meeting):
        raise PermissionDenied
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.status == Minutes.Status.APPROVED:
        messages.error(request, services.LOCKED)
        return _back(meeting)
    initial = {"opinions": minutes.opinions, "version": minutes.version} if minutes else {}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(
                meeting=meeting,
                opinions=form.cleaned_data["opinions"],
                expected_version=form.cleaned_data["version"],
            )
        except ConcurrentEditError:
            messages.error(request, _("Người khác vừa lưu biên bản này: hãy tải lại trang."))
        except ValidationError as exc:
            _errors(request, exc)
        else:
            return _back(meeting)
    return render(request, "meetings/form.html", {"form": form, "title": _("Biên bản"), "meeting": meeting})


@require_POST
@login_required
def minutes_step(request: HttpRequest, pk: int, step: str) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    allowed = selectors.can_approve_minutes if step == "approve" else selectors.can_keep_minutes
    if not allowed(request.user, meeting):
        raise PermissionDenied
    actions = {"circulate": services.minutes_circulate}
    try:
        if step == "approve":
            services.minutes_approve(meeting=meeting, user=request.user)
        elif step in actions:
            actions[step](meeting=meeting)
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return _back(meeting)


@require_POST
@login_required
def minutes_comment(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not (selectors.can_write_meeting(request.user, meeting) or selectors.is_attendee(request.user, meeting)):
        raise PermissionDenied
    form = TextForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi nội dung góp ý."))
        services.minutes_comment(meeting=meeting, user=request.user, text=form.cleaned_data["text"])
    except ValidationError as exc:
        _errors(request, exc)
    return _back(meeting)


@require_POST
@login_required
def amendment_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    form = DatedTextForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi ngày và nội dung đính chính."))
        services.amendment_add(
            meeting=meeting, user=request.user, text=form.cleaned_data["text"], date=form.cleaned_data["date"]
        )
    except ValidationError as exc:
        _errors(request, exc)
    return _back(meeting)


@require_POST
@login_required
def conclusion_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    form = DatedTextForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi ngày và nội dung kết luận."))
        services.conclusion_add(meeting=meeting, text=form.cleaned_data["text"], date=form.cleaned_data["date"])
    except ValidationError as exc:
        _errors(request, exc)
    return _back(meeting)


@require_POST
@login_required
def conclusion_task(request: HttpRequest, pk: int, conclusion_pk: int) -> HttpResponseBase:
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    conclusion = get_object_or_404(Conclusion, pk=conclusion_pk, meeting=meeting)
    form = TaskForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi hạn hoàn thành (dd/mm/yyyy)."))
        services.conclusion_to_task(conclusion=conclusion, **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã giao thành nhiệm vụ trọng tâm."))
    return _back(meeting)


@login_required
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    response = HttpResponse(exports.minutes_docx(meeting), content_type=DOCX_TYPE)
    name = f"bien-ban-{timezone.localtime(meeting.planned_at):%Y-%m-%d}-{meeting.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Measures and topics -------------------------------------------------------------------------------


@login_required
def measures(request: HttpRequest) -> HttpResponse:
    if not selectors.can_read_all(request.user):
        raise PermissionDenied
    year = _year(request)
    today = timezone.localdate()
    # A page of cells at a time: a province's 10,021 cells made 21.9 MB of HTML in 17.5 s (docs/performance.md).
    page = Paginator(selectors.visible_cells(request.user).order_by("path"), settings.DANGVU_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = selectors.measures(request.user, year=year, until=today, cells=list(page.object_list))
    context = {
        "rows": rows,
        "page": page,
        "query": query_without(request, "page"),
        "year": year,
        "months": rows[0].months if rows else [],
        "late": selectors.not_prepared(request.user)[:50],
    }
    return render(request, "meetings/measures.html", context)


@login_required
def topic_list(request: HttpRequest) -> HttpResponseBase:
    if not _has_any_scope(request.user):
        raise PermissionDenied
    owners = selectors.conference_orgs(request.user)
    form = TopicForm(request.POST or None) if owners.exists() else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            topic = form.save(commit=False)
            topic.owner = owners.order_by("path").first()
            topic.save()
            return redirect("meetings:topic_list")
    topics = Topic.objects.active().select_related("resolution")
    return render(request, "meetings/topic_list.html", {"topics": topics, "form": form})


# --- Conferences ---------------------------------------------------------------------------------------


@login_required
def conference_list(request: HttpRequest) -> HttpResponse:
    if not selectors.can_read_all(request.user):
        raise PermissionDenied
    conferences = selectors.visible_conferences(request.user).select_related("org")
    can_create = selectors.conference_orgs(request.user).exists()
    return render(request, "meetings/conference_list.html", {"conferences": conferences, "can_create": can_create})


@login_required
def conference_create(request: HttpRequest) -> HttpResponseBase:
    orgs = selectors.conference_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied
    form = ConferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        conference = services.conference_create(
            org=orgs.order_by("path")[0],
            kind=data["kind"],
            title=data["title"],
            held_at=form.when(),
            place=data["place"],
            chair=data["chair"],
            agenda=data["agenda"],
        )
        return redirect("meetings:conference_detail", pk=conference.pk)
    return render(request, "meetings/form.html", {"form": form, "title": _("Hội nghị mới")})


@login_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_user(request.user, pk)
    can_write = scope_for(request.user).covers(conference.org.path, selectors.CONFERENCE_WRITE_ROLES)
    items = [(c, tasks_from(c, user=request.user)) for c in conference.conclusions.all()]
    context = {
        "conference": conference,
        "can_write": can_write,
        "reports": conference.reports.all(),
        "opinions": conference.opinions.all(),
        "items": items,
        "form": ConferenceItemForm() if can_write else None,
        "task_form": TaskForm(),
        "notice": document_for(conference, doc_type="TB"),
        "may_number": can_register(request.user, conference.org),
    }
    return render(request, "meetings/conference_detail.html", context)


@require_POST
@login_required
def conference_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    conference = selectors.get_conference_for_user(request.user, pk, write=True)
    form = ConferenceItemForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if data["part"] == "report":
            services.conference_report_add(
                conference=conference, presenter=data["who"], title=data["text"], link=data["link"]
            )
        elif data["part"] == "opinion":
            services.conference_opinion_add(conference=conference, speaker=data["who"], text=data["text"])
        else:
            services.conference_conclusion_add(conference=conference, kind=data["part"], text=data["text"])
    else:
        messages.error(request, _("Hãy chọn phần và ghi nội dung."))
    return redirect("meetings:conference_detail", pk=conference.pk)


@require_POST
@login_required
def directive_task(request: HttpRequest, pk: int, item_pk: int) -> HttpResponseBase:
    conference = selectors.get_conference_for_user(request.user, pk, write=True)
    item = get_object_or_404(ConferenceConclusion, pk=item_pk, conference=conference)
    form = TaskForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi hạn hoàn thành (dd/mm/yyyy)."))
        services.directive_to_task(item=item, **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("meetings:conference_detail", pk=conference.pk)


def _conference_number(request: HttpRequest, conference: Conference) -> str | None:
    """The conclusions' number from the document register: issued once, when the office asks for it (POST)."""
    from dangvu.documents.services import document_issue_outgoing

    issued = document_for(conference, doc_type="TB")
    if issued is None and request.method == "POST":
        if not can_register(request.user, conference.org):
            raise PermissionDenied
        try:
            issued = document_issue_outgoing(
                issuer=conference.org,
                doc_type="TB",
                summary=_("Kết luận của %(c)s") % {"c": conference.title},
                user=request.user,
                date=timezone.localtime(conference.held_at).date(),
                links=(conference,),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return issued.symbol if issued else None


@login_required
@require_http_methods(["GET", "POST"])
def conference_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The conclusions as a DOCX: a draft with a blank number (GET), or numbered by the register (POST, office)."""
    conference = selectors.get_conference_for_user(request.user, pk)
    response = HttpResponse(
        exports.conference_docx(conference, symbol=_conference_number(request, conference)), content_type=DOCX_TYPE
    )
    name = f"ket-luan-hoi-nghi-{timezone.localtime(conference.held_at):%Y-%m-%d}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Calendar ------------------------------------------------------------------------------------------


def feed_url(request: HttpRequest, token: str, cell_pk: int | None = None) -> str:
    """The address of a feed. The feed patterns are unnamed on purpose: they answer without a session."""
    base = reverse("meetings:calendar")
    tail = f"{token}/chi-bo-{cell_pk}.ics" if cell_pk else f"{token}/ca-nhan.ics"
    return request.build_absolute_uri(base + tail)


@login_required
def calendar(request: HttpRequest) -> HttpResponseBase:
    if request.method == "POST":
        services.calendar_token_for(user=request.user, regenerate=True)
        messages.success(request, _("Đã tạo địa chỉ lịch mới; địa chỉ cũ không còn dùng được."))
        return redirect("meetings:calendar")
    token = services.calendar_token_for(user=request.user).token
    cells = [(c, feed_url(request, token, c.pk)) for c in selectors.visible_cells(request.user).order_by("path")[:50]]
    context = {"personal": feed_url(request, token), "cells": cells}
    return render(request, "meetings/calendar.html", context)


def _token_user(token: str) -> Any:
    found = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if found is None:
        raise Http404
    return found.user


def _ics(data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-sinh-hoat.ics"'
    return response


def feed_person(request: HttpRequest, token: str) -> HttpResponse:
    """The meetings of the token user's own cell, and of the cells they prepare."""
    user = _token_user(token)
    scope = scope_for(user)
    qs = selectors.visible_meetings(user)
    cells = set(selectors.writable_cells(user).values_list("pk", flat=True))
    if scope.member_cell_id is not None:
        cells.add(scope.member_cell_id)
    meetings = qs.filter(org_id__in=cells).select_related("org").order_by("planned_at")
    return _ics(exports.calendar_ics(meetings, name=_("Lịch sinh hoạt chi bộ của tôi")))


def feed_cell(request: HttpRequest, token: str, cell_pk: int) -> HttpResponse:
    user = _token_user(token)
    cell = get_object_or_404(selectors.visible_cells(user), pk=cell_pk)
    meetings = selectors.visible_meetings(user).filter(org=cell).select_related("org").order_by("planned_at")
    return _ics(exports.calendar_ics(meetings, name=cell.name))
