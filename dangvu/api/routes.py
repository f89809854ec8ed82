"""The API's routes. Each one asks the owning app's access functions and selectors with the calling user:
no access rule is decided here. A record outside the user's scope is a 404, as in the pages."""

# No `from __future__ import annotations` here: django-ninja reads the parameter types at run time.

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Schema
from ninja.pagination import PageNumberPagination, paginate

from dangvu.api.api import SessionAuth, TokenAuth, api
from dangvu.api.schemas import (
    ERRORS,
    MAX_PK,
    ActivityDetailOut,
    ActivityOut,
    ConferenceOut,
    ExtractIn,
    ExtractOut,
    MeetingDetailOut,
    MeetingOut,
    MemberOut,
    OrgOut,
    PlanDetailOut,
    PlanOut,
    SubmissionDetailOut,
    SubmissionOut,
    TaskDetailOut,
    TaskOut,
)
from dangvu.core.aggregates import cached_count, page_rows
from dangvu.intake.extractors import extract
from dangvu.lib.vn_text import clean
from dangvu.meetings import selectors as meetings
from dangvu.organization import access as org_access
from dangvu.organization import selectors as organization
from dangvu.organization.models import PartyOrg
from dangvu.planning import access as planning_access
from dangvu.planning import selectors as planning
from dangvu.reporting import selectors as reporting
from dangvu.supervision import access as supervision

PAGE_SIZE = 50
Pk = Path(..., ge=1, le=MAX_PK)
Year = Field(None, ge=2000, le=2100)
OrgFilter = Field(None, ge=1, le=MAX_PK, description="Mã tổ chức đảng: chỉ lấy bản ghi trong cây của tổ chức này")


