from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dangvu.core"
    label = "core"
    verbose_name = _("Nhật ký và tiện ích chung")

    def ready(self) -> None:
        from dangvu.core import audit  # noqa: F401  (connects the audit signals)
