"""Checks that must pass before dangvu serves anyone."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SERVING_COMMANDS = {"runserver", "db_worker"}


def require_serving_settings() -> None:
    """Stop a server or worker that would run without a secret key or host names (settings allow it for
    commands such as makemigrations, which need neither)."""
    # Django's settings object refuses to hand out an empty key with its own, vaguer message: read the value.
    if not getattr(settings._wrapped, "SECRET_KEY", ""):  # type: ignore[misc]
        raise ImproperlyConfigured(
            "DANGVU_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DANGVU_DEBUG=true for development."
        )
    if not settings.ALLOWED_HOSTS:
        raise ImproperlyConfigured("DANGVU_ALLOWED_HOSTS is not set: list the host names this server answers to.")
