"""Yearly work plans (kế hoạch công tác năm), their key tasks (nhiệm vụ trọng tâm) and progress, and the
register of resolutions, conclusions and directives that tasks come from.

A task's displayed status ("overdue" included) is derived in SQL by planning.selectors; only the status a
person chose is stored. A task's percent is its latest progress update's, stored so that the plan's
roll-up is one SQL aggregate.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.lookup import Searchable
from dangvu.core.models import ArchivableModel, AuditedModel, VersionedModel
from dangvu.documents.models import DocType
from dangvu.organization.models import GovUnit, KeepsOrgPath, Member, PartyOrg


class AnnualPlan(KeepsOrgPath, ArchivableModel, VersionedModel):
    """Kế hoạch công tác năm of the Party committee or of one cell or unit."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Đã trình")
        APPROVED = "approved", _("Đã phê duyệt")
        RETURNED = "returned", _("Trả lại để sửa")

    owner = models.ForeignKey(PartyOrg, verbose_name=_("tổ chức đảng"), on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("tên kế hoạch"), max_length=255)
    description = models.TextField(_("nội dung chính"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT)

    path_of = "owner"
    audit_exclude = ("updated_at", "org_path")
    lookup_by = Searchable(
        words=("owner__name_folded",),
        starts=("year",),
        hint=_("Gõ tên tổ chức hoặc năm để tìm"),
        label=lambda plan: f"{plan.title} · {plan.owner.name}",
        related=("owner",),
    )

    class Meta:
        verbose_name = _("kế hoạch công tác năm")
        verbose_name_plural = _("kế hoạch công tác năm")
        ordering = ["-year", "org_path"]
        # The lists' order: newest year first, then the organizations in tree order. A page of the province's
        # plans of all years reads its 50 rows, not the 20,000 sorted (PostgreSQL 58 → 2 ms).
        indexes = [
            models.Index(
                fields=["-year", "org_path", "owner"],
                name="plan_list_idx",
                condition=models.Q(archived_at__isnull=True),
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "year"],
                name="plan_owner_year_unique",
                violation_error_message=_("Tổ chức này đã có kế hoạch công tác của năm này."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def audit_org_path(self) -> str:
        return self.owner.path


class PlanStatusChange(AuditedModel):
    """One step of a plan's history: submitted, approved, returned (with the committee's comments)."""

    plan = models.ForeignKey(AnnualPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True, on_delete=models.SET_NULL
    )
    from_status = models.CharField(_("từ trạng thái"), max_length=12, choices=AnnualPlan.Status.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=12, choices=AnnualPlan.Status.choices)
    comment = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("lịch sử kế hoạch")
        verbose_name_plural = _("lịch sử kế hoạch")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan} · {self.get_to_status_display()}"

    def audit_org_path(self) -> str:
        return self.plan.owner.path


class Resolution(ArchivableModel):
    """Sổ theo dõi nghị quyết, kết luận, chỉ thị: what the committee must carry out."""

    KINDS = (DocType.NQ, DocType.KL, DocType.CT)

    owner = models.ForeignKey(
        PartyOrg,
        verbose_name=_("tổ chức theo dõi"),
        on_delete=models.PROTECT,
        related_name="resolutions",
        help_text=_("Đảng bộ ghi văn bản này vào sổ theo dõi"),
    )
    kind = models.CharField(
        _("loại văn bản"), max_length=4, choices=[(k.value, k.label) for k in KINDS], default=DocType.NQ
    )
    number = models.CharField(_("số, ký hiệu"), max_length=40, help_text=_("Ví dụ 21-NQ/TW"))
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    summary = models.TextField(_("nội dung chính"), blank=True)

    class Meta:
        verbose_name = _("nghị quyết, kết luận, chỉ thị")
        verbose_name_plural = _("sổ nghị quyết, kết luận, chỉ thị")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "number"],
                name="resolution_owner_number_unique",
                violation_error_message=_("Số, ký hiệu này đã có trong sổ."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def audit_org_path(self) -> str:
        return self.owner.path


class KeyTask(KeepsOrgPath, ArchivableModel, VersionedModel):
    """Nhiệm vụ trọng tâm. `status` is what a person set; "overdue" is derived (selectors.with_display_status)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa bắt đầu")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")
        PAUSED = "paused", _("Tạm dừng")

    class DisplayStatus(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa bắt đầu")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")
        OVERDUE = "overdue", _("Quá hạn")
        PAUSED = "paused", _("Tạm dừng")

    class Priority(models.TextChoices):
        HIGH = "high", _("Cao")
        NORMAL = "normal", _("Bình thường")
        LOW = "low", _("Thấp")

    title = models.CharField(_("tên nhiệm vụ"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("kế hoạch"), null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    org = models.ForeignKey(PartyOrg, verbose_name=_("tổ chức chủ trì"), on_delete=models.PROTECT, related_name="tasks")
    lead = models.ForeignKey(
        Member,
        verbose_name=_("người phụ trách"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    gov_units = models.ManyToManyField(
        GovUnit, verbose_name=_("đơn vị chính quyền phối hợp"), blank=True, related_name="key_tasks"
    )
    party_orgs = models.ManyToManyField(
        PartyOrg, verbose_name=_("tổ chức đảng phối hợp"), blank=True, related_name="participating_tasks"
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    due_date = models.DateField(_("hạn hoàn thành"))
    target = models.CharField(_("chỉ tiêu"), max_length=500, blank=True)
    target_number = models.DecimalField(_("chỉ tiêu (số)"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    priority = models.CharField(_("mức ưu tiên"), max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    weight = models.PositiveSmallIntegerField(
        _("trọng số"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    percent = models.PositiveSmallIntegerField(
        _("% hoàn thành"), default=0, editable=False, validators=[MaxValueValidator(100)]
    )
    source_type = models.ForeignKey(
        ContentType, verbose_name=_("loại nguồn"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(_("mã nguồn"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        verbose_name = _("nhiệm vụ trọng tâm")
        verbose_name_plural = _("nhiệm vụ trọng tâm")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["source_type", "source_id"], name="keytask_source_idx"),
            models.Index(fields=["due_date"], name="keytask_due_idx"),
            models.Index(fields=["org_path", "due_date", "id"], name="keytask_org_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(due_date__gte=models.F("start_date")), name="keytask_dates"),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="keytask_percent"),
        ]

    audit_exclude = ("updated_at", "org_path")

    def __str__(self) -> str:
        return self.title

    def audit_org_path(self) -> str:
        return self.org.path


def evidence_path(instance: ProgressUpdate, filename: str) -> str:
    return f"planning/evidence/{timezone.localdate():%Y/%m}/{filename}"


class ProgressUpdate(AuditedModel):
    """Cập nhật tiến độ: dated, with a note, the percent done and optional evidence."""

    task = models.ForeignKey(KeyTask, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("ngày cập nhật"))
    percent = models.PositiveSmallIntegerField(
        _("% hoàn thành"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    note = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(_("trạng thái mới"), max_length=12, choices=KeyTask.Status.choices, blank=True)
    evidence = models.FileField(_("minh chứng"), upload_to=evidence_path, blank=True, max_length=255)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-date", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(percent__lte=100), name="progress_percent")]

    def __str__(self) -> str:
        return f"{self.task} · {self.date:%d/%m/%Y} · {self.percent}%"

    def audit_snapshot(self) -> dict[str, Any]:
        # the trail keeps the stored file's name, not the file object
        data = super().audit_snapshot()
        if "evidence" in data:
            data["evidence"] = self.evidence.name or ""
        return data

    def audit_org_path(self) -> str:
        return self.task.org.path
