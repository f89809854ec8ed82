"""The index follows every write: post_save and post_delete of each registered model, in the same transaction."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from dangvu.search import services
from dangvu.search.registry import PROVIDERS

# Entries whose text or organization is read from a parent record: refreshed when the parent changes
# (a meeting's topic and cell appear in its minutes' and conclusions' entries, an inspection's in its findings').
DEPENDENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "meetings.meeting": (("meetings.minutes", "meeting"), ("meetings.conclusion", "meeting")),
    "supervision.activity": (("supervision.finding", "activity"),),
    "supervision.finding": (("supervision.recommendation", "finding"),),
}

# ...and the entries of records too many to refresh in the request (a report kind has a submission per cell
# and period): refreshed by a background task once a change of the parent's `watched` field is committed.
# parent: (watched field, ((dependent model, its path to the parent), ...)). The titles that carry the name:
# a meeting's (and its minutes' and conclusions' when it has no topic), an inspection's subject (and its
# findings' and recommendations').
BACKGROUND_DEPENDENTS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "reporting.reportkind": ("name", (("reporting.submission", "kind"),)),
    "organization.partyorg": (
        "name",
        (
            ("meetings.meeting", "org"),
            ("meetings.minutes", "meeting__org"),
            ("meetings.conclusion", "meeting__org"),
            ("supervision.activity", "subject_org"),
            ("supervision.finding", "activity__subject_org"),
            ("supervision.recommendation", "finding__activity__subject_org"),
        ),
    ),
    "organization.member": (
        "full_name",
        (
            ("supervision.activity", "subject_member"),
            ("supervision.finding", "activity__subject_member"),
            ("supervision.recommendation", "finding__activity__subject_member"),
        ),
    ),
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


def _parent_saving(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    watched, _dependents = BACKGROUND_DEPENDENTS[instance._meta.label_lower]
    loaded = {} if raw else instance.audit_loaded()  # as read from the database ({} for a new record)
    instance._search_stale = watched in loaded and loaded[watched] != getattr(instance, watched)


def _parent_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not getattr(instance, "_search_stale", False):
        return
    from dangvu.search.tasks import refresh_entries

    for label, field in BACKGROUND_DEPENDENTS[instance._meta.label_lower][1]:
        transaction.on_commit(partial(refresh_entries.enqueue, label, f"{field}_id", instance.pk))


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    services.entry_delete(record=instance)


def connect() -> None:
    for provider in PROVIDERS:
        uid = f"search:{provider.model._meta.label}"
        post_save.connect(_saved, sender=provider.model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=provider.model, dispatch_uid=uid)
    for label in BACKGROUND_DEPENDENTS:
        parent = apps.get_model(label)
        pre_save.connect(_parent_saving, sender=parent, dispatch_uid=f"search-parent:{label}")
        post_save.connect(_parent_saved, sender=parent, dispatch_uid=f"search-parent:{label}")
