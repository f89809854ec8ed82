"""Outgoing document numbers (số văn bản đi), issued by the register and never reused.

Party style numbers run from 01 for each document type through a committee term (HD 36-HD/VPTW, DOMAIN §7.2);
secret and ordinary documents share one sequence.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import AuditedModel


class DocType(models.TextChoices):
    """Thể loại văn bản của Đảng (QĐ 66-QĐ/TW) with their abbreviations."""

    NQ = "NQ", _("Nghị quyết")
    QD = "QĐ", _("Quyết định / Quy định")
    QC = "QC", _("Quy chế")
    CT = "CT", _("Chỉ thị")
    KL = "KL", _("Kết luận")
    HD = "HD", _("Hướng dẫn")
    BC = "BC", _("Báo cáo")
    KH = "KH", _("Kế hoạch")
    CTR = "CTr", _("Chương trình")
    TB = "TB", _("Thông báo")
    TTR = "TTr", _("Tờ trình")
    DA = "ĐA", _("Đề án")
    CV = "CV", _("Công văn")
    BB = "BB", _("Biên bản")


class NumberSequence(models.Model):
    """The last number issued for one issuer, document type and term."""

    issuer = models.ForeignKey("organization.PartyOrg", on_delete=models.PROTECT, related_name="+")
    doc_type = models.CharField(_("thể loại"), max_length=4, choices=DocType.choices)
    term = models.CharField(_("nhiệm kỳ"), max_length=20)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "doc_type", "term"], name="number_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.doc_type} {self.term}: {self.last_number}"


class IssuedNumber(AuditedModel):
    """One number given to one outgoing document: "Số 12-BC/ĐU"."""

    issuer = models.ForeignKey(
        "organization.PartyOrg", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    doc_type = models.CharField(_("thể loại"), max_length=4, choices=DocType.choices)
    term = models.CharField(_("nhiệm kỳ"), max_length=20)
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("số và ký hiệu"), max_length=60)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    issued_at = models.DateTimeField(_("cấp số lúc"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cấp số"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("số văn bản đi")
        verbose_name_plural = _("số văn bản đi")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "doc_type", "term", "number"], name="issued_number_unique")
        ]

    def __str__(self) -> str:
        return self.symbol

    def audit_org_path(self) -> str:
        return self.issuer.path
