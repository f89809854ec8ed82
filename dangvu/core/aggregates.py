"""Aggregates cached until the data they count changes.

The dashboard, the tree and the compliance dashboard count a whole province (200,000 members, 340,000
reports) on every request; the counts change a few times a day. Each cached value is stored under its
key and the current token of its topic (an AggregateVersion row); every write to a model tracked by the
topic writes a new random token inside its own transaction, so a reader never gets a value computed
before a change it can see. The cache may be per process (settings.CACHES: local memory): each worker
computes a value once per change. No token row yet (a fresh database, a test, a restore) means no caching.

    track("organization", Member, PartyOrg)              # in the app's ready()
    counts = cached("organization", query_key(qs), lambda: list(qs))
    changed("organization")                              # after a bulk write, which sends no signals
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
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
    return _cached([topic], key, compute)


def _cached(topics: list[str], key: str, compute: Callable[[], T]) -> T:
    """The value under `key` and the current tokens of `topics`; computed when there is none. No caching
    without the first topic's token; a later topic without a token has simply never changed."""
    if not key:
        return compute()
    tokens = dict(AggregateVersion.objects.filter(topic__in=topics).values_list("topic", "token"))
    if topics[0] not in tokens:
        return compute()
    state = hashlib.sha256(" ".join(tokens.get(topic, "-") for topic in topics).encode()).hexdigest()
    full_key = f"dangvu:agg:{topics[0]}:{state}:{key}"
    value = cache.get(full_key)
    if value is None:
        # The tokens are read before computing: a write committed meanwhile has a new token, so a value
        # computed from newer data under the older token is merely fresher than needed.
        value = compute()
        cache.set(full_key, value, TIMEOUT)
    return value


# A topic's counts (cached_count) depend on its rows, under "<topic>:rows", and on the columns their SQL names,
# under "<topic>:<column>". A save that names its update_fields changes only those columns' tokens (and the
# topic's own): a key task's progress, saved every few seconds by the cells, no longer makes every worker
# recount the year's 30,000 tasks for the plans overview (bench/load.py).
ROWS = "rows"
TOKEN_NAME_LENGTH = 40  # AggregateVersion.topic


def changed(*topics: str, columns: Iterable[str] = ()) -> None:
    """Mark the topics' data as changed (in the caller's transaction: a rollback undoes it too).

    `columns`: only these columns of existing rows changed (a save with update_fields); the counts whose SQL
    names none of them still hold. Everything else cached under the topics is computed again either way.
    """
    parts = sorted(set(columns)) or [ROWS]
    names = [*topics, *(f"{topic}:{part}" for topic in topics for part in parts)]
    AggregateVersion.objects.bulk_create(
        [AggregateVersion(topic=name, token=uuid.uuid4().hex) for name in names],
        update_conflicts=True,
        unique_fields=["topic"],
        update_fields=["token"],
    )


# The topic under which a count of each model's rows is cached: the first topic that tracks the model.
_COUNT_TOPIC: dict[type[Model], str] = {}
# The columns of every model a topic tracks.
_COLUMNS: dict[str, set[str]] = {}


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
        fields = sender._meta.concrete_fields
        changed(topic, columns=[f.column for f in fields if f.name in named or f.attname in named])

    for model in models:
        _COUNT_TOPIC.setdefault(model, topic)
        columns = _COLUMNS.setdefault(topic, set())
        columns.update(field.column for field in model._meta.concrete_fields)
        too_long = [c for c in columns if len(f"{topic}:{c}") > TOKEN_NAME_LENGTH]
        if too_long:
            raise ValueError(f"aggregates.track({topic!r}): column names too long for a token: {too_long}")
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
    tracks. A column counts as named when its name appears as a word in the SQL, quoted or not, under any
    alias: a column of the same name in another table only makes the count recomputed more often."""
    topic = _COUNT_TOPIC.get(qs.model)
    if topic is None:
        return qs.count()
    try:  # what the count reads, once: its tables, joins and conditions, not the columns the list shows
        sql, params = qs.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return qs.count()
    named = sorted(c for c in _COLUMNS[topic] if re.search(rf"\b{re.escape(c)}\b", sql))
    key = _sql_key(qs.db, sql, params, "count")  # the same rows counted share a total, whatever the list shows
    return _cached([f"{topic}:{ROWS}", *(f"{topic}:{c}" for c in named)], key, qs.count)


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
