"""Writes of the accounts app: personal API tokens (mã truy cập cá nhân)."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.accounts.models import PersonalToken
from dangvu.lib.vn_text import clean

MAX_DAYS = 366  # a token lives at most a year: a forgotten one stops working by itself
# Noting every call would write on every request; once a minute is precise enough for "last used".
LAST_USED_STEP = datetime.timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: Any, name: str, expires_on: datetime.date) -> tuple[PersonalToken, str]:
    """Create a token for `user`; returns it and the secret, which is never stored nor shown again."""
    today = timezone.localdate()
    if expires_on < today:
        raise ValidationError({"expires_on": _("Ngày hết hạn phải từ hôm nay trở đi.")})
    if expires_on > today + datetime.timedelta(days=MAX_DAYS):
        raise ValidationError({"expires_on": _("Mã truy cập có hạn tối đa một năm.")})
    raw = secrets.token_urlsafe(32)
    token = PersonalToken(user=user, name=clean(name), key_hash=token_hash(raw), prefix=raw[:8], expires_on=expires_on)
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, token: PersonalToken) -> PersonalToken:
    """Thu hồi: the token stops working at once; the record stays."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> Any | None:
    """The active user a secret belongs to, or None (unknown, revoked, expired, or the user is disabled)."""
    if not raw:
        return None
    token = PersonalToken.objects.select_related("user").filter(key_hash=token_hash(raw)).first()
    if token is None or not token.is_usable(timezone.localdate()) or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_STEP:
        token.last_used_at = now
        token.save(update_fields=["last_used_at"])
    return token.user
