"""The Django admin for the committee office. Records are archived, never deleted, here too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import AuditEntry
from dangvu.organization import services
from dangvu.organization.access import visible_members, visible_orgs
from dangvu.organization.models import GovUnit, Member, MembershipEvent, PartyOrg, Position, RoleAssignment
from dangvu.organization.selectors import audit_entries


class NoDeleteAdmin(admin.ModelAdmin):
    actions = ["archive_selected"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Lưu trữ các bản ghi đã chọn"))
    def archive_selected(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset.filter(archived_at__isnull=True):
            obj.archived_at = timezone.now()
            obj.save()


class TreeAdmin(NoDeleteAdmin):
    """Party organizations are scoped like everywhere else; government units are agency-wide."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.path, obj.depth = services._child_path(type(obj), obj.parent)
        super().save_model(request, obj, form, change)


@admin.register(PartyOrg)
class PartyOrgAdmin(TreeAdmin):
    list_display = ["name", "kind", "parent", "abbr", "archived_at"]
    list_filter = ["kind", "is_external"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["gov_units"]
    readonly_fields = ["path", "depth"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).filter(pk__in=visible_orgs(request.user).values("pk"))


@admin.register(GovUnit)
class GovUnitAdmin(TreeAdmin):
    list_display = ["name", "kind", "parent", "archived_at"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    readonly_fields = ["path", "depth"]


class EventInline(admin.TabularInline):
    model = MembershipEvent
    fk_name = "member"
    extra = 0
    can_delete = False
    fields = ["kind", "date", "to_org", "external_org", "decision_ref", "note"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    can_delete = False
    fields = ["title", "title_text", "party_org", "gov_unit", "term", "start_date", "end_date"]


@admin.register(Member)
class MemberAdmin(NoDeleteAdmin):
    list_display = ["full_name", "date_of_birth", "card_number", "cell", "status", "is_exempt", "archived_at"]
    list_filter = ["status", "is_exempt", "gender", "cell"]
    search_fields = ["name_folded", "full_name", "card_number"]
    list_select_related = ["cell"]
    readonly_fields = ["status", "is_exempt"]
    raw_id_fields = ["user"]
    inlines = [EventInline, PositionInline]

    def get_search_results(self, request: HttpRequest, queryset: Any, search_term: str) -> Any:
        from dangvu.lib.vn_text import fold

        return super().get_search_results(request, queryset, fold(search_term))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services.member_sync_date_events(form.instance)
        services.member_recompute_status(form.instance)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).filter(pk__in=visible_members(request.user).values("pk"))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(NoDeleteAdmin):
    list_display = ["user", "role", "org", "archived_at"]
    list_filter = ["role"]
    raw_id_fields = ["user"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).filter(org__in=visible_orgs(request.user))


@admin.register(Position)
class PositionAdmin(NoDeleteAdmin):
    list_display = ["member", "title", "party_org", "gov_unit", "term", "start_date", "end_date"]
    list_filter = ["title"]
    raw_id_fields = ["member"]
    list_select_related = ["member", "party_org", "gov_unit"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).filter(member__in=visible_members(request.user))


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "content_type", "object_repr", "source"]
    list_filter = ["action", "content_type", "source"]
    date_hierarchy = "at"

    def get_queryset(self, request: HttpRequest) -> Any:
        return audit_entries(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
