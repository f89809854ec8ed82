from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.lookup import Searchable
from dangvu.core.models import AuditedModel


class User(AbstractUser):
    """A person who signs in. The link to a party member and the roles live in `organization`."""

    lookup_by = Searchable(
        words=(),
        starts=("username", "first_name", "last_name"),
        hint=_("Gõ tên đăng nhập hoặc họ tên để tìm"),
        label=lambda user: f"{user} · {user.username}" if user.get_full_name() else user.username,
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class PersonalToken(AuditedModel):
    """Mã truy cập cá nhân: a secret a user creates to call the JSON API as themselves.

    Only the SHA-256 of the secret is stored; the secret is shown once, when it is created. A token is revoked,
    never deleted, so that the audit trail keeps who could call the API and until when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(_("tên gợi nhớ"), max_length=80)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("ký tự đầu"), max_length=8, editable=False)
    expires_on = models.DateField(_("hết hạn ngày"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("dùng gần nhất lúc"), null=True, blank=True, editable=False)

    # The hash is no one's business in the trail; the last use is noted on every call and is not a change.
    audit_exclude = ("key_hash", "last_used_at")

    class Meta:
        verbose_name = _("mã truy cập cá nhân")
        verbose_name_plural = _("mã truy cập cá nhân")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, today: datetime.date) -> bool:
        return self.revoked_at is None and today <= self.expires_on
