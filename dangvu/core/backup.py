"""Sao lưu và phục hồi: the whole database as one portable file, the same on SQLite and PostgreSQL.

The file is a gzip'd JSON document: a manifest (format version, the applied migrations, the number of rows of each
model) and every row, serialized by Django with natural keys for content types, so a backup taken on SQLite restores
on PostgreSQL and the other way round. Restoring happens in one transaction: a file that fails to load leaves the
database as it was.
"""

from __future__ import annotations

import datetime
import gzip
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from dangvu.core.audit import replaying
from dangvu.core.models import AggregateVersion

FORMAT = "dangvu-backup/1"
# Rebuilt by `migrate` (content types, permissions) or worthless after a restore (sessions, lock-out counters,
# the versions of cached counts, which a restore clears: core.aggregates).
SKIPPED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "axes.accessattempt",
    "axes.accesslog",
    "core.aggregateversion",
}


class BackupError(Exception):
    """A file that is not a dangvu backup, or one that does not match this database (message in Vietnamese)."""


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model with a table, in an order in which foreign keys can be loaded."""
    ordered = serializers.sort_dependencies([(config, None) for config in apps.get_app_configs()], allow_cycles=True)
    return [
        model
        for model in ordered
        if model._meta.label_lower not in SKIPPED and model._meta.managed and not model._meta.proxy
    ]


def _rows(model: type[models.Model]) -> Iterator[models.Model]:
    return model._base_manager.order_by("pk").iterator(chunk_size=2000)


def backup_write(out: IO[bytes]) -> dict[str, Any]:
    """Write the backup of the whole database to `out`; return its manifest."""
    chosen = backed_up_models()
    counts = {model._meta.label_lower: model._base_manager.count() for model in chosen}
    manifest = {
        "format": FORMAT,
        "created": datetime.datetime.now(datetime.UTC).isoformat(),
        "vendor": connection.vendor,
        "migrations": sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()),
        "counts": counts,
    }
    with gzip.GzipFile(fileobj=out, mode="wb") as zipped:
        text = io.TextIOWrapper(zipped, encoding="utf-8")
        text.write('{"manifest": ' + json.dumps(manifest, ensure_ascii=False) + ', "objects": [')
        first = True
        for model in chosen:
            for obj in _rows(model):
                (row,) = serializers.serialize("python", [obj], use_natural_foreign_keys=True)
                chunk = json.dumps(row, default=_encode, ensure_ascii=False)
                text.write(chunk if first else "," + chunk)
                first = False
        text.write("]}")
        text.flush()
        text.detach()
    return manifest


def _encode(value: Any) -> str:
    """Dates and times in full ISO form: Django's JSON encoder would cut microseconds off, and a restore must not."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


def backup_read(path: Path) -> tuple[dict[str, Any], list[Any]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"Tệp {path.name} không phải là bản sao lưu của dangvu ({exc}).") from exc
    manifest = document.get("manifest") if isinstance(document, dict) else None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"Tệp {path.name} không phải là bản sao lưu của dangvu (thiếu phần mô tả {FORMAT}).")
    return manifest, document.get("objects", [])


@transaction.atomic
def backup_restore(path: Path) -> dict[str, int]:
    """Replace every row of the database by the backup's; return the rows restored per model.

    The database must have the same migrations applied as the one backed up (run `migrate` first).
    """
    manifest, objects = backup_read(path)
    applied = sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())
    missing = sorted(set(manifest["migrations"]) - set(applied))
    if missing:
        raise BackupError(
            "Cơ sở dữ liệu chưa được cập nhật cấu trúc như lúc sao lưu: chạy `dangvu migrate` rồi phục hồi lại "
            f"(thiếu {', '.join(missing[:5])}{'…' if len(missing) > 5 else ''})."
        )
    chosen = backed_up_models()
    for model in reversed(chosen):
        # rows only, many-to-many links first: no signals, no cascade, nothing left to collide with the backup's rows
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through is not None and through._meta.auto_created:
                through._base_manager.all()._raw_delete(through._base_manager.db)
        model._base_manager.all()._raw_delete(model._base_manager.db)
    deferred = []
    with replaying():
        for deserialized in serializers.deserialize("python", objects, handle_forward_references=True):
            deserialized.save()
            if deserialized.deferred_fields:
                deferred.append(deserialized)
        for deserialized in deferred:
            deserialized.save_deferred_fields()
    _reset_sequences(chosen)
    # Counts cached before the restore must not be served after it: no version, no caching, until the next write.
    AggregateVersion.objects.all().delete()
    restored = {model._meta.label_lower: model._base_manager.count() for model in backed_up_models()}
    expected = {label: count for label, count in manifest["counts"].items() if label in restored}
    if {label: restored[label] for label in expected} != expected:
        differing = ", ".join(
            f"{label}: {restored[label]}/{count}" for label, count in expected.items() if restored[label] != count
        )
        raise BackupError(
            f"Số bản ghi sau khi phục hồi không khớp với bản sao lưu ({differing}); cơ sở dữ liệu được giữ nguyên."
        )
    return restored


def _reset_sequences(chosen: list[type[models.Model]]) -> None:
    """PostgreSQL hands out ids from sequences: move them past the restored rows."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), chosen):
            cursor.execute(sql)
