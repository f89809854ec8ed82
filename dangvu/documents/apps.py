from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "dangvu.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from dangvu.core.aggregates import track
        from dangvu.documents.models import Document
        from dangvu.organization.models import PartyOrg

        # The register's total (core.aggregates.cached_count).
        track(TOPIC, Document, PartyOrg)


TOPIC = "documents"
