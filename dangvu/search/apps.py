from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "dangvu.search"
    label = "search"
    verbose_name = _("Tìm kiếm")

    def ready(self) -> None:
        from dangvu.search import providers, signals  # noqa: F401 - registers the providers

        signals.connect()
