"""Pages of inspection and supervision. Thin: access (supervision.access), a form, a service, a template."""

from __future__ import annotations

import datetime
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import lookup
from dangvu.core.http import query_without
from dangvu.documents.docx_party import CONTENT_TYPE as DOCX_TYPE
from dangvu.supervision import access, exports, selectors, services
from dangvu.supervision.forms import (
    ActivityForm,
    AdvanceForm,
    FindingForm,
    FollowUpForm,
    ProgramFilterForm,
    ProgramForm,
    RecommendationForm,
)
from dangvu.supervision.models import Activity


def _errors(form: object, err: ValidationError) -> None:
    for message in err.messages:
        form.add_error(None, message)  # type: ignore[attr-defined]


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_list(request.user))
    form = ProgramFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    programs = selectors.program_list(
        request.user, year=filters.get("year"), body=filters.get("body") or "", kind=filters.get("kind") or ""
    )
    can_create = any(qs.exists() for qs in access.manageable_program_orgs(request.user).values())
    return render(
        request, "supervision/program_list.html", {"form": form, "programs": programs, "can_create": can_create}
    )


@login_required
def program_create(request: HttpRequest) -> HttpResponse:
    form = ProgramForm(request.POST or None, user=request.user)
    access.require(form.fields["org"].queryset.exists())  # type: ignore[attr-defined]
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_create(
                org=form.cleaned_data["org"],
                body=form.cleaned_data["body"],
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã tạo chương trình."))
            return redirect("supervision:program_detail", pk=program.pk)
    return render(request, "supervision/form.html", {"form": form, "title": _("Thêm chương trình kiểm tra, giám sát")})


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_for_user(request.user, pk)
    kind = request.GET.get("kind") or ""
    activities = selectors.program_activities(request.user, program, kind=kind)
    context = {
        "program": program,
        "activities": activities,
        "kinds": Activity.Kind.choices,
        "kind": kind,
        "can_manage": access.can_manage_program(request.user, program),
    }
    return render(request, "supervision/program_detail.html", context)


@login_required
@require_POST
def program_issue(request: HttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_for_user(request.user, pk, manage=True)
    try:
        services.program_issue(program=program)
    except ValidationError as err:
        for message in err.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã ban hành chương trình."))
    return redirect("supervision:program_detail", pk=program.pk)


@login_required
def program_export(request: HttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_for_user(request.user, pk)
    out = io.BytesIO()
    exports.write_program(request.user, program, out=out)
    response = HttpResponse(out.getvalue(), content_type=exports.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="chuong-trinh-ktgs-{program.year}-{program.pk}.xlsx"'
    return response


@login_required
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_for_user(request.user, pk, manage=True)
    form = ActivityForm(request.POST or None, user=request.user)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = services.activity_create(
                program=program,
                kind=data["kind"],
                content=data["content"],
                planned_month=data["planned_month"],
                subject_org=data["subject_org"],
                subject_member=data["subject_member"],
                lead=data["lead"],
                team=data["team"],
                period_from=data["period_from"],
                period_to=data["period_to"],
            )
        except ValidationError as err:
            _errors(form, err)
        else:
            return redirect("supervision:activity_detail", pk=activity.pk)
    context = {"form": form, "title": _("Thêm cuộc kiểm tra, giám sát"), "program": program}
    return render(request, "supervision/form.html", context)


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, pk)
    can_manage = access.can_manage_activity(request.user, activity)
    context = {
        "activity": activity,
        "program": activity.program,
        "can_manage": can_manage,
        "next_state": services.next_state(activity),
        "today": timezone.localdate(),
        **selectors.activity_page(activity, request.user),
    }
    return render(request, "supervision/activity_detail.html", context)


@login_required
def activity_advance(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, pk, manage=True)
    nxt = services.next_state(activity)
    form = AdvanceForm(request.POST or None, initial={"to": nxt, "date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_advance(activity=activity, user=request.user, **form.cleaned_data)
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã chuyển bước."))
            return redirect("supervision:activity_detail", pk=activity.pk)
    context = {"form": form, "title": _("Chuyển bước: %(a)s") % {"a": activity}, "activity": activity}
    return render(request, "supervision/form.html", context)


@login_required
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, pk, manage=True)
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.finding_add(activity=activity, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"])
        return redirect("supervision:activity_detail", pk=activity.pk)
    context = {"form": form, "title": _("Thêm kết quả kiểm tra"), "activity": activity}
    return render(request, "supervision/form.html", context)


@login_required
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, pk, manage=True)
    form = RecommendationForm(request.POST or None, user=request.user, activity=activity)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_add(**form.cleaned_data)
        except ValidationError as err:
            _errors(form, err)
        else:
            return redirect("supervision:activity_detail", pk=activity.pk)
    context = {"form": form, "title": _("Thêm kiến nghị"), "activity": activity}
    return render(request, "supervision/form.html", context)


@login_required
def follow_up_add(request: HttpRequest, pk: int) -> HttpResponse:
    rec = access.get_recommendation_for_user(request.user, pk, manage=True)
    form = FollowUpForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_follow_up(recommendation=rec, user=request.user, **form.cleaned_data)
        except ValidationError as err:
            _errors(form, err)
        else:
            return redirect("supervision:activity_detail", pk=rec.finding.activity_id)
    context = {"form": form, "title": _("Theo dõi khắc phục: %(r)s") % {"r": rec}, "activity": rec.finding.activity}
    return render(request, "supervision/form.html", context)


@login_required
@require_POST
def recommendation_task(request: HttpRequest, pk: int) -> HttpResponse:
    rec = access.get_recommendation_for_user(request.user, pk, manage=True)
    try:
        task = services.recommendation_make_task(recommendation=rec)
    except ValidationError as err:
        for message in err.messages:
            messages.error(request, message)
        return redirect("supervision:activity_detail", pk=rec.finding.activity_id)
    messages.success(request, _("Đã tạo nhiệm vụ trọng tâm."))
    return redirect("planning:task_detail", pk=task.pk)


@login_required
def activity_notice(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, pk)
    if activity.concluded_on is None:
        raise PermissionDenied
    response = HttpResponse(exports.notice_docx(activity), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="thong-bao-ket-luan-{activity.pk}.docx"'
    return response


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    access.require(access.can_view_coverage(request.user))
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    # A past year is judged as it stood at its end (and by the rule in force then), not by today's date.
    as_of = min(today, datetime.date(year, 12, 31)) if 2000 <= year <= today.year else today
    data = selectors.coverage(request.user, today=as_of, year=year)
    state = request.GET.get("state", "")
    state = state if state in ("missing", "done") else ""
    total, missing = data.cells.count(), data.missing.count()
    cells = {"": data.cells, "missing": data.missing, "done": data.cells.filter(missing=False)}[state]
    paginator = Paginator(cells, settings.DANGVU_PAGE_SIZE)
    paginator.count = {"": total, "missing": missing, "done": total - missing}[state]  # counted already
    return render(
        request,
        "supervision/coverage.html",
        {
            "coverage": data,
            "page": paginator.get_page(request.GET.get("page")),
            "query": query_without(request, "page"),
            "tab_query": query_without(request, "page", "state"),
            "state": state,
            "missing_count": missing,
            "tabs": [
                ("", _("Tất cả"), total),
                ("missing", _("Chưa tự kiểm tra"), missing),
                ("done", _("Đạt"), total - missing),
            ],
        },
    )
