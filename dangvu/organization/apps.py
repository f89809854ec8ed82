from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "dangvu.organization"
    label = "organization"
    verbose_name = _("Tổ chức đảng và đảng viên")

    def ready(self) -> None:
        from dangvu.core.aggregates import track
        from dangvu.organization.models import GovUnit, Member, PartyOrg

        # The member counts of the dashboard, the tree and the cell pages (organization.selectors).
        track(TOPIC, Member, PartyOrg, GovUnit)


TOPIC = "organization"
