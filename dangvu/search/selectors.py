"""Reads of the search index. Access is one filter built from every provider's `visible(user)` as SQL
subqueries, applied before counting, so that results, counts and snippets only ever come from records the
user may open."""

from __future__ import annotations

import datetime
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import reduce
from operator import add
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import OperationalError, connection, transaction
from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from dangvu.organization.access import scope_for
from dangvu.organization.models import PartyOrg
from dangvu.search.models import Kind, SearchEntry
from dangvu.search.registry import PROVIDERS
from dangvu.search.text import Query

EXACT, PREFIX, NEAR = "exact", "prefix", "near"


QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement stopped by statement_timeout


class TooBroad(Exception):
    """Tìm kiếm quá rộng: a query of the search ran past settings.DANGVU_SEARCH_SECONDS and was stopped."""


@contextmanager
def search_transaction() -> Iterator[None]:
    """Run the search's queries under a time limit and, on PostgreSQL, with planner settings for them alone.

    Each query of the search stops after settings.DANGVU_SEARCH_SECONDS, and TooBroad says so: a search that
    matches most of a province ("chi bo" for the office: 2.4 s on SQLite, 5 s on PostgreSQL when idle) holds a
    server worker longer under load, up to gunicorn's timeout, which ends in an error page (docs/performance.md).

    On PostgreSQL, one transaction with its settings local to it:
    - jit off: the planner prices the per-kind EXISTS filters high and JIT-compiled the query, which took 3 s
      of a 3.5 s search on the 200,000-member demo (bench/search.py).
    - work_mem 1MB: with more, PostgreSQL hashes a whole visible set (200,000 members) for every search
      instead of probing the few hundred matched entries by primary key: 5–10 times slower
      (docs/performance.md).
    - pg_trgm.similarity_threshold 0.6 (default 0.3): at 0.3 a misspelt "nguyen thi hongg" offered 61,689
      near matches; at 0.6 only names that close.
    """
    limit = settings.DANGVU_SEARCH_SECONDS
    try:
        if connection.vendor == "postgresql":
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('jit', 'off', true), set_config('work_mem', '1MB', true),"
                        " set_config('pg_trgm.similarity_threshold', '0.6', true),"
                        " set_config('statement_timeout', %s, true)",
                        [f"{max(1, round(limit * 1000))}ms"],
                    )
                yield
        else:
            # SQLite: no transaction for a read: with transaction_mode IMMEDIATE it would take the write lock
            # and a search could fail with "database is locked" while someone saves (bench/load.py found it).
            with _sqlite_time_limit(limit):
                yield
    except OperationalError as exc:
        stopped = str(exc) == "interrupted" or getattr(exc.__cause__, "sqlstate", None) == QUERY_CANCELED
        if stopped:
            raise TooBroad from exc
        raise


