"""Tìm kiếm: the results page behind the search box in the header."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dangvu.core.http import query_without
from dangvu.organization.access import visible_orgs
from dangvu.search import selectors
from dangvu.search.forms import SearchForm
from dangvu.search.models import Kind, SearchEntry
from dangvu.search.text import MAX_QUERY_LENGTH, MIN_PREFIX, highlight, parse


@login_required
def results(request: HttpRequest) -> HttpResponse:
    """Kết quả tìm kiếm: every kind of record the user may open, ranked, with filters and counts."""
    form = SearchForm(request.GET or None, orgs=visible_orgs(request.user))
    form.is_valid()
    raw = request.GET.get("q", "")
    query = parse(raw, too_long=_("Từ khóa dài quá %(n)s ký tự: hãy rút ngắn.") % {"n": MAX_QUERY_LENGTH})
    filters = selectors.Filters(
        kind=form.value("kind") or "",
        org=form.value("org"),
        date_from=form.value("date_from"),
        date_to=form.value("date_to"),
    )
    too_broad = False
    try:
        with selectors.search_transaction():
            found = selectors.search(request.user, query, filters, request.GET.get("page"))
            page = selectors.results_page(found)
            for entry in page:  # fetches the page's rows, inside the transaction
                entry.title_html = highlight(entry.title, query, width=500)
                entry.snippet = highlight(entry.body, query)
    except selectors.TooBroad:
        too_broad = True
        found = selectors.Results(entries=SearchEntry.objects.none())
        page = Paginator([], settings.DANGVU_PAGE_SIZE).get_page(1)
    labels = dict(Kind.choices)
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "query": query_without(request, "page"),
            "chip_query": query_without(request, "page", "kind"),
            "parsed": query,
            "raw": raw,
            "found": found,
            "page": page,
            "kind": filters.kind,
            "chips": [(k, labels[k], n) for k, n in found.counts.items()],
            "nothing_to_search": not raw.strip() or (query.empty and not query.error),
            "near": found.mode != selectors.EXACT,
            "too_broad": too_broad,
            "short_words": [p.exact_text for p in query.parts if not p.prefixable],
            "min_prefix": MIN_PREFIX,
        },
    )
