"""Writes to the search index: follow one record (signals) or rebuild everything (`dangvu search reindex`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone, translation

from dangvu.organization.models import Member
from dangvu.search.models import SearchEntry
from dangvu.search.registry import PROVIDERS, EntryData, Provider, provider_for
from dangvu.search.text import folded_words, padded, words

BATCH = 2000


def _fields(provider: Provider, data: EntryData) -> dict[str, Any]:
    title = data.title[:500]
    return {
        "kind": provider.kind,
        "org_id": data.org_id,
        "date": data.date,
        "title": title,
        "body": data.body,
        "url": data.url[:300],
        "folded": " ".join(folded_words(title) + folded_words(data.body)),
        "exact": padded(words(title) + words(data.body)),
        "title_folded": padded(folded_words(title)),
        "archived": data.archived,
    }


def _build(provider: Provider, record: Any) -> dict[str, Any]:
    # The index is written in Vietnamese whatever the language of the request that saved the record.
    with translation.override("vi"):
        return _fields(provider, provider.entry(record))


def _rebuild(provider: Provider, log: Callable[[str], None] | None) -> int:
    started = time.perf_counter()
    ct = ContentType.objects.get_for_model(provider.model)
    batch: list[SearchEntry] = []
    count = 0
    with translation.override("vi"):
        for record in provider.rows().order_by("pk").iterator(chunk_size=BATCH):
            fields = _fields(provider, provider.entry(record))
            batch.append(SearchEntry(content_type=ct, object_id=record.pk, **fields))
            if len(batch) >= BATCH:
                SearchEntry.objects.bulk_create(batch)
                count += len(batch)
                batch = []
    SearchEntry.objects.bulk_create(batch)
    count += len(batch)
    if log:
        log(f"{provider.model._meta.label}: {count} ({time.perf_counter() - started:.1f} s)")
    return count


def entry_update(*, record: models.Model) -> None:
    """Add or refresh the entry of one record (called on every save of a registered model), in one statement:
    INSERT … ON CONFLICT DO UPDATE. update_or_create took four (a savepoint, SELECT … FOR UPDATE, the write,
    the release): 1.0 → 0.3 ms a save on SQLite, 1.5 → 0.5 ms on PostgreSQL (docs/performance.md, twelfth run)."""
    provider = provider_for(type(record))
    if provider is None:
        return
    ct = ContentType.objects.get_for_model(record)
    fields = _build(provider, record)
    SearchEntry.objects.bulk_create(
        [SearchEntry(content_type=ct, object_id=record.pk, **fields)],
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=[*fields, "indexed_at"],
    )


def entries_refresh(records: models.QuerySet[Any]) -> int:
    """Rebuild the existing entries of `records` (one model), in batches, each batch in its own transaction:
    the refresh is idempotent, so a worker stopped half-way leaves correct entries and the rest for a rerun,
    and writers are never held up for the whole of a large refresh. Returns the entries rewritten.

    One UPDATE per entry: the 240,504 submissions of a renamed kind on the SQLite province took 306 s, and
    871 s with bulk_update, whose CASE over a whole batch costs more than the statements it saves."""
    provider = provider_for(records.model)
    if provider is None:
        return 0
    ct = ContentType.objects.get_for_model(records.model)
    ids = list(records.order_by("pk").values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            for record in provider.rows().filter(pk__in=ids[start : start + BATCH]):
                entries = SearchEntry.objects.filter(content_type=ct, object_id=record.pk)
                count += entries.update(**_build(provider, record), indexed_at=timezone.now())
    return count


def entry_delete(*, record: models.Model) -> None:
    ct = ContentType.objects.get_for_model(record)
    SearchEntry.objects.filter(content_type=ct, object_id=record.pk).delete()


@transaction.atomic
def index_rebuild(*, log: Callable[[str], None] | None = None) -> int:
    """Rebuild the whole index from the records, in batches (bulk inserts; the FTS triggers follow).

    On PostgreSQL the members are locked against writes until the rebuild commits (reads go on). A member moved
    while it ran would otherwise keep the old cell on a new entry: the rebuild reads the cell before the move
    commits, and the move's trigger (search.0006) cannot see the rebuild's uncommitted entry; the search trusts
    that cell. On SQLite the rebuild's write transaction already holds every writer off."""
    total = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {connection.ops.quote_name(Member._meta.db_table)} IN SHARE MODE")
    SearchEntry.objects.all().delete()
    for provider in PROVIDERS:
        total += _rebuild(provider, log)
    return total
