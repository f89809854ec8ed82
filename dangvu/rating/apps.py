from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingConfig(AppConfig):
    name = "dangvu.rating"
    label = "rating"
    verbose_name = _("Đánh giá, xếp loại")
