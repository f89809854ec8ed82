from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from dangvu.organization.access import scope_for


def scope(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's scope, for the navigation (computed only if a template asks)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_scope": SimpleLazyObject(lambda: scope_for(user))}
