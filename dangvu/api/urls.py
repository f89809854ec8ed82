"""URLs of the JSON API under /api/ (names `api:<route>`, e.g. reverse("api:member_list"))."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path
from django.views.generic import RedirectView

from dangvu.api.api import api, login_or_token

app_name = "api"


def _patterns() -> list[URLPattern | URLResolver]:
    patterns, _app, _namespace = api.urls
    # ninja's root (a 404 it uses to know the prefix) leads to the docs instead, for the same callers
    root = path("", login_or_token(RedirectView.as_view(pattern_name="api:openapi-view")), name="api-root")
    return [root if isinstance(p, URLPattern) and p.name == "api-root" else p for p in patterns]


urlpatterns = _patterns()
