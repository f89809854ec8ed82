"""Member import and export as XLSX. The layout and parsing are organization.xlsx, the import service
organization.imports; these views check access, read the request and answer."""

from __future__ import annotations

import tempfile
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.aggregates import cached_count
from dangvu.core.http import too_long
from dangvu.organization import imports, selectors, xlsx
from dangvu.organization.access import manageable_orgs, scope_for
from dangvu.organization.forms import member_filters
from dangvu.organization.models import Member

SPOOL_BYTES = 4 * 1024 * 1024  # a workbook larger than this goes to a temporary file, not memory
# The longest list exported in one request: about 0.4 ms a member, so 8 s. A province's 200,000 members took
# 76 s, past the server's worker timeout (docs/performance.md); the list asks for a filter instead.
MAX_EXPORT_MEMBERS = 20_000
MAX_ERRORS_SHOWN = 300


def _max_mb() -> str:
    return f"{settings.DANGVU_MAX_UPLOAD_BYTES / (1024 * 1024):g}"


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp XLSX"),
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
        error_messages={
            "required": gettext_lazy("Hãy chọn tệp XLSX để nhập."),
            "empty": gettext_lazy("Tệp tải lên trống (0 byte): hãy chọn đúng tệp bảng tính."),
        },
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > settings.DANGVU_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (%(size).1f MB): chỉ nhận tệp tới %(max)s MB.")
                % {"size": (upload.size or 0) / (1024 * 1024), "max": _max_mb()}
            )
        return upload


@login_required
def member_import(request: HttpRequest) -> HttpResponse:
    if not manageable_orgs(request.user).exists():
        raise PermissionDenied
    form = MemberImportForm(request.POST or None, request.FILES or None)
    errors: list[xlsx.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = imports.import_members(user=request.user, upload=upload, filename=upload.name or "")
        if result.ok:
            messages.success(
                request,
                _("Đã nhập %(created)d đảng viên mới, cập nhật %(updated)d.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("organization:member_list")
        errors = result.errors
    context = {
        "form": form,
        "errors": errors[:MAX_ERRORS_SHOWN],
        "more_errors": max(len(errors) - MAX_ERRORS_SHOWN, 0),
        "error_count": len(errors),
        "columns": _column_help(),
        "max_mb": _max_mb(),
    }
    return render(request, "organization/member_import.html", context)


def _column_help() -> list[dict[str, Any]]:
    return [
        {
            "header": xlsx.header(c.key),
            "required": c.required,
            "hint": xlsx.theory_labels() if c.kind is xlsx.Kind.THEORY else c.hint,
        }
        for c in xlsx.COLUMNS
    ]


@login_required
def member_export(request: HttpRequest) -> HttpResponseBase:
    """The member list as XLSX, with the list's filters; `?template=1` gives the empty layout to fill in."""
    if not scope_for(request.user).sees_organization:
        raise PermissionDenied
    today = timezone.localdate()
    if request.GET.get("template"):
        return _xlsx_response(Member.objects.none(), _("Danh sách đảng viên"), "mau-nhap-dang-vien.xlsx")
    _form, filters = member_filters(request, list_choices=False)
    members = selectors.member_list(request.user, filters)
    message = _("Danh sách theo bộ lọc có %(n)s đảng viên, quá %(max)s để xuất một lần: hãy chọn một tổ chức đảng.")
    if refused := too_long(request, cached_count(members), MAX_EXPORT_MEMBERS, message, "organization:member_list"):
        return refused
    title = _("Danh sách đảng viên (xuất ngày %(date)s)") % {"date": today.strftime("%d/%m/%Y")}
    # member_list joins cell and gov_unit; iterating in chunks keeps memory flat on a large Đảng bộ.
    return _xlsx_response(members.iterator(chunk_size=1000), title, f"dang-vien-{today:%Y%m%d}.xlsx")


def _xlsx_response(members: Any, title: str, filename: str) -> FileResponse:
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - FileResponse closes it
    xlsx.write_members(members, out, title=title)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=xlsx.CONTENT_TYPE)
