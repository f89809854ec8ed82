"""Turn audit entries into what a person reads: field labels, choice labels and the names of related records.

Related records are looked up in one query per related model for a whole page of entries, never per row.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from dangvu.core.models import AuditEntry

HIDDEN_FIELDS = {"id", "created_at", "updated_at", "version"}


@dataclass
class ChangeLine:
    label: str
    before: str
    after: str


def _display(field: models.Field | None, value: Any, names: dict[tuple[type, Any], str]) -> str:
    if value is None or value == "":
        return ""
    if field is None:
        return str(value)
    if field.is_relation and field.related_model is not None:
        return names.get((field.related_model, value), f"#{value}")  # type: ignore[arg-type]
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool) or isinstance(field, models.BooleanField):
        return "✓" if value else "✗"
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:  # a field removed since the entry was written
        return None
    return field if isinstance(field, models.Field) else None


def describe(entries: Iterable[AuditEntry]) -> list[tuple[AuditEntry, list[ChangeLine]]]:
    entries = list(entries)
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, change in entry.changes.items():
            field = _field(model, name)
            if field is not None and field.many_to_one and field.related_model is not None and isinstance(change, list):
                wanted[field.related_model].update(v for v in change if v is not None)  # type: ignore[index]
    names: dict[tuple[type, Any], str] = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids):
            names[(model, obj.pk)] = str(obj)
    described = []
    for entry in entries:
        model = entry.content_type.model_class()
        lines = []
        for name, change in entry.changes.items():
            if name in HIDDEN_FIELDS:
                continue
            field = _field(model, name)
            label = str(field.verbose_name) if field is not None else name
            if isinstance(change, list) and len(change) == 2:
                lines.append(ChangeLine(label, _display(field, change[0], names), _display(field, change[1], names)))
            elif isinstance(change, dict):  # many-to-many: {"added": [ids]}
                lines.append(ChangeLine(label, "", ", ".join(f"{k}: {v}" for k, v in change.items())))
            else:  # a count of a bulk operation: `dangvu demo` records {"members_added": 200000}
                lines.append(ChangeLine(label, "", str(change)))
        described.append((entry, lines))
    return described
