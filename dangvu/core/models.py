"""Base models shared by every domain app: the audit trail and archiving (nothing is hard-deleted)."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.hashable import make_hashable
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


# The labels of each field's choices, translated, per language: see ChoiceLabelsModel._get_FIELD_display.
_CHOICE_LABELS: dict[tuple[models.Field[Any, Any], str | None], dict[Any, str]] = {}


class ChoiceLabelsModel(models.Model):
    """get_<field>_display() from each field's labels translated once per language."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> Any:
        """Django's own builds a dict of the field's choices on every call, and hashing each lazy label translates
        it: a list of 50 documents with their 20 types spent 16 % of its time there (A/B in process,
        docs/performance.md)."""
        key = (field, get_language())
        labels = _CHOICE_LABELS.get(key)
        if labels is None:
            labels = _CHOICE_LABELS[key] = {make_hashable(value): str(label) for value, label in field.flatchoices}
        value = getattr(self, field.attname)
        return labels.get(make_hashable(value), value)


class AuditedModel(ChoiceLabelsModel):
    """A domain record whose every create, change and delete leaves an AuditEntry (see core.audit).

    The values loaded from the database are kept on the instance, so a save can say what changed
    without another query.
    """

    audit_exclude: tuple[str, ...] = ("updated_at",)
    _audit_loaded: dict[str, Any]
    _audit_raw: tuple[Any, Any]  # (field attnames, values) as loaded by from_db
    _audit_unaudited: dict[str, Any]  # the values of the fields left out of the trail, as loaded or last saved
    _audit_changed: frozenset[str] | None  # the fields the last save changed; None: a new row (core.aggregates)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> Any:
        instance = super().from_db(db, field_names, values)
        # Kept as loaded; the snapshot is built only for a record that is saved: a page of 50 tasks with their
        # organizations and people spent 35 ms building snapshots nobody read.
        instance._audit_raw = (field_names, values)
        return instance

    def audit_loaded(self) -> dict[str, Any]:
        """The snapshot of the values as loaded from the database, or as last saved ({} for a new record)."""
        if "_audit_loaded" not in self.__dict__:
            raw = self.__dict__.pop("_audit_raw", None)
            values = dict(zip(*raw, strict=True)) if raw else {}
            self._audit_loaded = self._audit_values(values)
            self._audit_unaudited = self.unaudited_values(values)
        return self._audit_loaded

    def unaudited_values(self, values: dict[str, Any] | None = None) -> dict[str, Any]:
        """The values of the fields the trail leaves out (timestamps, derived names, files), as they are: not
        shown in the trail, but a save that changed them changed the record's columns (core.aggregates)."""
        values = self.__dict__ if values is None else values
        return {
            field.name: values[field.attname]
            for field in self._meta.concrete_fields
            if field.name in self.audit_exclude and field.attname in values
        }

    def audit_org_path(self) -> str:
        """The tree path of the Party organization this record belongs to ("" if agency-wide).

        Stored on each audit entry so that the trail is scoped like the records themselves.
        """
        return ""

    def audit_snapshot(self) -> dict[str, Any]:
        """The audited fields' current values (those loaded: a deferred field is left out)."""
        return self._audit_values(self.__dict__)

    def _audit_values(self, values: dict[str, Any]) -> dict[str, Any]:
        return {
            field.name: _jsonable(values[field.attname])
            for field in self._meta.concrete_fields
            if field.name not in self.audit_exclude and field.attname in values
        }


class ArchivableQuerySet(models.QuerySet):
    def active(self) -> ArchivableQuerySet:
        return self.filter(archived_at__isnull=True)


class ArchivableModel(AuditedModel):
    """Records are archived, never deleted, from the interface."""

    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class ConcurrentEditError(Exception):
    """Someone saved the record after this user opened it: the later save is refused, not silently lost."""


class VersionedModel(models.Model):
    """A record two people may edit at once. Forms carry `version`; save_versioned refuses a stale one."""

    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True


def save_versioned(instance: VersionedModel, *, expected_version: int | None) -> None:
    """Save `instance` only if nobody saved it since `expected_version` was read (one atomic UPDATE)."""
    if instance._state.adding or expected_version is None:
        instance.save()
        return
    model = type(instance)
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=models.F("version") + 1
    )
    if not updated:
        raise ConcurrentEditError(instance)
    instance.version = expected_version + 1
    instance.save()


class AuditEntry(models.Model):
    """Nhật ký thay đổi: who changed which record, when, and each field's before and after."""

    class Action(models.TextChoices):
        CREATE = "create", _("Tạo mới")
        UPDATE = "update", _("Sửa")
        DELETE = "delete", _("Xóa")
        ARCHIVE = "archive", _("Lưu trữ")
        RESTORE = "restore", _("Khôi phục")

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    action = models.CharField(_("hành động"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, verbose_name=_("loại bản ghi"), on_delete=models.PROTECT)
    object_id = models.CharField(_("mã bản ghi"), max_length=64)
    object_repr = models.CharField(_("bản ghi"), max_length=255)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    org_path = models.CharField(_("thuộc tổ chức"), max_length=255, blank=True, db_index=True, editable=False)
    source = models.CharField(_("nguồn"), max_length=40, blank=True, help_text=_("web, import, admin, command..."))

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name or '-'} {self.get_action_display()} {self.object_repr}"


class Regulation(AuditedModel):
    """A regulation that rules derive from (Hướng dẫn 12-HD/BTCTW of 06/7/2018, Quy định 22-QĐ/TW...).

    Two documents can share a number (12-HD/BTCTW of 2012 and of 2018): the date is part of its identity.
    """

    code = models.CharField(_("số hiệu"), max_length=40)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("tên văn bản"), max_length=300)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("văn bản quy định")
        verbose_name_plural = _("văn bản quy định")
        ordering = ["-issued_on"]
        constraints = [models.UniqueConstraint(fields=["code", "issued_on"], name="regulation_unique")]

    def __str__(self) -> str:
        return f"{self.code} ({self.issued_on:%d/%m/%Y})"


class RuleSet(AuditedModel):
    """Versioned rule data (frequencies, quorum, durations, steps...) in force from a date.

    The office adds a new version when a regulation changes; records are judged by the version in force on
    their own date, so 2019 is judged by 2019 rules and today by today's.
    """

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Sinh hoạt chi bộ")
        INSPECTION = "inspection", _("Kiểm tra, giám sát")
        RATING = "rating", _("Đánh giá, xếp loại")
        REPORTING = "reporting", _("Chế độ báo cáo")

    kind = models.CharField(_("lĩnh vực"), max_length=20, choices=Kind.choices)
    regulation = models.ForeignKey(
        Regulation, verbose_name=_("căn cứ"), on_delete=models.PROTECT, related_name="rule_sets"
    )
    effective_from = models.DateField(_("áp dụng từ"))
    params = models.JSONField(_("tham số"), default=dict)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bộ quy tắc")
        verbose_name_plural = _("bộ quy tắc")
        ordering = ["kind", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["kind", "effective_from"], name="ruleset_unique_start")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.regulation} · {self.effective_from:%d/%m/%Y}"


class AggregateVersion(models.Model):
    """The state of the data a cached aggregate counts: a new random token on each change (core.aggregates).

    Not a domain record (no audit): a row per topic, rewritten inside the transaction of every write that
    changes what the topic's aggregates count.
    """

    topic = models.CharField(max_length=40, primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.topic}: {self.token}"
