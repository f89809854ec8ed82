"""Pages of the Party organization. Thin: access first (organization.access), then a selector or a
service, then a template."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import lookup
from dangvu.core.aggregates import ListPaginator, cached, query_key
from dangvu.core.audit_display import describe
from dangvu.core.http import HtmxHttpRequest, query_without
from dangvu.core.models import AuditedModel
from dangvu.organization import selectors, services
from dangvu.organization.access import (
    can_edit_member,
    cell_roster_visible,
    get_member_for_user,
    get_org_for_user,
    manageable_orgs,
    require_role,
    scope_for,
    visible_members,
    visible_orgs,
)
from dangvu.organization.apps import TOPIC
from dangvu.organization.forms import AuditFilterForm, MemberForm, MembershipEventForm, PositionForm, member_filters
from dangvu.organization.models import Member, PartyOrg, Position, RoleAssignment


def _page(request: HttpRequest, qs: object) -> object:
    return ListPaginator(qs, settings.DANGVU_PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]


def _form_errors_to_messages(request: HttpRequest, exc: ValidationError, form: object) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in getattr(form, "fields", {}) else None
            for error in errors:
                form.add_error(target, error)  # type: ignore[attr-defined]
    else:
        for error in exc.messages:
            form.add_error(None, error)  # type: ignore[attr-defined]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    context = {"stats": selectors.dashboard_stats(request.user), "scope": scope}
    if scope.sees_organization:
        depth = _top_depth(request) + 1
        context["tree_html"] = _counts_fragment(
            "organization/_dashboard_tree.html",
            visible_orgs(request.user).filter(depth__lte=depth),
            lambda: {"tree": selectors.org_tree(request.user, max_depth=depth)},
        )
    return render(request, "organization/dashboard.html", context)


def _counts_fragment(template: str, scope_qs: Any, build: Callable[[], dict[str, Any]]) -> str:
    """A part of a page made of the scope's member counts (a province's tree: hundreds of nodes, most of the
    page's time), rendered once per change of the members or the tree and per language (core.aggregates).
    `scope_qs` names what the part shows: its SQL is the key."""
    key = query_key(scope_qs, template, get_language())
    return mark_safe(cached(TOPIC, key, lambda: render_to_string(template, build())))  # noqa: S308 (rendered by us)


def _top_depth(request: HttpRequest) -> int:
    depths = visible_orgs(request.user).filter(is_external=False).values_list("depth", flat=True).order_by("depth")[:1]
    return depths[0] if depths else 0


@login_required
def me(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    roles = RoleAssignment.objects.active().filter(user=request.user).select_related("org")
    return render(request, "organization/me.html", {"scope": scope, "roles": roles})


@login_required
def org_tree(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.sees_organization and scope.member_id is None:
        raise PermissionDenied
    depth = _top_depth(request)
    # Two levels are sent; deeper ones load when opened, so a province-sized tree stays a small page.
    context: dict[str, Any] = {
        "tree_html": _counts_fragment(
            "organization/_tree_card.html",
            visible_orgs(request.user).filter(depth__lte=depth + 1),
            lambda: {"roots": selectors.nest(selectors.org_tree(request.user, max_depth=depth + 1), open_depth=depth)},
        )
    }
    if scope.sees_organization:
        context["units_html"] = _counts_fragment(
            "organization/_gov_units_card.html",
            visible_members(request.user),
            lambda: {"gov_units": selectors.gov_unit_tree(request.user)},
        )
    return render(request, "organization/org_tree.html", context)


@login_required
def org_children(request: HttpRequest, pk: int) -> HttpResponse:
    """The children of one node, loaded when the user opens it (large trees are not sent whole)."""
    org = get_org_for_user(request.user, pk)
    return render(request, "organization/_org_nodes.html", {"nodes": selectors.org_children(request.user, org)})


@login_required
def org_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_org_for_user(request.user, pk)
    if not cell_roster_visible(request.user, org):
        raise PermissionDenied
    context = {
        "org": org,
        "ancestors": selectors.org_ancestors(org),
        "children": selectors.org_children(request.user, org),
        "scope": scope_for(request.user),
        **selectors.cell_detail(org),
    }
    return render(request, "organization/org_detail.html", context)


@login_required
def member_list(request: HtmxHttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form, filters = member_filters(request)
    page = _page(request, selectors.member_list(request.user, filters))
    context = {"form": form, "page": page, "scope": scope, "query": query_without(request, "page")}
    partial = request.htmx and request.htmx.target == "member-rows"
    template = "organization/_member_rows.html" if partial else "organization/member_list.html"
    return render(request, template, context)


@login_required
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_member_for_user(request.user, pk)
    scope = scope_for(request.user)
    context = {
        "member": member,
        "scope": scope,
        "can_edit": can_edit_member(request.user, member),
        **selectors.member_detail(request.user, member),
    }
    return render(request, "organization/member_detail.html", context)


@login_required
def member_create(request: HttpRequest) -> HttpResponse:
    cells = manageable_orgs(request.user).filter(kind__in=PartyOrg.CELL_KINDS)
    if not cells.exists():
        raise PermissionDenied
    form = MemberForm(request.POST or None, cells=cells)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cell = data.pop("cell")
        try:
            member = services.member_create(cell=cell, **data)
        except ValidationError as exc:
            _form_errors_to_messages(request, exc, form)
        else:
            messages.success(request, _("Đã thêm đảng viên %(name)s.") % {"name": member.full_name})
            return redirect("organization:member_detail", pk=member.pk)
    return render(request, "organization/member_form.html", {"form": form, "member": None})


@login_required
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_member_for_user(request.user, pk, write=True)
    cells = manageable_orgs(request.user).filter(kind__in=PartyOrg.CELL_KINDS)
    form = MemberForm(request.POST or None, instance=member, cells=cells)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.changed_data if name != "cell"}
        try:
            services.member_update(member=Member.objects.get(pk=member.pk), **data)
        except ValidationError as exc:
            _form_errors_to_messages(request, exc, form)
        else:
            messages.success(request, _("Đã lưu hồ sơ."))
            return redirect("organization:member_detail", pk=member.pk)
    return render(request, "organization/member_form.html", {"form": form, "member": member})


@login_required
@require_POST
def member_archive(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_member_for_user(request.user, pk, write=True)
    if request.POST.get("restore"):
        services.member_restore(member=member)
        messages.success(request, _("Đã khôi phục hồ sơ."))
    else:
        services.member_archive(member=member)
        messages.success(request, _("Đã chuyển hồ sơ vào lưu trữ. Hồ sơ không bị xóa và có thể khôi phục."))
    return redirect("organization:member_detail", pk=member.pk)


@login_required
def member_event_add(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_member_for_user(request.user, pk, write=True)
    cells = manageable_orgs(request.user).filter(kind__in=PartyOrg.CELL_KINDS)
    form = MembershipEventForm(request.POST or None, cells=cells)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        try:
            services.member_add_event(member=member, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors_to_messages(request, exc, form)
        else:
            messages.success(request, _("Đã ghi nhận sự kiện."))
            return redirect("organization:member_detail", pk=member.pk)
    return render(request, "organization/event_form.html", {"form": form, "member": member})


@login_required
def position_add(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_member_for_user(request.user, pk, write=True)
    return _position_form(request, member, None)


@login_required
def position_edit(request: HttpRequest, pk: int, position_pk: int) -> HttpResponse:
    member = get_member_for_user(request.user, pk, write=True)
    position = get_object_or_404(Position.objects.active(), pk=position_pk, member=member)
    return _position_form(request, member, position)


def _position_form(request: HttpRequest, member: Member, position: Position | None) -> HttpResponse:
    form = PositionForm(request.POST or None, instance=position, orgs=manageable_orgs(request.user))
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        try:
            if position is None:
                services.position_create(member=member, **fields)
            else:
                services.position_update(position=Position.objects.get(pk=position.pk), **fields)
        except ValidationError as exc:
            _form_errors_to_messages(request, exc, form)
        else:
            messages.success(request, _("Đã lưu chức vụ."))
            return redirect("organization:member_detail", pk=member.pk)
    return render(request, "organization/position_form.html", {"form": form, "member": member, "position": position})


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    require_role(request.user, RoleAssignment.Role.OFFICE)
    audited = [m for m in ContentType.objects.all() if (cls := m.model_class()) and issubclass(cls, AuditedModel)]
    models = [(f"{ct.app_label}.{ct.model}", str(ct.model_class()._meta.verbose_name).capitalize()) for ct in audited]  # type: ignore[union-attr]
    form = AuditFilterForm(request.GET or None, models=models, user=request.user)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries(request.user, **filters)
    page = _page(request, entries)
    context = {"form": form, "page": page, "rows": describe(page), "query": query_without(request, "page")}  # type: ignore[arg-type]
    return render(request, "organization/audit_list.html", context)
