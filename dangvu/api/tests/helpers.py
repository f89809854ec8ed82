from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from dangvu.accounts import services
from dangvu.core.audit import acting_as


def token_for(user: Any, *, days: int = 30) -> str:
    with acting_as(user, source="test"):
        _token, secret = services.token_create(
            user=user, name="Kịch bản thử", expires_on=timezone.localdate() + datetime.timedelta(days=days)
        )
    return secret


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})
