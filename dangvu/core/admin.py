from __future__ import annotations

from django.contrib import admin

from dangvu.core.models import Regulation, RuleSet


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ["code", "issued_on", "title", "issuer"]
    search_fields = ["code", "title"]


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    """The office adds a rule version here when a regulation changes: no code change needed."""

    list_display = ["kind", "regulation", "effective_from"]
    list_filter = ["kind"]

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
