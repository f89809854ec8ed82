"""Thanh điều hướng chính: the sections a signed-in user is offered, and the one they are in.

The project's own module, beside urls.py, since the navigation spans every app. It is built per request as
data (address, label, current) and the template only loops over it: written as template conditions, its
lookups through the lazy scope and `request.resolver_match` made up half of the frame every page pays for
(bench/floor.py; docs/performance.md, tenth run).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from dangvu.organization.access import Scope, scope_for
from dangvu.reporting.selectors import READ_ROLES, WRITE_ROLES


@dataclass(frozen=True)
class Section:
    url: str
    label: str
    current: bool


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor: `main_nav`, the sections for the signed-in user (none for a visitor). Built only when
    a template shows it: the htmx partials, rendered with the same processors, do not."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    app, name = (match.app_name, match.url_name or "") if match else ("", "")
    return {"main_nav": SimpleLazyObject(lambda: sections(scope_for(user), app, name))}


def sections(scope: Scope, app: str, name: str) -> list[Section]:
    """The sections `scope` may open, in order, and whether the page (`app`:`name`) is in each."""
    sees_cells = scope.sees_organization or scope.member_id is not None
    committee = scope.has_role(*READ_ROLES)  # the committee's report lists, or else a cell's own reports
    cell = not committee and scope.has_role(*WRITE_ROLES)
    offered = [
        (True, "organization:dashboard", _("Tổng quan"), app == "organization" and name == "dashboard"),
        (sees_cells, "organization:org_tree", _("Tổ chức"), name in ("org_tree", "org_detail")),
        (
            True,
            "organization:member_list",
            _("Đảng viên") if scope.sees_organization else _("Hồ sơ của tôi"),
            name.startswith("member"),
        ),
        (True, "planning:overview", _("Kế hoạch"), app == "planning" and name != "my_tasks"),
        (scope.member_id is not None, "planning:my_tasks", _("Việc của tôi"), name == "my_tasks"),
        (True, "meetings:meeting_list", _("Sinh hoạt"), app == "meetings"),
        (committee, "reporting:submission_list", _("Báo cáo"), app == "reporting"),
        (cell, "reporting:my_reports", _("Báo cáo của chi bộ"), app == "reporting"),
        (True, "supervision:program_list", _("Kiểm tra"), app == "supervision"),
        (sees_cells, "rating:cycle_list", _("Xếp loại"), app == "rating"),
        (committee, "annual:report_list", _("Tổng kết"), app == "annual"),
        (scope.sees_organization, "documents:document_list", _("Văn bản"), app == "documents"),
        (scope.works_for_committee, "intake:draft_list", _("Nhập liệu"), app == "intake"),
        (scope.can_view_audit, "organization:audit_list", _("Nhật ký"), name == "audit_list"),
    ]
    return [
        Section(_address(view, get_urlconf(), get_script_prefix()), label, current)
        for shown, view, label, current in offered
        if shown
    ]


@lru_cache(maxsize=256)
def _address(view: str, urlconf: str | None, prefix: str) -> str:
    """A section's address: the same for every request of a URL configuration and prefix, so reversed once."""
    return reverse(view, urlconf=urlconf)
