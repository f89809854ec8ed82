from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "dangvu.reporting"
    label = "reporting"
    verbose_name = _("Chế độ báo cáo")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from dangvu.core.aggregates import track
        from dangvu.organization.models import PartyOrg, restored_org_path
        from dangvu.reporting.models import Obligation, ReportKind, Submission

        # The compliance dashboard's organizations and month trend (reporting.selectors).
        track(TOPIC, Submission, Obligation, ReportKind, PartyOrg)
        pre_save.connect(restored_org_path, sender=Submission, dispatch_uid="reporting-restored-submission-org-path")


TOPIC = "reporting"
