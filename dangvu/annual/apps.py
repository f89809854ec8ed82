from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualConfig(AppConfig):
    name = "dangvu.annual"
    label = "annual"
    verbose_name = _("Báo cáo tổng kết năm")
