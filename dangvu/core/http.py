from __future__ import annotations

from django.contrib import messages
from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (typed for mypy)."""

    htmx: HtmxDetails


def query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string without these parameters: the links of a pager or of a page's tabs keep the
    other filters."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def too_long(request: HttpRequest, n: int, limit: int, message: str, back: str) -> HttpResponse | None:
    """Back to the list `back` (a URL name), with its filters and `message`, when an export of `n` rows is
    longer than `limit`: past that it would hold a server worker beyond gunicorn's timeout. `message` names
    %(n)s and %(max)s."""
    if n <= limit:
        return None
    messages.warning(request, message % {"n": intcomma(n), "max": intcomma(limit)})
    return redirect(f"{reverse(back)}?{request.GET.urlencode()}")
