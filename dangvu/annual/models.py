"""Báo cáo tổng kết năm: the Party committee's annual summary report, drafted from the year's records.

Every save of the text keeps a ReportVersion (the four sections, which of them a person edited, and the
figures they were written from), so that versions can be compared and refreshing the figures never
overwrites what someone typed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import ArchivableModel, AuditedModel, VersionedModel
from dangvu.organization.models import PartyOrg

# The four parts of the report, in the order of the document (DOMAIN §6.3).
SECTION_KEYS = ("results", "shortcomings", "lessons", "directions")
SECTION_TITLES: dict[str, Any] = {
    "results": _("I. Kết quả thực hiện nhiệm vụ năm"),
    "shortcomings": _("II. Hạn chế, khuyết điểm và nguyên nhân"),
    "lessons": _("III. Bài học kinh nghiệm"),
    "directions": _("IV. Phương hướng, nhiệm vụ trọng tâm năm tới"),
}


class AnnualReport(ArchivableModel, VersionedModel):
    """Báo cáo tổng kết công tác xây dựng Đảng năm: one per organization and year."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        FINAL = "final", _("Đã ban hành")

    org = models.ForeignKey(
        PartyOrg, verbose_name=_("tổ chức đảng"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    state = models.CharField(_("trạng thái"), max_length=8, choices=State.choices, default=State.DRAFT)
    number = models.CharField(_("số và ký hiệu"), max_length=60, blank=True)
    finalised_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True, editable=False)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ban hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conference = models.ForeignKey(
        "meetings.Conference",
        verbose_name=_("hội nghị tổng kết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("báo cáo tổng kết năm")
        verbose_name_plural = _("báo cáo tổng kết năm")
        ordering = ["-year", "org__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"],
                name="annual_report_org_year_unique",
                violation_error_message=_("Tổ chức này đã có báo cáo tổng kết của năm này."),
            )
        ]

    def __str__(self) -> str:
        return f"{_('Báo cáo tổng kết năm')} {self.year} · {self.org.name}"

    def audit_org_path(self) -> str:
        return self.org.path

    @property
    def is_final(self) -> bool:
        return self.state == self.State.FINAL


class ReportVersion(AuditedModel):
    """Một phiên bản của báo cáo: the texts of the four sections, which ones a person edited, and the figures."""

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("báo cáo"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("phiên bản số"))
    sections = models.JSONField(_("nội dung các phần"), default=dict)
    edited = models.JSONField(_("phần đã sửa tay"), default=list, blank=True)
    figures = models.JSONField(_("số liệu"), default=dict)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("lưu lúc"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lưu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phiên bản báo cáo")
        verbose_name_plural = _("phiên bản báo cáo")
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self) -> str:
        return f"{self.report} · v{self.number}"

    def audit_org_path(self) -> str:
        return self.report.org.path

    def audit_snapshot(self) -> dict[str, Any]:
        # the figures are a snapshot recomputable from the records: keep the trail small
        data = super().audit_snapshot()
        data.pop("figures", None)
        return data
