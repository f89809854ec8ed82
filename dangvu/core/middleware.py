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


class ContentSecurityPolicyMiddleware:
    """Send the content security policy (settings.CONTENT_SECURITY_POLICY) with every response.

    Scripts and stylesheets come only from the site itself: a stored "<script>" that slipped past escaping would
    still not run, and nothing is fetched from another host (agency networks are closed anyway). Style attributes
    stay allowed because bars and timelines set their width inline; <style> elements do not.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.conf import settings

        self.get_response = get_response
        self.policy: str = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
