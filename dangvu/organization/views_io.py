"""Member import and export as XLSX (implementation in organization.xlsx)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def member_import(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


@login_required
def member_export(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
