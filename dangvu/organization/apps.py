from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "dangvu.organization"
    label = "organization"
    verbose_name = _("Tổ chức đảng và đảng viên")
