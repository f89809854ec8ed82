from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from dangvu.organization.access import scope_for
from dangvu.reporting.selectors import READ_ROLES, WRITE_ROLES


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Which reporting pages the navigation offers: the committee's lists, or the cell's own reports."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def which() -> str:
        scope = scope_for(user)
        if scope.has_role(*READ_ROLES):
            return "committee"
        return "cell" if scope.has_role(*WRITE_ROLES) else ""

    return {"nav_reports": SimpleLazyObject(which)}
