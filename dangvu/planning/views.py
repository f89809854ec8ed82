"""Pages of plans, key tasks and the resolution register. Thin: access first (planning.access), then a
selector or a service, then a template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import lookup
from dangvu.core.aggregates import ListPaginator
from dangvu.core.http import query_without
from dangvu.core.models import ConcurrentEditError
from dangvu.core.uploads import attachment_response
from dangvu.organization.access import scope_for
from dangvu.planning import access, selectors, services
from dangvu.planning.forms import CommentForm, PlanForm, ProgressForm, ResolutionForm, TaskForm, task_filters
from dangvu.planning.models import AnnualPlan, KeyTask, Resolution

CONCURRENT_EDIT = _("Người khác đã lưu bản ghi này sau khi bạn mở nó. Hãy tải lại trang để xem bản mới rồi sửa lại.")


def _page(request: HttpRequest, qs: Any) -> Any:
    return ListPaginator(qs, settings.DANGVU_PAGE_SIZE).get_page(request.GET.get("page"))


def _add_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


# --- Plans ---------------------------------------------------------------------------------------------


# The overview is mostly the tasks; a province holds thousands of cell plans, which page above them a few at a
# time, on their own parameter (50 rows of each made the page a third slower and the tasks a long scroll away).
OVERVIEW_PLANS = 10


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The committee's plans for a year with every unit's tasks, filtered by unit, status and due date."""
    scope = scope_for(request.user)
    year = _year(request)
    form, filters = task_filters(request, default_year=year)
    year = filters.year or year
    context = {
        "year": year,
        "form": form,
        "plans": ListPaginator(selectors.plan_list(request.user, year), OVERVIEW_PLANS).get_page(
            request.GET.get("plans")
        ),
        "plans_query": query_without(request, "plans"),
        "page": _page(request, selectors.task_list(request.user, filters)),
        "query": query_without(request, "page"),
        "can_create": scope.superuser or access.editable_orgs(request.user).exists(),
        "can_manage_register": access.can_manage_register(request.user),
    }
    return render(request, "planning/overview.html", context)


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    if not access.editable_orgs(request.user).exists():
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_create(
                owner=data["owner"], year=data["year"], title=data["title"], description=data["description"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo kế hoạch."))
            return redirect("planning:plan_detail", pk=plan.pk)
    return render(request, "planning/plan_form.html", {"form": form})


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    tasks = list(selectors.plan_tasks(plan))
    context = {
        "plan": plan,
        "tasks": tasks,
        "rollup": selectors.plan_rollup(plan),
        "history": plan.history.select_related("by"),
        "other_tasks": selectors.tasks_from(plan, request.user).exclude(plan=plan),
        "can_edit": access.can_edit_plan(request.user, plan),
        "can_add_task": access.can_edit_org(request.user, plan.owner),
        "can_submit": access.can_submit_plan(request.user, plan),
        "can_review": access.can_review_plan(request.user, plan),
        "comment_form": CommentForm(),
    }
    return render(request, "planning/plan_detail.html", context)


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    if not access.can_edit_plan(request.user, plan):
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user, instance=plan)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_update(
                plan=plan,
                expected_version=data["version"],
                year=data["year"],
                title=data["title"],
                description=data["description"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except ConcurrentEditError:
            form.add_error(None, CONCURRENT_EDIT)
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect("planning:plan_detail", pk=plan.pk)
    return render(request, "planning/plan_form.html", {"form": form, "plan": plan})


@login_required
def plan_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    tasks = list(selectors.plan_tasks(plan))
    return render(request, "planning/plan_timeline.html", {"plan": plan, **selectors.timeline(plan, tasks)})


def _plan_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    allowed = access.can_submit_plan if action == "submit" else access.can_review_plan
    if not allowed(request.user, plan):
        # a plan already moved on is not a permission problem: say so instead of a 403
        if (
            plan.status != AnnualPlan.Status.SUBMITTED
            and action != "submit"
            and access.can_edit_org(request.user, plan.owner)
        ):
            messages.error(request, services.PLAN_NOT_SUBMITTED)
            return redirect("planning:plan_detail", pk=plan.pk)
        raise PermissionDenied
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        if action == "submit":
            services.plan_submit(plan=plan, user=request.user, comment=comment)
            messages.success(request, _("Đã trình kế hoạch lên cấp ủy."))
        elif action == "approve":
            services.plan_approve(plan=plan, user=request.user, comment=comment)
            messages.success(request, _("Đã phê duyệt kế hoạch."))
        else:
            services.plan_return(plan=plan, user=request.user, comment=comment)
            messages.success(request, _("Đã trả lại kế hoạch kèm ý kiến."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except services.PlanningError as exc:
        messages.error(request, str(exc))
    return redirect("planning:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_action(request, pk, "submit")


@login_required
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_action(request, pk, "approve")


@login_required
@require_POST
def plan_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_action(request, pk, "return")


# --- Tasks ---------------------------------------------------------------------------------------------


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    member_id = scope_for(request.user).member_id
    tasks = selectors.my_tasks(request.user, member_id) if member_id else KeyTask.objects.none()
    return render(request, "planning/my_tasks.html", {"page": _page(request, tasks), "member_id": member_id})


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.overdue_tasks(request.user))
    return render(request, "planning/overdue.html", {"page": page, "today": timezone.localdate()})


def _task_services_args(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in data if name != "version"}


@login_required
def task_create(request: HttpRequest) -> HttpResponse:
    if not access.editable_orgs(request.user).exists():
        raise PermissionDenied
    initial: dict[str, Any] = {}
    source: Any = None
    plan_pk = request.GET.get("plan", "")
    if plan_pk.isdigit():
        plan = access.get_plan_for_user(request.user, int(plan_pk))
        initial = {"plan": plan.pk, "org": plan.owner_id}
    resolution_pk = request.GET.get("resolution", "")
    if resolution_pk.isdigit():
        source = access.get_resolution_for_user(request.user, int(resolution_pk))
    form = TaskForm(request.POST or None, user=request.user, initial=initial)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        args = _task_services_args(form.cleaned_data)
        try:
            task = services.task_create(source=source, **args)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm nhiệm vụ."))
            return redirect("planning:task_detail", pk=task.pk)
    return render(request, "planning/task_form.html", {"form": form, "source": source})


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_task_for_user(request.user, pk)
    context = {
        "task": task,
        "can_edit": access.can_edit_task(request.user, task),
        "can_add_progress": access.can_add_progress(request.user, task),
        "source": task.source if task.source_type_id else None,
        "source_kind": task.source_type.model if task.source_type_id and task.source_type else "",
        **selectors.task_detail(task),
    }
    return render(request, "planning/task_detail.html", context)


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_task_for_user(request.user, pk, write=True)
    form = TaskForm(request.POST or None, user=request.user, instance=task)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        args = _task_services_args(form.cleaned_data)
        try:
            services.task_update(task=task, expected_version=form.cleaned_data["version"], **args)
        except ValidationError as exc:
            _add_errors(form, exc)
        except ConcurrentEditError:
            form.add_error(None, CONCURRENT_EDIT)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("planning:task_detail", pk=task.pk)
    return render(request, "planning/task_form.html", {"form": form, "task": task})


@login_required
def progress_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_task_for_user(request.user, pk)
    if not access.can_add_progress(request.user, task):
        raise PermissionDenied
    form = ProgressForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_add(
                task=task,
                user=request.user,
                date=data["date"],
                percent=data["percent"],
                note=data["note"],
                status=data["status"],
                evidence=data["evidence"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Đã cập nhật tiến độ."))
            return redirect("planning:task_detail", pk=task.pk)
    return render(request, "planning/progress_form.html", {"form": form, "task": task})


@login_required
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence files are served only here, after the access check on their task."""
    update = access.get_update_for_user(request.user, pk)
    if not update.evidence:
        raise Http404
    return attachment_response(update.evidence, download_name=Path(update.evidence.name).name)


# --- Resolutions ---------------------------------------------------------------------------------------


@login_required
def resolution_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.resolution_list(access.visible_resolutions(request.user))
    context = {"page": _page(request, qs), "can_create": access.can_manage_register(request.user)}
    return render(request, "planning/resolution_list.html", context)


@login_required
def resolution_create(request: HttpRequest) -> HttpResponse:
    if not access.can_manage_register(request.user):
        raise PermissionDenied
    form = ResolutionForm(request.POST or None, user=request.user)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        try:
            resolution = services.resolution_create(**form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        except IntegrityError:
            form.add_error("number", _("Số, ký hiệu này đã có trong sổ."))
        else:
            messages.success(request, _("Đã ghi vào sổ."))
            return redirect("planning:resolution_detail", pk=resolution.pk)
    return render(request, "planning/resolution_form.html", {"form": form})


@login_required
def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resolution: Resolution = access.get_resolution_for_user(request.user, pk)
    context = {
        "resolution": resolution,
        "tasks": selectors.tasks_from(resolution, request.user),
        "can_add_task": access.editable_orgs(request.user).exists(),
    }
    return render(request, "planning/resolution_detail.html", context)
