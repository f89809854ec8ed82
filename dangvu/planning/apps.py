from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "dangvu.planning"
    label = "planning"
    verbose_name = _("Kế hoạch và nhiệm vụ trọng tâm")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from dangvu.core.aggregates import track
        from dangvu.organization.models import GovUnit, PartyOrg, restored_org_path
        from dangvu.planning.models import AnnualPlan, KeyTask

        # The totals of the plans and tasks lists (core.aggregates.cached_count).
        track("planning", KeyTask, AnnualPlan, PartyOrg, GovUnit)
        pre_save.connect(restored_org_path, sender=KeyTask, dispatch_uid="planning-restored-task-org-path")
        pre_save.connect(restored_org_path, sender=AnnualPlan, dispatch_uid="planning-restored-plan-org-path")
