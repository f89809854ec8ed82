"""The index follows every write: post_save and post_delete of each registered model, in the same transaction."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from dangvu.search import services
from dangvu.search.registry import PROVIDERS

# Entries whose text or organization is read from a parent record: refreshed when the parent changes
# (a meeting's topic and cell appear in its minutes' and conclusions' entries, an inspection's in its findings').
DEPENDENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "meetings.meeting": (("meetings.minutes", "meeting"), ("meetings.conclusion", "meeting")),
    "supervision.activity": (("supervision.finding", "activity"),),
    "supervision.finding": (("supervision.recommendation", "finding"),),
}


def _saved(sender: Any, instance: Any, raw: bool = False, created: bool = False, **kwargs: Any) -> None:
    if raw:  # loaddata: the records may be incomplete; reindex afterwards
        return
    services.entry_update(record=instance)
    if created:
        return  # a new parent has no dependents yet
    for label, field in DEPENDENTS.get(instance._meta.label_lower, ()):
        for child in apps.get_model(label)._base_manager.filter(**{field: instance}):
            _saved(type(child), child)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    services.entry_delete(record=instance)


def connect() -> None:
    for provider in PROVIDERS:
        uid = f"search:{provider.model._meta.label}"
        post_save.connect(_saved, sender=provider.model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=provider.model, dispatch_uid=uid)
