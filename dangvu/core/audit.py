"""The audit trail: signals turn every save and delete of an AuditedModel into an AuditEntry.

The actor comes from a context variable that the middleware sets per request and that commands and
tasks set with `acting_as(user, source=...)`, so services need not pass the user down to the log.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from dangvu.core.models import AuditedModel, AuditEntry

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("dangvu_audit_actor", default=None)
_source: contextvars.ContextVar[str] = contextvars.ContextVar("dangvu_audit_source", default="")
_replaying: contextvars.ContextVar[bool] = contextvars.ContextVar("dangvu_audit_replaying", default=False)


@contextlib.contextmanager
def replaying() -> Iterator[None]:
    """Rows loaded back from a backup: their own audit entries come with them, so nothing new is written."""
    token = _replaying.set(True)
    try:
        yield
    finally:
        _replaying.reset(token)


@contextlib.contextmanager
def acting_as(user: Any, source: str = "") -> Iterator[None]:
    """Attribute every audit entry written inside the block to `user` (None: the system)."""
    token_actor = _actor.set(user)
    token_source = _source.set(source)
    try:
        yield
    finally:
        _actor.reset(token_actor)
        _source.reset(token_source)


def current_actor() -> Any:
    return _actor.get()


def _write(instance: AuditedModel, action: str, changes: dict[str, Any]) -> None:
    if _replaying.get():
        return
    actor = _actor.get()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    AuditEntry.objects.create(
        actor=actor,
        actor_name=(actor.get_full_name() or actor.get_username()) if actor else "",
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        changes=changes,
        org_path=instance.audit_org_path(),
        source=_source.get() or "system",
    )


@receiver(post_save)
def _on_save(sender: type, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or not isinstance(instance, AuditedModel):
        return
    after = instance.audit_snapshot()
    unaudited = instance.unaudited_values()
    instance._audit_changed = None  # a new row: everything (core.aggregates reads this after us)
    if created:
        changes = {name: [None, value] for name, value in after.items() if value not in (None, "", [], {})}
        _write(instance, AuditEntry.Action.CREATE, changes)
    else:
        before = instance.audit_loaded()
        changes = {
            name: [before.get(name), value] for name, value in after.items() if before.get(name, object()) != value
        }
        unaudited_before = getattr(instance, "_audit_unaudited", {})
        missing = object()
        instance._audit_changed = frozenset(changes) | {
            name for name, value in unaudited.items() if unaudited_before.get(name, missing) != value
        }
        if changes:
            action = AuditEntry.Action.UPDATE
            if "archived_at" in changes:
                action = AuditEntry.Action.ARCHIVE if changes["archived_at"][1] else AuditEntry.Action.RESTORE
            _write(instance, action, changes)
    instance._audit_loaded = after
    instance._audit_unaudited = unaudited


@receiver(post_delete)
def _on_delete(sender: type, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, AuditedModel):
        _write(
            instance,
            AuditEntry.Action.DELETE,
            {name: [value, None] for name, value in instance.audit_snapshot().items()},
        )


@receiver(m2m_changed)
def _on_m2m(sender: type, instance: Any, action: str, model: type, pk_set: set[Any] | None, **kwargs: Any) -> None:
    if not isinstance(instance, AuditedModel) or action not in {"post_add", "post_remove", "post_clear"}:
        return
    field = next(
        (f.name for f in instance._meta.many_to_many if f.remote_field.through is sender),
        sender.__name__,
    )
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    _write(instance, AuditEntry.Action.UPDATE, {field: {verb: sorted(pk_set or [])}})
