"""A plan's tasks as XLSX, and the edited file back as a bulk progress update (layout: planning.xlsx)."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dangvu.planning import access, xlsx
from dangvu.planning.forms import ImportForm

SPOOL_BYTES = 4 * 1024 * 1024
MAX_ERRORS_SHOWN = 300


@login_required
def plan_export(request: HttpRequest, pk: int) -> FileResponse:
    plan = access.get_plan_for_user(request.user, pk)
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - FileResponse closes it
    xlsx.write_plan(plan, out)
    out.seek(0)
    filename = f"ke-hoach-{plan.year}-{plan.pk}.xlsx"
    return FileResponse(out, as_attachment=True, filename=filename, content_type=xlsx.CONTENT_TYPE)


@login_required
def plan_import(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    if not access.can_edit_org(request.user, plan.owner):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[xlsx.RowError] = []
    if request.method == "POST" and form.is_valid():
        result = xlsx.import_progress(plan=plan, user=request.user, upload=form.cleaned_data["file"])
        if result.ok:
            messages.success(
                request,
                _("Đã cập nhật tiến độ %(applied)d nhiệm vụ (%(unchanged)d dòng không đổi).")
                % {"applied": result.applied, "unchanged": result.unchanged},
            )
            return redirect("planning:plan_detail", pk=plan.pk)
        errors = result.errors
    context = {
        "plan": plan,
        "form": form,
        "errors": errors[:MAX_ERRORS_SHOWN],
        "error_count": len(errors),
        "editable": [header for _k, header, _w, editable in xlsx.COLUMNS if editable],
    }
    return render(request, "planning/plan_import.html", context)
