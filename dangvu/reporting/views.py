"""Pages of the reporting regime. Thin: access first (reporting.selectors, which asks
organization.access), then a form and a service, then a template."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import lookup
from dangvu.core.aggregates import ListPaginator
from dangvu.core.http import query_without
from dangvu.core.uploads import attachment_response
from dangvu.documents.docx_party import CONTENT_TYPE as DOCX_TYPE
from dangvu.organization.access import scope_for
from dangvu.reporting import selectors, services, xlsx
from dangvu.reporting.compile_docx import compilation_docx
from dangvu.reporting.forms import (
    AttachmentForm,
    CompilationForm,
    CompileForm,
    ObligationForm,
    ReportKindForm,
    RequestForm,
    ReturnForm,
    SubmissionFilterForm,
    SubmissionForm,
)
from dangvu.reporting.models import ReportKind, Submission


def _page(request: HttpRequest, qs: object) -> Page:
    return ListPaginator(qs, settings.DANGVU_PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    selectors.require_reader(request.user)
    today = timezone.localdate()
    form = SubmissionFilterForm(request.GET or None, user=request.user)
    page = _page(request, selectors.submissions_list(request.user, form.filters(), today=today))
    selectors.attach_days_late(list(page.object_list), today)
    context = {"form": form, "page": page, "query": query_without(request, "page"), "today": today}
    return render(request, "reporting/submission_list.html", context)


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    orgs = selectors.writable_orgs(request.user)
    if not scope_for(request.user).has_role(*selectors.WRITE_ROLES):
        raise PermissionDenied
    today = timezone.localdate()
    qs = selectors.visible_submissions(request.user).filter(org__in=orgs).select_related("kind", "org")
    page = _page(request, qs.order_by("-period_start", "org__path"))
    selectors.attach_days_late(list(page.object_list), today)
    return render(request, "reporting/my_reports.html", {"page": page, "query": "", "today": today})


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sub = selectors.get_submission_for_user(request.user, pk)
    scope = scope_for(request.user)
    context = {
        "sub": sub,
        "late_days": sub.days_late(timezone.localdate()),
        "events": selectors.submission_history(sub),
        "attachments": sub.attachments.active(),
        "can_manage": scope.covers(sub.org.path, selectors.MANAGE_ROLES),
        "can_write": scope.covers(sub.org.path, selectors.WRITE_ROLES) and sub.status in Submission.OPEN,
        "return_form": ReturnForm(),
    }
    return render(request, "reporting/submission_detail.html", context)


@login_required
def submission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    sub = selectors.get_submission_for_user(request.user, pk, write=True)
    form = SubmissionForm(request.POST or None, initial={"version": sub.version, **sub.sections()})
    if request.method == "POST" and form.is_valid():
        try:
            if "submit" in request.POST:
                services.submission_submit(
                    submission=sub,
                    user=request.user,
                    sections=form.sections(),
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(request, _("Đã gửi báo cáo."))
                return redirect("reporting:submission_detail", pk=sub.pk)
            services.submission_save(
                submission=sub,
                user=request.user,
                sections=form.sections(),
                expected_version=form.cleaned_data["version"],
            )
            messages.success(request, _("Đã lưu dự thảo."))
            return redirect("reporting:submission_edit", pk=sub.pk)
        except services.ReportingError as exc:
            form.add_error(None, str(exc))
    context = {"sub": sub, "form": form, "attach_form": AttachmentForm(), "attachments": sub.attachments.active()}
    return render(request, "reporting/submission_form.html", context)


@login_required
@require_POST
def submission_attach(request: HttpRequest, pk: int) -> HttpResponse:
    sub = selectors.get_submission_for_user(request.user, pk, write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(submission=sub, upload=form.cleaned_data["file"], user=request.user)
            messages.success(request, _("Đã đính kèm tệp."))
        except (ValidationError, services.ReportingError) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                messages.error(request, message)
    else:
        messages.error(request, _("Hãy chọn một tệp."))
    return redirect("reporting:submission_edit", pk=sub.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
    sub = selectors.get_submission_for_user(request.user, pk)
    attachment = get_object_or_404(sub.attachments.active(), pk=attachment_pk)
    return attachment_response(attachment.file, download_name=attachment.name)


@login_required
@require_POST
def submission_accept(request: HttpRequest, pk: int) -> HttpResponse:
    sub = selectors.get_submission_for_user(request.user, pk, manage=True)
    try:
        services.submission_accept(submission=sub, user=request.user)
        messages.success(request, _("Đã tiếp nhận báo cáo."))
    except services.ReportingError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:submission_detail", pk=sub.pk)


@login_required
@require_POST
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    sub = selectors.get_submission_for_user(request.user, pk, manage=True)
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.submission_return(submission=sub, user=request.user, comment=comment)
        messages.success(request, _("Đã trả lại báo cáo để bổ sung."))
    except services.ReportingError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:submission_detail", pk=sub.pk)


@login_required
def kind_list(request: HttpRequest) -> HttpResponse:
    selectors.require_manager(request.user)
    form = ReportKindForm(request.POST or None, user=request.user)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.report_kind_create(**data)
        messages.success(request, _("Đã thêm loại báo cáo."))
        return redirect("reporting:kind_list")
    return render(request, "reporting/kind_list.html", {"form": form, "kinds": selectors.kinds_for_user(request.user)})


@login_required
def kind_edit(request: HttpRequest, pk: int) -> HttpResponse:
    kind = get_object_or_404(selectors.kinds_for_user(request.user), pk=pk)
    selectors.require_manager(request.user)
    form = ReportKindForm(request.POST or None, instance=kind, user=request.user)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.report_kind_update(kind=ReportKind.objects.get(pk=kind.pk), **fields)
        messages.success(request, _("Đã lưu loại báo cáo."))
        return redirect("reporting:kind_list")
    return render(request, "reporting/kind_form.html", {"form": form, "kind": kind})


@login_required
def obligation_list(request: HttpRequest) -> HttpResponse:
    selectors.require_manager(request.user)
    form = ObligationForm(request.POST or None, user=request.user)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        services.obligation_create(**form.cleaned_data)
        messages.success(request, _("Đã giao nghĩa vụ báo cáo. Chạy “Tạo báo cáo phải nộp” để tạo các kỳ."))
        return redirect("reporting:obligation_list")
    page = _page(request, selectors.obligations_for_user(request.user))
    return render(request, "reporting/obligation_list.html", {"form": form, "page": page, "query": ""})


@login_required
def request_report(request: HttpRequest) -> HttpResponse:
    """Ask some cells for a thematic or ad hoc report with its own deadline."""
    selectors.require_manager(request.user)
    form = RequestForm(request.POST or None, user=request.user)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        subs = services.submissions_request(**form.cleaned_data)
        messages.success(request, _("Đã yêu cầu %(n)d tổ chức báo cáo.") % {"n": len(subs)})
        return redirect("reporting:submission_list")
    return render(request, "reporting/request_form.html", {"form": form})


@login_required
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    selectors.require_manager(request.user)
    created = services.submissions_generate(year=_year(request))
    messages.success(request, _("Đã tạo %(n)d báo cáo phải nộp.") % {"n": created})
    return redirect("reporting:obligation_list")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    selectors.require_reader(request.user)
    year, today = _year(request), timezone.localdate()
    page = _page(request, selectors.compliance_org_ids(request.user, year=year))
    rows = selectors.compliance_rows(selectors.orgs_by_ids(list(page.object_list)), year=year, today=today)
    trend = selectors.compliance_trend(request.user, year=year, today=today)
    context = {
        "year": year,
        "page": page,
        "rows": rows,
        "bars": selectors.trend_svg_bars(trend),
        "query": f"year={year}",
    }
    return render(request, "reporting/dashboard.html", context)


@login_required
def dashboard_export(request: HttpRequest) -> HttpResponse:
    selectors.require_reader(request.user)
    year, today = _year(request), timezone.localdate()
    out = io.BytesIO()
    xlsx.write_compliance(request.user, year=year, today=today, out=out)
    response = HttpResponse(out.getvalue(), content_type=xlsx.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-dung-han-{year}.xlsx"'
    return response


@login_required
def compile_report(request: HttpRequest) -> HttpResponse:
    selectors.require_manager(request.user)
    form = CompileForm(request.POST or None, user=request.user)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        try:
            compilation = services.compilation_create(
                org=form.cleaned_data["org"],
                kind=form.cleaned_data["kind"],
                period_start=form.cleaned_data["period"],
                user=request.user,
            )
            messages.success(request, _("Đã tổng hợp báo cáo số %(s)s.") % {"s": compilation.symbol})
            return redirect("reporting:compilation_detail", pk=compilation.pk)
        except services.ReportingError as exc:
            form.add_error(None, str(exc))
    compilations = selectors.compilations_for_user(request.user)[:50]
    return render(request, "reporting/compile.html", {"form": form, "compilations": compilations})


@login_required
def compilation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    compilation = selectors.get_compilation_for_user(request.user, pk, manage=request.method == "POST")
    can_manage = scope_for(request.user).covers(compilation.org.path, selectors.MANAGE_ROLES)
    form = CompilationForm(request.POST or None, instance=compilation, initial={"version": compilation.version})
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.compilation_update(
                compilation=compilation, user=request.user, expected_version=form.cleaned_data["version"], **fields
            )
            messages.success(request, _("Đã lưu báo cáo tổng hợp."))
            return redirect("reporting:compilation_detail", pk=compilation.pk)
        except services.ReportingError as exc:
            form.add_error(None, str(exc))
    return render(
        request, "reporting/compilation_detail.html", {"c": compilation, "form": form, "can_manage": can_manage}
    )


@login_required
def compilation_download(request: HttpRequest, pk: int) -> HttpResponse:
    compilation = selectors.get_compilation_for_user(request.user, pk)
    response = HttpResponse(compilation_docx(compilation), content_type=DOCX_TYPE)
    filename = f"bao-cao-tong-hop-{compilation.period_start:%Y%m}-{compilation.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
