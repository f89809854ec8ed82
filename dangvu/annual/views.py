"""Pages of the annual summary report. Thin: access (annual.access), a form, a service or selector, a template."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dangvu.annual import access, exports, selectors, services
from dangvu.annual.forms import CompareForm, ConferenceOpenForm, ReportCreateForm, SectionForm, VersionForm
from dangvu.annual.models import SECTION_KEYS, SECTION_TITLES, AnnualReport, ReportVersion
from dangvu.annual.tables import report_tables
from dangvu.core import lookup
from dangvu.core.models import ConcurrentEditError
from dangvu.documents.docx_party import CONTENT_TYPE as DOCX_TYPE

CONCURRENT_EDIT = gettext_lazy(
    "Người khác đã lưu bản ghi này sau khi bạn mở nó. Hãy tải lại trang để xem bản mới rồi sửa lại."
)


def _errors(err: ValidationError) -> str:
    return " ".join(err.messages)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    access.require_reader(request.user)
    page = Paginator(selectors.report_list(request.user), settings.DANGVU_PAGE_SIZE).get_page(request.GET.get("page"))
    can_create = access.writable_orgs(request.user).exists()
    return render(request, "annual/report_list.html", {"page": page, "can_create": can_create})


@login_required
def report_create(request: HttpRequest) -> HttpResponse:
    orgs = access.writable_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied
    form = ReportCreateForm(request.POST or None, orgs=orgs)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(
                org=form.cleaned_data["org"], year=form.cleaned_data["year"], user=request.user
            )
        except ValidationError as err:
            form.add_error(None, _errors(err))
        else:
            messages.success(request, _("Đã lập dự thảo báo cáo tổng kết từ số liệu của năm."))
            return redirect("annual:report_detail", pk=report.pk)
    return render(request, "annual/report_create.html", {"form": form})


def _detail(
    request: HttpRequest, report: AnnualReport, *, typed: dict[str, Any] | None = None, error: str = ""
) -> HttpResponse:
    version = services.current_version(report)
    can_write = access.can_write(request.user, report) and not report.is_final
    sections = []
    for key in SECTION_KEYS:
        text = typed["text"] if typed and typed["section"] == key else version.sections.get(key, "")
        form = SectionForm(initial={"section": key, "text": text, "version": report.version}, prefix=key)
        sections.append(
            {
                "key": key,
                "title": SECTION_TITLES[key],
                "text": version.sections.get(key, ""),
                "edited": key in version.edited,
                "form": form,
                "error": error if typed and typed["section"] == key else "",
            }
        )
    context = {
        "report": report,
        "version": version,
        "sections": sections,
        "tables": report_tables(version.figures),
        "as_of": datetime.date.fromisoformat(version.figures["as_of"]),
        "computed_at": datetime.datetime.fromisoformat(version.figures["computed_at"]),
        "recent_versions": list(selectors.versions(report)[:5]),
        "can_write": can_write,
        "can_finalise": access.can_finalise(request.user, report) and not report.is_final,
        "can_open_conference": access.can_write(request.user, report) and report.conference_id is None,
        **selectors.conference_part(report, request.user),
    }
    return render(request, "annual/report_detail.html", context, status=200)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk)
    return _detail(request, report)


@require_POST
@login_required
def section_save(request: HttpRequest, pk: int, key: str) -> HttpResponseBase:
    report = access.get_report_for_user(request.user, pk, write=True)
    if key not in SECTION_KEYS:
        raise PermissionDenied
    form = SectionForm(request.POST, prefix=key)
    if not form.is_valid():
        messages.error(request, _("Không đọc được nội dung gửi lên: hãy tải lại trang."))
        return redirect("annual:report_detail", pk=report.pk)
    typed = {"section": key, "text": form.cleaned_data["text"]}
    try:
        services.report_edit_section(
            report=report,
            key=key,
            text=form.cleaned_data["text"],
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as err:
        return _detail(request, report, typed=typed, error=_errors(err))
    except ConcurrentEditError:
        report.refresh_from_db()
        return _detail(request, report, typed=typed, error=str(CONCURRENT_EDIT))
    messages.success(request, _("Đã lưu %(section)s.") % {"section": SECTION_TITLES[key]})
    return redirect(f"{reverse('annual:report_detail', args=[report.pk])}#{key}")


@require_POST
@login_required
def report_refresh(request: HttpRequest, pk: int) -> HttpResponseBase:
    report = access.get_report_for_user(request.user, pk, write=True)
    form = VersionForm(request.POST)
    expected = form.cleaned_data["version"] if form.is_valid() else None
    try:
        services.report_refresh(report=report, user=request.user, expected_version=expected)
    except ValidationError as err:
        messages.error(request, _errors(err))
    except ConcurrentEditError:
        messages.error(request, CONCURRENT_EDIT)
    else:
        messages.success(request, _("Đã cập nhật số liệu; các phần đã sửa tay được giữ nguyên."))
    return redirect("annual:report_detail", pk=report.pk)


@require_POST
@login_required
def report_finalise(request: HttpRequest, pk: int) -> HttpResponseBase:
    report = access.get_report_for_user(request.user, pk, finalise=True)
    form = VersionForm(request.POST)
    expected = form.cleaned_data["version"] if form.is_valid() else None
    try:
        services.report_finalise(report=report, user=request.user, expected_version=expected)
    except ValidationError as err:
        messages.error(request, _errors(err))
    except ConcurrentEditError:
        messages.error(request, CONCURRENT_EDIT)
    else:
        messages.success(request, _("Đã ban hành báo cáo, số %(number)s.") % {"number": report.number})
    return redirect("annual:report_detail", pk=report.pk)


@login_required
def report_versions(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk)
    page = Paginator(selectors.versions(report), settings.DANGVU_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "annual/report_versions.html", {"report": report, "page": page})


@login_required
def report_compare(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk)
    latest = services.current_version(report).number
    form = CompareForm(request.GET or {"a": max(latest - 1, 1), "b": latest})
    rows = None
    old = new = None
    if form.is_valid():
        old = get_object_or_404(report.versions.defer("figures"), number=form.cleaned_data["a"])
        new = get_object_or_404(report.versions.defer("figures"), number=form.cleaned_data["b"])
        rows = selectors.compare(old, new)
    context = {"report": report, "form": form, "rows": rows, "old": old, "new": new}
    return render(request, "annual/report_compare.html", context)


def _version(request: HttpRequest, report: AnnualReport) -> ReportVersion:
    number = request.GET.get("v")
    if number and number.isdigit():
        return get_object_or_404(report.versions, number=int(number))
    return services.current_version(report)


@login_required
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk)
    data = exports.report_docx(report, _version(request, report))
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, "docx")}"'
    return response


@login_required
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk)
    data = exports.report_xlsx(report, _version(request, report))
    response = HttpResponse(data, content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, "xlsx")}"'
    return response


@login_required
def conference_open(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk, write=True)
    if report.conference_id is not None:
        return redirect("meetings:conference_detail", pk=report.conference_id)
    form = ConferenceOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.report_open_conference(
                report=report,
                held_at=form.when(),
                place=form.cleaned_data["place"],
                link=request.build_absolute_uri(reverse("annual:report_detail", args=[report.pk])),
                user=request.user,
            )
        except ValidationError as err:
            form.add_error(None, _errors(err))
        else:
            messages.success(request, _("Đã mở hội nghị tổng kết; báo cáo có trong chương trình hội nghị."))
            return redirect("meetings:conference_detail", pk=conference.pk)
    return render(request, "annual/conference_open.html", {"report": report, "form": form})
