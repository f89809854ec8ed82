from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "dangvu.meetings"
    label = "meetings"
    verbose_name = _("Sinh hoạt chi bộ và hội nghị")

    def ready(self) -> None:
        from dangvu.core.aggregates import track
        from dangvu.meetings.models import Meeting
        from dangvu.organization.models import PartyOrg

        # The totals of the meetings lists (core.aggregates.cached_count).
        track("meetings", Meeting, PartyOrg)