class Pages(PageNumberPagination):
    """Trang: `page` from 1, `page_size` up to 200. The answer is {"items": [...], "count": total}."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int | None = Field(None, ge=1, le=200)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=200, **kwargs)

    def paginate_queryset(self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any) -> Any:
        # as the pages' lists (core.aggregates.ListPaginator): the total cached, the page's ids sorted first
        if not isinstance(queryset, QuerySet):
            return super().paginate_queryset(queryset, pagination, request, **params)
        size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * size
        return {self.items_attribute: page_rows(queryset, offset, offset + size), "count": cached_count(queryset)}


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _text(value: str | None) -> str:
    # NUL cannot be stored nor compared in PostgreSQL; no Vietnamese text has one
    return clean((value or "").replace("\x00", ""))


def _org(request: HttpRequest, pk: int | None) -> PartyOrg | None:
    return None if pk is None else org_access.get_org_for_user(_user(request), pk)


# --- organizations and members ------------------------------------------------------------------------


class OrgFilters(Schema):
    kind: str | None = Field(None, max_length=20, description="Loại tổ chức (dang_bo_co_so, chi_bo, ...)")
    parent: int | None = Field(None, ge=1, le=MAX_PK, description="Mã tổ chức cấp trên trực tiếp")


@api.get("/orgs", response={200: list[OrgOut], **ERRORS}, url_name="org_list", tags=["Tổ chức đảng"])
@paginate(Pages)
def org_list(request: HttpRequest, filters: Query[OrgFilters]) -> QuerySet[PartyOrg]:
    """Tổ chức đảng trong phạm vi của người dùng."""
    qs = org_access.visible_orgs(_user(request))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.parent is not None:
        qs = qs.filter(parent_id=filters.parent)
    return qs.order_by("path")


@api.get("/orgs/{pk}", response={200: OrgOut, **ERRORS}, url_name="org_detail", tags=["Tổ chức đảng"])
def org_detail(request: HttpRequest, pk: int = Pk) -> PartyOrg:
    """Một tổ chức đảng."""
    return org_access.get_org_for_user(_user(request), pk)


class MemberFilterParams(Schema):
    q: str | None = Field(None, max_length=120, description="Tìm theo tên (không dấu cũng được) hoặc số thẻ")
    cell: int | None = OrgFilter
    status: str | None = Field(None, max_length=14, description="Tình trạng: du_bi, chinh_thuc, active, exempt, ...")


@api.get("/members", response={200: list[MemberOut], **ERRORS}, url_name="member_list", tags=["Đảng viên"])
@paginate(Pages)
def member_list(request: HttpRequest, filters: Query[MemberFilterParams]) -> Any:
    """Đảng viên trong phạm vi của người dùng (tìm theo tên như trang danh sách)."""
    params = organization.MemberFilters(
        q=_text(filters.q), cell=_org(request, filters.cell), status=_text(filters.status)
    )
    return organization.member_list(_user(request), params)


@api.get("/members/{pk}", response={200: MemberOut, **ERRORS}, url_name="member_detail", tags=["Đảng viên"])
def member_detail(request: HttpRequest, pk: int = Pk) -> Any:
    """Một đảng viên."""
    return org_access.get_member_for_user(_user(request), pk)


# --- plans and key tasks ------------------------------------------------------------------------------


class PlanFilters(Schema):
    year: int | None = Year


@api.get("/plans", response={200: list[PlanOut], **ERRORS}, url_name="plan_list", tags=["Kế hoạch"])
@paginate(Pages)
def plan_list(request: HttpRequest, filters: Query[PlanFilters]) -> Any:
    """Kế hoạch công tác năm."""
    return planning.plan_list(_user(request), filters.year)


@api.get("/plans/{pk}", response={200: PlanDetailOut, **ERRORS}, url_name="plan_detail", tags=["Kế hoạch"])
def plan_detail(request: HttpRequest, pk: int = Pk) -> dict[str, Any]:
    """Một kế hoạch, với tiến độ chung và số nhiệm vụ theo trạng thái."""
    plan = planning_access.get_plan_for_user(_user(request), pk)
    rollup = planning.plan_rollup(plan)
    return {
        "id": plan.pk,
        "owner": plan.owner,
        "year": plan.year,
        "title": plan.title,
        "status": plan.status,
        "description": plan.description,
        "percent": float(rollup.percent),
        "task_counts": rollup.counts,
    }


class TaskFilterParams(Schema):
    year: int | None = Year
    org: int | None = OrgFilter
    plan: int | None = Field(None, ge=1, le=MAX_PK)
    status: str | None = Field(None, max_length=12, description="not_started, in_progress, done, overdue, paused")
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None


@api.get("/tasks", response={200: list[TaskOut], **ERRORS}, url_name="task_list", tags=["Kế hoạch"])
@paginate(Pages)
def task_list(request: HttpRequest, filters: Query[TaskFilterParams]) -> Any:
    """Nhiệm vụ trọng tâm (trạng thái hiển thị có "quá hạn")."""
    user = _user(request)
    plan = None if filters.plan is None else planning_access.get_plan_for_user(user, filters.plan)
    params = planning.TaskFilters(
        year=filters.year,
        org=_org(request, filters.org),
        status=_text(filters.status),
        due_from=filters.due_from,
        due_to=filters.due_to,
        plan=plan,
    )
    return planning.task_list(user, params)


@api.get("/tasks/{pk}", response={200: TaskDetailOut, **ERRORS}, url_name="task_detail", tags=["Kế hoạch"])
def task_detail(request: HttpRequest, pk: int = Pk) -> Any:
    """Một nhiệm vụ trọng tâm."""
    task = planning_access.get_task_for_user(_user(request), pk)
    task.display_status = planning.task_detail(task)["display_status"]  # type: ignore[attr-defined]
    return task


# --- reports ------------------------------------------------------------------------------------------


class SubmissionFilterParams(Schema):
    year: int | None = Year
    org: int | None = OrgFilter
    kind: int | None = Field(None, ge=1, le=MAX_PK, description="Mã loại báo cáo")
    state: str | None = Field(None, max_length=10, description="on_time, late, missing, pending")


@api.get("/reports", response={200: list[SubmissionOut], **ERRORS}, url_name="report_list", tags=["Báo cáo"])
@paginate(Pages)
def report_list(request: HttpRequest, filters: Query[SubmissionFilterParams]) -> Any:
    """Báo cáo các tổ chức phải nộp, theo kỳ."""
    user = _user(request)
    params = reporting.SubmissionFilters(year=filters.year, org=_org(request, filters.org), state=_text(filters.state))
    qs = reporting.submissions_list(user, params, today=timezone.localdate())
    return qs if filters.kind is None else qs.filter(kind_id=filters.kind)


@api.get("/reports/{pk}", response={200: SubmissionDetailOut, **ERRORS}, url_name="report_detail", tags=["Báo cáo"])
def report_detail(request: HttpRequest, pk: int = Pk) -> Any:
    """Một báo cáo."""
    return reporting.get_submission_for_user(_user(request), pk)


# --- meetings and conferences -------------------------------------------------------------------------


class MeetingFilters(Schema):
    year: int | None = Year
    org: int | None = OrgFilter


@api.get("/meetings", response={200: list[MeetingOut], **ERRORS}, url_name="meeting_list", tags=["Sinh hoạt"])
@paginate(Pages)
def meeting_list(request: HttpRequest, filters: Query[MeetingFilters]) -> Any:
    """Buổi sinh hoạt chi bộ."""
    return meetings.meeting_list(_user(request), org=_org(request, filters.org), year=filters.year)


@api.get("/meetings/{pk}", response={200: MeetingDetailOut, **ERRORS}, url_name="meeting_detail", tags=["Sinh hoạt"])
def meeting_detail(request: HttpRequest, pk: int = Pk) -> Any:
    """Một buổi sinh hoạt."""
    return meetings.get_meeting_for_user(_user(request), pk)


class ConferenceFilters(Schema):
    year: int | None = Year


@api.get("/conferences", response={200: list[ConferenceOut], **ERRORS}, url_name="conference_list", tags=["Sinh hoạt"])
@paginate(Pages)
def conference_list(request: HttpRequest, filters: Query[ConferenceFilters]) -> Any:
    """Hội nghị của đảng bộ."""
    qs = meetings.visible_conferences(_user(request)).select_related("org")
    if filters.year is not None:
        qs = qs.filter(held_at__year=filters.year)
    return qs.order_by("-held_at", "-pk")


@api.get("/conferences/{pk}", response={200: ConferenceOut, **ERRORS}, url_name="conference_detail", tags=["Sinh hoạt"])
def conference_detail(request: HttpRequest, pk: int = Pk) -> Any:
    """Một hội nghị."""
    return meetings.get_conference_for_user(_user(request), pk)


# --- inspection and supervision -----------------------------------------------------------------------


class ActivityFilters(Schema):
    year: int | None = Year
    org: int | None = OrgFilter
    kind: str | None = Field(None, max_length=30, description="compliance, thematic, violation, finance, self, ...")
    state: str | None = Field(None, max_length=20)


@api.get("/inspections", response={200: list[ActivityOut], **ERRORS}, url_name="inspection_list", tags=["Kiểm tra"])
@paginate(Pages)
def inspection_list(request: HttpRequest, filters: Query[ActivityFilters]) -> Any:
    """Cuộc kiểm tra, giám sát (cuộc mật chỉ hiện với người được xem, như trong các trang)."""
    qs = supervision.visible_activities(_user(request)).select_related("program__org", "subject_org", "subject_member")
    org = _org(request, filters.org)
    if org is not None:
        qs = qs.filter(program__org__path__startswith=org.path)
    if filters.year is not None:
        qs = qs.filter(program__year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=_text(filters.kind))
    if filters.state:
        qs = qs.filter(state=_text(filters.state))
    return qs.order_by("-program__year", "planned_month", "pk")


@api.get(
    "/inspections/{pk}",
    response={200: ActivityDetailOut, **ERRORS},
    url_name="inspection_detail",
    tags=["Kiểm tra"],
)
def inspection_detail(request: HttpRequest, pk: int = Pk) -> Any:
    """Một cuộc kiểm tra, giám sát."""
    return supervision.get_activity_for_user(_user(request), pk)


# --- intake ---

# The role is checked with the user, before the body is read: a user without a role learns nothing (403).


def _with_role(user: Any) -> Any:
    if user is not None and not org_access.scope_for(user).sees_organization:
        raise PermissionDenied
    return user


class IntakeTokenAuth(TokenAuth):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return _with_role(super().authenticate(request, token))


class IntakeSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        return _with_role(super().authenticate(request, key))


# -------------------------------------------------------------------------------------------


@api.post(
    "/intake/extract",
    response={200: ExtractOut, 400: ERRORS[401], **ERRORS},
    url_name="intake_extract",
    tags=["Trích xuất"],
    auth=[IntakeTokenAuth(), IntakeSessionAuth()],
)
def intake_extract(request: HttpRequest, payload: ExtractIn) -> dict[str, Any]:
    """Trích xuất sự kiện, người, kết quả, hạn chế và chỉ đạo từ văn bản tiếng Việt (không lưu gì).

    Cho người có vai trò trong tổ chức (văn phòng, cấp ủy, kiểm tra, chi ủy, theo dõi); đảng viên không có
    vai trò nhận 403.
    """
    return extract(payload.text)
