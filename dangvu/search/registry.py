"""The registry of search providers: one per kind of record, each saying how a record becomes an entry and
which records a user may see (reusing that app's own access function, so access stays decided in one place).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet


@dataclass
class EntryData:
    title: str
    body: str
    org_id: int | None
    date: datetime.date | None
    url: str
    archived: bool = False


@dataclass(frozen=True)
class Provider:
    kind: str
    model: type[models.Model]
    visible: Callable[[Any], QuerySet[Any]]  # the records `user` may open, from the app's access/selectors
    entry: Callable[[Any], EntryData]
    rows: Callable[[], QuerySet[Any]]  # every record to index, with what `entry` reads joined (reindex)
    # `visible` as a condition on the entry's own columns, for a kind whose entries the database keeps equal to
    # the record in what the condition reads (members: their cell, search.0006); the search checks it instead
    # of reading each matched record.
    visible_entries: Callable[[Any], Q] | None = None


PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    PROVIDERS[:] = [p for p in PROVIDERS if p.model is not provider.model] + [provider]
    return provider


def provider_for(model: type[models.Model]) -> Provider | None:
    for provider in PROVIDERS:
        if provider.model is model:
            return provider
    return None


def archived(record: Any) -> bool:
    return getattr(record, "archived_at", None) is not None


def joined(*parts: Any) -> str:
    return "\n".join(str(p) for p in parts if p)