@contextmanager
def _sqlite_time_limit(seconds: float) -> Iterator[None]:
    """Interrupt a query (SQLite: "interrupted") that runs longer than `seconds`, as PostgreSQL's
    statement_timeout does: SQLite calls the handler every 10,000 steps of its virtual machine."""
    connection.ensure_connection()
    deadline = 0.0

    def each_query(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal deadline
        deadline = time.monotonic() + seconds
        return execute(sql, params, many, context)

    connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    try:
        with connection.execute_wrapper(each_query):
            yield
    finally:
        connection.connection.set_progress_handler(None, 0)


def visible_q(user: Any) -> Q:
    """Entries of records the user may open: per provider, EXISTS (the provider's visible set, this record).

    A correlated EXISTS is checked only for the entries that matched the text, by primary key; an
    `object_id IN (visible set)` would build the whole visible set (200,000 members) on every search. The
    content type comes first in each branch so that the database runs one EXISTS per entry, not every
    provider's: "nguyen van" came 3 times faster for a cell secretary, who may open few of the matches, and
    "chi bo" (650,000 matches) 2.5 times for the office (docs/performance.md).

    A provider with `visible_entries` (members) is checked on the entry's own columns instead: the visible
    organizations are read once, not each matched member's record and cell (search.0006).
    """
    q = Q(pk__in=[])
    for provider in PROVIDERS:
        ct = ContentType.objects.get_for_model(provider.model)
        if provider.visible_entries is not None:  # members: by the cell on their entry (search.0006)
            rule = provider.visible_entries(user)
        else:
            rule = Q(Exists(provider.visible(user).filter(pk=OuterRef("object_id"))))
        q |= Q(content_type_id=ct.pk) & rule
    return q


# visible_q compiled to SQL, per database, scope (organization.access.Scope.key) and content types. Building it
# from the providers' querysets (a dozen EXISTS subqueries) and compiling it took 20–25 ms of a 110–150 ms search
# on the province (docs/performance.md, thirteenth run). Only the question is kept, never its answer: the SQL
# checks each match against the records when it runs, so a new record, an archived one or a changed role (another
# key) counts at once.
_VISIBILITY_SQL: dict[tuple[Any, ...], tuple[str, list[Any]]] = {}
VISIBILITY_SQL_KEPT = 512


def visible_entries(user: Any) -> QuerySet[SearchEntry]:
    sql, params = _visibility_sql(user)
    return SearchEntry.objects.filter(archived=False).extra(where=[sql], params=params)


def _visibility_sql(user: Any) -> tuple[str, list[Any]]:
    types = tuple(ContentType.objects.get_for_model(p.model).pk for p in PROVIDERS)
    key = (connection.alias, scope_for(user).key, types)
    kept = _VISIBILITY_SQL.get(key)  # one lookup: another thread may clear the dict between two
    if kept is None:
        query = SearchEntry.objects.filter(visible_q(user)).query
        sql, params = query.get_compiler(connection=connection).compile(query.where)
        if len(_VISIBILITY_SQL) >= VISIBILITY_SQL_KEPT:
            _VISIBILITY_SQL.clear()
        kept = _VISIBILITY_SQL[key] = (sql, list(params))
    return kept[0], list(kept[1])


def _match(qs: QuerySet[SearchEntry], query: Query, mode: str) -> QuerySet[SearchEntry]:
    prefix = mode == PREFIX
    if connection.vendor == "postgresql":
        if mode == NEAR:  # pg_trgm: near-miss spellings of a title, when nothing else matched
            text = " ".join(p.folded_text for p in query.parts)
            return qs.extra(where=["search_searchentry.title_folded %% %s"], params=[text])
        # folded_tsv: to_tsvector('simple', folded), stored (migration search.0003)
        where = "search_searchentry.folded_tsv @@ to_tsquery('simple'::regconfig, %s)"
        return qs.extra(where=[where], params=[query.tsquery(prefix=prefix)])
    if mode == NEAR:
        return qs.none()
    where = "search_searchentry.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
    return qs.extra(where=[where], params=[query.fts5(prefix=prefix)])


def _ranked(qs: QuerySet[SearchEntry], query: Query, mode: str) -> tuple[QuerySet[SearchEntry], list[str]]:
    """The matches with their rank as columns, and those columns' names, the most telling first (each ordered
    highest first): exact-diacritic matches first, then matches in the title, then the most recent, the same on
    both databases (no engine-specific score). Near matches (PostgreSQL only) go by trigram similarity first."""
    if mode == NEAR:
        text = " ".join(p.folded_text for p in query.parts)
        similarity = RawSQL("similarity(search_searchentry.title_folded, %s)", [text], output_field=FloatField())
        return qs.annotate(similarity=similarity), ["similarity", "pk"]

    def hits(lookup: str, texts: list[str]) -> Any:
        return reduce(add, [Case(When(**{lookup: f" {t} "}, then=Value(1)), default=Value(0)) for t in texts], Value(0))

    ranked = qs.annotate(title_hits=hits("title_folded__contains", [p.folded_text for p in query.parts]))
    order = ["title_hits", "date", "pk"]
    # Only a term typed with its diacritics says which spelling to prefer. For "nguyen" the test would only
    # find texts written without them, and cost a LIKE over every match (7 ms on SQLite, 17 on PostgreSQL
    # for the 17,000 matches of "nguyen van").
    typed = [p.exact_text for p in query.parts if p.exact != p.folded]
    if typed:
        ranked = ranked.annotate(exact_hits=hits("exact__contains", typed))
        order.insert(0, "exact_hits")
    return ranked, order


@dataclass
class Filters:
    kind: str = ""
    org: PartyOrg | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


@dataclass
class Results:
    entries: QuerySet[SearchEntry]  # every match of the kind filter, ranked
    counts: dict[str, int] = field(default_factory=dict)  # per kind, without the kind filter
    mode: str = EXACT
    ids: list[int] = field(default_factory=list)  # the asked page's entries, ranked
    kind: str = ""  # the kind filter
    number: int = 1  # the page's number
    per_page: int = 50

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def shown(self) -> int:
        """The matches of the kind filter: those the pages show."""
        return self.counts.get(self.kind, 0) if self.kind else self.total


def search(user: Any, query: Query, filters: Filters, number: Any = 1, per_page: int | None = None) -> Results:
    """Entries matching `query` that `user` may see: the count per kind and page `number` of the ranked matches
    of the kind filter (a number that is not one gives the first page, one past the end the last). One query per
    matching mode tried (and another for a page past the end); then results_page reads the page's rows."""
    per_page = per_page or settings.DANGVU_PAGE_SIZE
    base = visible_entries(user)
    if filters.org is not None:
        base = base.filter(org__path__startswith=filters.org.path)
    if filters.date_from:
        base = base.filter(date__gte=filters.date_from)
    if filters.date_to:
        base = base.filter(date__lte=filters.date_to)
    modes = [EXACT] + ([PREFIX] if query.prefixable else []) + ([NEAR] if connection.vendor == "postgresql" else [])
    try:
        number = min(max(1, int(number)), 10**6)  # a million pages: past any real search, within SQL's integers
    except (TypeError, ValueError):
        number = 1
    matched = base.none()
    counts: dict[str, int] = {}
    ids: list[int] = []
    mode = EXACT
    if not query.empty:
        for mode in modes:
            matched = _match(base, query, mode)
            counts, ids = _counts_and_page(matched, query, mode, filters.kind, number, per_page)
            if counts:
                break
    ranked, order = _ranked(matched.filter(kind=filters.kind) if filters.kind else matched, query, mode)
    entries = ranked.order_by(*(F(name).desc(nulls_last=True) for name in order))
    ordered = {k: counts[k] for k in Kind.values if k in counts}
    found = Results(entries, ordered, mode, ids, filters.kind, number, per_page)
    last = max(1, math.ceil(found.shown / per_page))
    if number > last:
        found.number = last
        _counts, found.ids = _counts_and_page(matched, query, mode, filters.kind, last, per_page)
    return found


def _counts_and_page(
    matched: QuerySet[SearchEntry], query: Query, mode: str, kind: str, number: int, per_page: int
) -> tuple[dict[str, int], list[int]]:
    """The visible matches counted per kind, and the ids of one page of them ranked, in one query: the matches
    are read and checked for visibility once, in SQL, and only the counts and the page leave the database.

    Reading every match's id to count and page them in Python cost 10–12 ms more for the 17,000 matches of
    "nguyen van" on both databases, and past 50,000 matches a grouped count checked each match a second time
    ("chi bo", 650,000 matches: 5.0 → 2.5 s on PostgreSQL; docs/performance.md, fourteenth run). A WITH query
    used twice is computed once on both databases."""
    ranked, order = _ranked(matched, query, mode)
    try:
        inner, params = ranked.order_by().values_list("pk", "kind", *order).query.sql_with_params()
    except EmptyResultSet:  # nothing to match (an empty query asked for a page past the first)
        return {}, []
    names = [connection.ops.quote_name(name) for name in order]
    rank = ", ".join(f"{name} DESC NULLS LAST" for name in names)
    pk, kind_column = connection.ops.quote_name("pk"), connection.ops.quote_name("kind")
    sql = (
        f"WITH matches AS ({inner}) "
        f"SELECT NULL, {kind_column}, COUNT(*) FROM matches GROUP BY {kind_column} "
        f"UNION ALL SELECT {pk}, {kind_column}, ROW_NUMBER() OVER (ORDER BY {rank}) FROM "
        f"(SELECT * FROM matches{f' WHERE {kind_column} = %s' if kind else ''} ORDER BY {rank} LIMIT %s OFFSET %s) page"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *([kind] if kind else []), per_page, (number - 1) * per_page])
        rows = cursor.fetchall()
    counts = {row_kind: n for pk_value, row_kind, n in rows if pk_value is None}
    ids = [pk_value for pk_value, _kind, _n in sorted((r for r in rows if r[0] is not None), key=lambda r: r[2])]
    return counts, ids


def results_page(found: Results) -> Page[Any]:
    """The asked page of `found`: its rows by id, in rank order."""
    paginator: Paginator[Any] = Paginator([], found.per_page)
    paginator.count = found.shown  # known: no COUNT
    rows = SearchEntry.objects.defer("folded", "exact", "title_folded").select_related("org").in_bulk(found.ids)
    return Page([rows[pk] for pk in found.ids if pk in rows], found.number, paginator)
