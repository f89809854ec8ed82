"""Outgoing document numbers (số văn bản đi), issued by the register and never reused.

Party style numbers run from 01 for each document type through a committee term (HD 36-HD/VPTW, DOMAIN §7.2);
secret and ordinary documents share one sequence.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import ArchivableModel, AuditedModel


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


class Confidentiality(models.TextChoices):
    """Độ mật (Luật Bảo vệ bí mật nhà nước 2018): thường, mật, tối mật, tuyệt mật."""

    NORMAL = "thuong", _("Thường")
    SECRET = "mat", _("Mật")
    TOP_SECRET = "toi_mat", _("Tối mật")
    ABSOLUTE = "tuyet_mat", _("Tuyệt mật")


SECRET_LEVELS = (Confidentiality.SECRET, Confidentiality.TOP_SECRET, Confidentiality.ABSOLUTE)


class Document(ArchivableModel):
    """Văn bản đến / văn bản đi: one entry of a committee's document register (sổ đăng ký văn bản).

    An outgoing document's number comes from the register (`issued_number`) and never changes; an incoming
    document's number and symbol are typed as printed on the paper.
    """

    audit_exclude = ("updated_at", "text")

    class Direction(models.TextChoices):
        INCOMING = "den", _("Văn bản đến")
        OUTGOING = "di", _("Văn bản đi")

    org = models.ForeignKey(
        "organization.PartyOrg", verbose_name=_("sổ của"), on_delete=models.PROTECT, related_name="documents"
    )
    direction = models.CharField(_("loại sổ"), max_length=3, choices=Direction.choices)
    doc_type = models.CharField(_("thể loại"), max_length=4, choices=DocType.choices)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("số và ký hiệu"), max_length=60)
    issued_number = models.OneToOneField(
        IssuedNumber,
        verbose_name=_("số đã cấp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document",
        editable=False,
    )
    date = models.DateField(_("ngày văn bản"))
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=255)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    summary = models.TextField(_("trích yếu"), max_length=1000)
    confidentiality = models.CharField(
        _("độ mật"), max_length=10, choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    text = models.TextField(_("nội dung (trích từ tệp)"), blank=True, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người vào sổ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    registered_at = models.DateTimeField(_("vào sổ lúc"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["org", "direction", "date"], name="document_register_idx"),
            # the register's order over a whole province, newest first, without sorting it all
            models.Index(fields=["direction", "date", "id"], name="document_direction_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.summary[:80]}".strip()

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", args=[self.pk])

    def audit_org_path(self) -> str:
        return self.org.path

    @property
    def is_secret(self) -> bool:
        return self.confidentiality in SECRET_LEVELS


def _upload_to(instance: DocumentFile, filename: str) -> str:
    return f"documents/{timezone.localdate():%Y/%m}/{filename}"


class DocumentFile(ArchivableModel):
    """Tệp đính kèm of a register entry (DOCX or PDF), with its text for search."""

    audit_exclude = ("updated_at", "file", "text")

    # empty while an upload waits for the clerk to confirm the header proposed from it
    document = models.ForeignKey(
        Document, verbose_name=_("văn bản"), null=True, blank=True, on_delete=models.PROTECT, related_name="files"
    )
    file = models.FileField(_("tệp"), upload_to=_upload_to, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    text = models.TextField(_("nội dung"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def audit_org_path(self) -> str:
        return self.document.org.path if self.document else ""


class DocumentLink(AuditedModel):
    """The record a document concerns (a plan, a report, a meeting, an inspection...), through a generic link."""

    document = models.ForeignKey(Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="links")
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("loại bản ghi"), on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    target = GenericForeignKey("target_type", "target_id")

    class Meta:
        verbose_name = _("liên kết văn bản")
        verbose_name_plural = _("liên kết văn bản")
        constraints = [
            models.UniqueConstraint(fields=["document", "target_type", "target_id"], name="document_link_unique")
        ]
        indexes = [models.Index(fields=["target_type", "target_id"], name="document_link_target_idx")]

    def __str__(self) -> str:
        return f"{self.document} → {self.target_type_id}:{self.target_id}"

    def audit_org_path(self) -> str:
        return self.document.org.path
