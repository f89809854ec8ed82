"""Aggregates cached until the data they count changes.

The dashboard, the tree and the compliance dashboard count a whole province (200,000 members, 340,000
reports) on every request; the counts change a few times a day. Each cached value is stored under its
key and the current tokens of what it read (AggregateVersion rows): the topic's rows, and each tracked column
its SQL named. Every write to a model tracked by the topic writes new random tokens, for the columns it
changed (or for the rows, when it adds or removes one), inside its own transaction, so a reader never gets a
value computed before a change it can see. The cache may be per process (settings.CACHES: local memory): each
worker computes a value once per change. No rows token yet (a fresh database, a test, a restore) means no
caching.

    track("organization", Member, PartyOrg)              # in the app's ready()
    counts = cached("organization", query_key(qs), lambda: list(qs))
    changed("organization")                              # after a bulk write, which sends no signals
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.db.models.sql.where import WhereNode
from django.utils.functional import cached_property

from dangvu.core.models import AggregateVersion

T = TypeVar("T")

# An upper bound on staleness should a write ever bypass both the signals and changed().
TIMEOUT = 30 * 60


def query_key(qs: QuerySet[Any], *extra: object) -> str:
    """A cache key naming exactly this query: its SQL and parameters (the user's scope is in them).

    "" for a query that cannot match anything (nothing to cache: it runs no SQL).
    """
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:
        return ""
    return _sql_key(qs.db, sql, params, extra)


def _sql_key(db: str, sql: str, params: Any, extra: object) -> str:
    return hashlib.sha256(repr((db, sql, params, extra)).encode()).hexdigest()


def cached(topic: str, key: str, compute: Callable[[], T]) -> T:
    """The value under `key`, computed by `compute` once per change of the rows and columns its SQL read.

    What `compute` reads is learnt as it runs: the tracked tables and columns named by each query it sends, and
    by the cached values it uses. A member's telephone number changed does not make a province's counts of
    members per cell computed again (four workers, 300 ms each), only a change to a column they read does.
    """
    if not key:
        return compute()
    deps_key = f"dangvu:agg-deps:{topic}:{key}"
    deps: list[str] | None = cache.get(deps_key)
    # The tokens are read before computing: a write committed meanwhile has a new token, so a value computed
    # from newer data under the older token is merely fresher than needed.
    tokens = _tokens(topic, deps)
    if f"{topic}:{ROWS}" not in tokens:
        return compute()
    if deps is not None and (value := _hit(topic, key, tokens, deps)) is not None:
        return value
    # Learnt again on every computation: new rows may make it send other queries.
    value, deps = _computed(topic, compute)
    cache.set(deps_key, deps, TIMEOUT)
    _store(topic, key, tokens, deps, value)
    return value


def _tokens(topic: str, deps: list[str] | None) -> dict[str, str]:
    """The topic's tokens: those of its rows and of `deps`, or all of them when what a value reads is not known."""
    versions = AggregateVersion.objects.all()
    if deps is None:
        versions = versions.filter(topic__startswith=f"{topic}:")
    else:
        versions = versions.filter(topic__in=[f"{topic}:{ROWS}", *deps])
    return dict(versions.values_list("topic", "token"))


def _value_key(topic: str, key: str, tokens: dict[str, str], deps: list[str]) -> str:
    # A token not read (a column the value reads that it did not read last time) is "-": the value is found
    # again only while that column has no token, that is, has never changed.
    state = " ".join(tokens.get(name, "-") for name in [f"{topic}:{ROWS}", *deps])
    return f"dangvu:agg:{topic}:{hashlib.sha256(state.encode()).hexdigest()}:{key}"


def _hit(topic: str, key: str, tokens: dict[str, str], deps: list[str]) -> Any:
    value = cache.get(_value_key(topic, key, tokens, deps))
    if value is not None:
        _read(deps)
    return value


def _store(topic: str, key: str, tokens: dict[str, str], deps: list[str], value: Any) -> None:
    cache.set(_value_key(topic, key, tokens, deps), value, TIMEOUT)
    _read(deps)


# The token names read by the values being computed, innermost last: a cached value used inside another's
# computation passes on what it read, since a hit sends no SQL for the outer one to see.
_reading: ContextVar[tuple[set[str], ...]] = ContextVar("dangvu_aggregates_reading", default=())


def _read(deps: Iterable[str]) -> None:
    for names in _reading.get():
        names.update(deps)


def _computed(topic: str, compute: Callable[[], T]) -> tuple[T, list[str]]:
    names: set[str] = set()
    reset = _reading.set((*_reading.get(), names))

    def each_query(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        names.update(_named(topic, sql))
        return execute(sql, params, many, context)

    try:
        with connection.execute_wrapper(each_query):
            value = compute()
    finally:
        _reading.reset(reset)
    return value, sorted(names)


# A topic's cached values depend on its rows, under "<topic>:rows", and on the columns their SQL names, one token
# per table and column. A save changes the tokens of the columns it changed (and the topic's own): a key task's
# progress, saved every few seconds by the cells, no longer makes every worker recount the year's 30,000 tasks
# for the plans overview (bench/load.py), nor a member's telephone number the province's members per cell.
ROWS = "rows"


def _token(topic: str, table: str, column: str) -> str:
    """A short name (AggregateVersion.topic holds 40 characters) for the token of one column of one table."""
    return f"{topic}:{hashlib.sha256(f'{table}.{column}'.encode()).hexdigest()[:20]}"


def _named(topic: str, sql: str) -> set[str]:
    """The tokens of the tracked columns a query may read: each column whose name appears as a word in the SQL,
    quoted or not, of each tracked table the SQL names. A column of the same name in another table of the
    query only makes the value computed again more often."""
    return {
        token
        for table, columns in _COLUMNS.get(topic, {}).items()
        if re.search(rf"\b{re.escape(table)}\b", sql)
        for column, token in columns.items()
        if re.search(rf"\b{re.escape(column)}\b", sql)
    }


def changed(*topics: str, columns: Iterable[tuple[str, str]] = ()) -> None:
    """Mark the topics' data as changed (in the caller's transaction: a rollback undoes it too).

    `columns`: only these (table, column) of existing rows changed; the values whose SQL read none of them still
    hold. Everything else cached under the topics is computed again either way.
    """
    parts = sorted(set(columns))
    names = [*topics, *(f"{topic}:{ROWS}" for topic in topics if not parts)]
    names += [_token(topic, table, column) for topic in topics for table, column in parts]
    AggregateVersion.objects.bulk_create(
        [AggregateVersion(topic=name, token=uuid.uuid4().hex) for name in names],
        update_conflicts=True,
        unique_fields=["topic"],
        update_fields=["token"],
    )


# The topic under which a count of each model's rows is cached: the first topic that tracks the model.
_COUNT_TOPIC: dict[type[Model], str] = {}
# Per topic, per table it tracks, each column's token name.
_COLUMNS: dict[str, dict[str, dict[str, str]]] = {}


def _changed_fields(instance: Any) -> set[str]:
    """The fields a save of a whole row changed, as the audit trail compared them, those it leaves out of its
    entries included (its receiver runs first: core is the first app). Empty, that is the whole row, for a new
    record or one the trail does not follow."""
    seen = getattr(instance, "_audit_changed", None)
    return set() if seen is None else set(seen)


def track(topic: str, *models: type[Model]) -> None:
    """Every save, delete and many-to-many change of these models changes the topic.

    List every model the topic's queries read: the counted model first, then the tree (PartyOrg), whose
    paths scope every list. A count of the rows of a listed model (cached_count) is cached under the first
    topic that lists it.
    """

    def receiver(sender: type[Model], **kwargs: Any) -> None:
        # A restore saves rows raw, then clears every token itself (core.backup); pre_add and the like
        # change nothing yet.
        if kwargs.get("raw") or not kwargs.get("action", "post_").startswith("post_"):
            return
        named = set(kwargs.get("update_fields") or ())  # field names (or attnames) given to save()
        if not named and kwargs.get("signal") is post_save and not kwargs.get("created"):
            named = _changed_fields(kwargs["instance"])
        table = sender._meta.db_table
        fields = sender._meta.concrete_fields
        changed(topic, columns=[(table, f.column) for f in fields if f.name in named or f.attname in named])

    for model in models:
        _COUNT_TOPIC.setdefault(model, topic)
        table = model._meta.db_table
        columns = _COLUMNS.setdefault(topic, {}).setdefault(table, {})
        columns.update({field.column: _token(topic, table, field.column) for field in model._meta.concrete_fields})
        uid = f"dangvu-aggregates-{topic}-{model._meta.label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(receiver, sender=field.remote_field.through, weak=False, dispatch_uid=uid)


def topics() -> list[str]:
    """Every topic an app tracks: what a bulk load, which sends no signals, has changed."""
    return sorted(set(_COUNT_TOPIC.values()))


def cached_count(qs: QuerySet[Any]) -> int:
    """COUNT(*) of a list of a tracked model, cached until its topic's rows or a column its SQL names change
    (a total over a province's rows is most of a long list's cost); counted each time for a model no topic
    tracks."""
    topic = _COUNT_TOPIC.get(qs.model)
    if topic is None:
        return qs.count()
    try:  # what the count reads, once: its tables, joins and conditions, not the columns the list shows
        sql, params = qs.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return qs.count()
    deps = sorted(_named(topic, sql))
    key = _sql_key(qs.db, sql, params, "count")  # the same rows counted share a total, whatever the list shows
    tokens = _tokens(topic, deps)
    if f"{topic}:{ROWS}" not in tokens:
        return qs.count()
    value = _hit(topic, key, tokens, deps)
    if value is None:
        value = qs.count()
        _store(topic, key, tokens, deps, value)
    return value


def page_rows(qs: QuerySet[Any], bottom: int, top: int) -> QuerySet[Any]:
    """The rows bottom..top of an ordered query, read in two steps: the page's ids in order, then their rows
    by primary key. Sorting a province's 30,000 key tasks with every column took three times as long as
    sorting their ids (bench/load.py)."""
    if qs.query.combinator or qs.query.distinct:
        return qs[bottom:top]
    ids = list(qs.values_list("pk", flat=True)[bottom:top])
    # By primary key alone: the ids come from the scoped query, and SQLite would otherwise plan the second
    # read around the scope's IN (13,000 organizations) instead of the page's ids.
    rows = qs.all()
    rows.query.where = WhereNode()
    return rows.filter(pk__in=ids)


class ListPaginator(Paginator):
    """The paginator of the long lists: its total is cached_count() (a list is simply measured) and a page of
    a query is page_rows()."""

    @cached_property
    def count(self) -> int:
        items = self.object_list
        return cached_count(items) if isinstance(items, QuerySet) else len(items)

    def page(self, number: Any) -> Any:
        items = self.object_list
        if not isinstance(items, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return Page(page_rows(items, bottom, top), number, self)
