"""The index follows every write: post_save and post_delete of each registered model, in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from dangvu.search import services
from dangvu.search.registry import PROVIDERS


def _saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # loaddata: the records may be incomplete; reindex afterwards
        services.entry_update(record=instance)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    services.entry_delete(record=instance)


def connect() -> None:
    for provider in PROVIDERS:
        uid = f"search:{provider.model._meta.label}"
        post_save.connect(_saved, sender=provider.model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=provider.model, dispatch_uid=uid)
