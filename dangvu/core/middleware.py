from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware

from dangvu.core.audit import acting_as


class AuditActorMiddleware:
    """Attributes the audit entries written during a request to the signed-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        source = "admin" if request.path.startswith("/admin/") else "web"
        with acting_as(getattr(request, "user", None), source=source):
            return self.get_response(request)


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose English with the switch (a cookie).

    Browsers in agencies are often set to English; their Accept-Language must not turn the interface English.
    """

    def process_request(self, request: HttpRequest) -> None:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
