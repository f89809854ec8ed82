from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The current section, for the navigation bar."""
    match = getattr(request, "resolver_match", None)
    return {"nav_section": match.url_name if match else ""}
