"""Kiểm điểm, đánh giá, xếp loại chất lượng: the yearly rating cycle of members and collectives (DOMAIN §5).

A cycle (đợt kiểm điểm) belongs to one grassroots Party organization and one year; it records the rule set
(core.RuleSet kind "rating") in force at the end of that year, so 2019 is rated under QĐ 132-QĐ/TW and 2025
under QĐ 366-QĐ/TW with its 100-point scale. Each member rating and collective rating moves
chưa tự kiểm điểm → đã tự kiểm điểm → chi bộ đề nghị → cấp ủy quyết định; each step is dated and signed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import ArchivableModel, RuleSet
from dangvu.organization.models import Member, PartyOrg


class Level(models.TextChoices):
    """Mức xếp loại: the four levels, the same names in QĐ 132, 124 and 366 (best first)."""

    EXCELLENT = "htxsnv", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "httnv", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "htnv", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "khtnv", _("Không hoàn thành nhiệm vụ")


LEVEL_ORDER: list[str] = [Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED]


def level_rank(level: str) -> int:
    """0 for the top level; a higher number is a lower level."""
    return LEVEL_ORDER.index(level)


class Step(models.TextChoices):
    PENDING = "pending", _("Chưa tự kiểm điểm")
    SELF = "self", _("Đã tự kiểm điểm")
    CELL = "cell", _("Chi bộ đã đề nghị")
    DECIDED = "decided", _("Cấp ủy đã quyết định")


STEP_ORDER: list[str] = [Step.PENDING, Step.SELF, Step.CELL, Step.DECIDED]


def _signer(label: Any) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )


class RatingCycle(ArchivableModel):
    """Đợt kiểm điểm, đánh giá, xếp loại chất lượng năm of one grassroots Party organization."""

    class State(models.TextChoices):
        OPEN = "open", _("Đang thực hiện")
        CLOSED = "closed", _("Đã kết thúc")

    org = models.ForeignKey(
        PartyOrg, verbose_name=_("đảng bộ, chi bộ cơ sở"), on_delete=models.PROTECT, related_name="rating_cycles"
    )
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    rule = models.ForeignKey(
        RuleSet, verbose_name=_("quy định áp dụng"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    self_from = models.DateField(_("tự kiểm điểm từ ngày"))
    self_to = models.DateField(_("tự kiểm điểm đến ngày"))
    cell_review_by = models.DateField(_("chi bộ kiểm điểm trước ngày"))
    decision_by = models.DateField(_("cấp ủy quyết định trước ngày"))
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.OPEN)
    opened_by = _signer(_("người mở đợt"))
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("đợt xếp loại")
        verbose_name_plural = _("đợt xếp loại")
        ordering = ["-year", "org__path"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="rating_cycle_unique")]

    def __str__(self) -> str:
        return f"{self.org.name} · {self.year}"

    def audit_org_path(self) -> str:
        return self.org.path

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class MemberRating(ArchivableModel):
    """Bản kiểm điểm và xếp loại của một đảng viên trong một đợt: self-assessment, cell proposal, decision."""

    cycle = models.ForeignKey(RatingCycle, verbose_name=_("đợt"), on_delete=models.PROTECT, related_name="members")
    member = models.ForeignKey(Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+")
    # The member's cell when the cycle opened: the cell that reviews them even if they move later.
    cell = models.ForeignKey(PartyOrg, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    step = models.CharField(_("bước"), max_length=10, choices=Step.choices, default=Step.PENDING)
    # Bản kiểm điểm cá nhân (sections of the usual template, HD 21/2019 and Mẫu 2A of HD 43/2025)
    politics = models.TextField(_("Về tư tưởng chính trị"), blank=True)
    ethics = models.TextField(_("Về phẩm chất đạo đức, lối sống"), blank=True)
    discipline = models.TextField(_("Về tác phong, lề lối làm việc và ý thức tổ chức kỷ luật"), blank=True)
    duties = models.TextField(_("Về kết quả thực hiện chức trách, nhiệm vụ được giao"), blank=True)
    commitment_result = models.TextField(_("Kết quả thực hiện cam kết tu dưỡng, rèn luyện (Chỉ thị 05)"), blank=True)
    shortcomings = models.TextField(_("Hạn chế, khuyết điểm và nguyên nhân"), blank=True)
    remedies = models.TextField(_("Kết quả khắc phục hạn chế đã được chỉ ra"), blank=True)
    plan = models.TextField(_("Phương hướng, biện pháp khắc phục"), blank=True)
    self_level = models.CharField(_("tự xếp loại"), max_length=8, choices=Level.choices, blank=True)
    self_score = models.PositiveSmallIntegerField(
        _("tự chấm điểm"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    self_on = models.DateField(_("ngày tự kiểm điểm"), null=True, blank=True, editable=False)
    self_by = _signer(_("người ký bản kiểm điểm"))
    cell_comment = models.TextField(_("nhận xét, góp ý của chi bộ"), blank=True)
    votes_for = models.PositiveSmallIntegerField(_("số phiếu tán thành"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("số phiếu không tán thành"), null=True, blank=True)
    disciplined = models.BooleanField(_("bị kỷ luật trong năm"), default=False)
    cell_score = models.PositiveSmallIntegerField(
        _("chi bộ chấm điểm"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    cell_level = models.CharField(_("chi bộ đề nghị"), max_length=8, choices=Level.choices, blank=True)
    cell_on = models.DateField(_("ngày chi bộ đề nghị"), null=True, blank=True, editable=False)
    cell_by = _signer(_("người ký đề nghị của chi bộ"))
    decided_level = models.CharField(_("cấp ủy quyết định"), max_length=8, choices=Level.choices, blank=True)
    decision_note = models.TextField(_("ghi chú của cấp ủy"), blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True, editable=False)
    decided_by = _signer(_("người ký quyết định"))

    class Meta:
        verbose_name = _("xếp loại đảng viên")
        verbose_name_plural = _("xếp loại đảng viên")
        ordering = ["cycle", "cell__path", "member__sort_key"]
        constraints = [models.UniqueConstraint(fields=["cycle", "member"], name="rating_member_unique")]
        indexes = [models.Index(fields=["cycle", "step"], name="rating_member_step")]

    def __str__(self) -> str:
        return f"{self.member.full_name} · {self.cycle.year}"

    def audit_org_path(self) -> str:
        return self.cell.path


class CollectiveRating(ArchivableModel):
    """Xếp loại tập thể: a cell (chi bộ) or the Party organization itself, with the same three steps."""

    cycle = models.ForeignKey(RatingCycle, verbose_name=_("đợt"), on_delete=models.PROTECT, related_name="collectives")
    org = models.ForeignKey(PartyOrg, verbose_name=_("tổ chức đảng"), on_delete=models.PROTECT, related_name="+")
    step = models.CharField(_("bước"), max_length=10, choices=Step.choices, default=Step.PENDING)
    report = models.TextField(_("báo cáo kiểm điểm của tập thể"), blank=True)
    self_level = models.CharField(_("tự xếp loại"), max_length=8, choices=Level.choices, blank=True)
    self_score = models.PositiveSmallIntegerField(
        _("tự chấm điểm"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    self_on = models.DateField(_("ngày tự đánh giá"), null=True, blank=True, editable=False)
    self_by = _signer(_("người ký báo cáo"))
    proposal_comment = models.TextField(_("ý kiến thẩm định"), blank=True)
    proposed_level = models.CharField(_("đề nghị xếp loại"), max_length=8, choices=Level.choices, blank=True)
    proposed_on = models.DateField(_("ngày đề nghị"), null=True, blank=True, editable=False)
    proposed_by = _signer(_("người ký đề nghị"))
    decided_level = models.CharField(_("quyết định xếp loại"), max_length=8, choices=Level.choices, blank=True)
    decision_note = models.TextField(_("ghi chú của cấp ủy"), blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True, editable=False)
    decided_by = _signer(_("người ký quyết định"))

    class Meta:
        verbose_name = _("xếp loại tập thể")
        verbose_name_plural = _("xếp loại tập thể")
        ordering = ["cycle", "org__path"]
        constraints = [models.UniqueConstraint(fields=["cycle", "org"], name="rating_collective_unique")]

    def __str__(self) -> str:
        return f"{self.org.name} · {self.cycle.year}"

    def audit_org_path(self) -> str:
        return self.org.path

    @property
    def is_party_org(self) -> bool:
        return self.org_id == self.cycle.org_id


class Commitment(ArchivableModel):
    """Bản cam kết tu dưỡng, rèn luyện (Chỉ thị 05-CT/TW): registered at the start of the year, assessed at its end."""

    member = models.ForeignKey(Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    text = models.TextField(_("nội dung cam kết"))
    registered_on = models.DateField(_("ngày đăng ký"))
    registered_by = _signer(_("người đăng ký"))
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    result_level = models.CharField(_("tự đánh giá mức thực hiện"), max_length=8, choices=Level.choices, blank=True)

    class Meta:
        verbose_name = _("cam kết Chỉ thị 05")
        verbose_name_plural = _("cam kết Chỉ thị 05")
        ordering = ["-year", "member__sort_key"]
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="rating_commitment_unique")]

    def __str__(self) -> str:
        return f"{self.member.full_name} · {self.year}"

    def audit_org_path(self) -> str:
        return self.member.cell.path
