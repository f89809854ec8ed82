"""Kiểm tra, giám sát: the yearly program, its activities (a state machine from plan to closing), findings,
recommendations and their follow-up (DOMAIN.md §4, §11.6, §11.11 workflow 8).

Confidential records (activities of a type listed in the rule's "confidential_types", by default the inspection
on signs of violation) write their audit entries under "confidential:<path>", so that the audit trail's
path-prefix scoping never shows them to the office.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import ArchivableModel, AuditedModel
from dangvu.organization.models import Member, PartyOrg

CONFIDENTIAL_PREFIX = "confidential:"


class Program(ArchivableModel):
    """Chương trình kiểm tra, giám sát năm of a committee, its inspection commission, or a cell."""

    class Body(models.TextChoices):
        COMMITTEE = "committee", _("Đảng ủy")
        INSPECTION_COMMISSION = "inspection_commission", _("Ủy ban Kiểm tra")
        CELL = "cell", _("Chi bộ (tự kiểm tra)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    org = models.ForeignKey(PartyOrg, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="ktgs_programs")
    body = models.CharField(_("cơ quan thực hiện"), max_length=30, choices=Body.choices)
    year = models.PositiveIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=300)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        verbose_name = _("chương trình kiểm tra, giám sát")
        verbose_name_plural = _("chương trình kiểm tra, giám sát")
        ordering = ["-year", "org__path", "body"]
        constraints = [models.UniqueConstraint(fields=["org", "body", "year"], name="ktgs_program_unique")]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def audit_org_path(self) -> str:
        return self.org.path


class Activity(ArchivableModel):
    """One inspection or supervision of the program, moved step by step by services.activity_advance."""

    class Kind(models.TextChoices):
        COMPLIANCE = "compliance", _("Kiểm tra chấp hành")
        THEMATIC = "thematic", _("Kiểm tra chuyên đề")
        VIOLATION = "violation", _("Kiểm tra khi có dấu hiệu vi phạm")
        FINANCE = "finance", _("Kiểm tra tài chính đảng")
        SELF = "self", _("Tự kiểm tra")
        SUPERVISION_REGULAR = "supervision_regular", _("Giám sát thường xuyên")
        SUPERVISION_THEMATIC = "supervision_thematic", _("Giám sát chuyên đề")

    class State(models.TextChoices):
        PLANNED = "planned", _("Kế hoạch")
        DECIDED = "decided", _("Đã quyết định")
        SELF_REPORT = "self_report", _("Đã nhận báo cáo tự kiểm tra")
        VERIFICATION = "verification", _("Thẩm tra, xác minh")
        DRAFT_REPORT = "draft_report", _("Dự thảo báo cáo")
        MEETING_APPROVED = "meeting_approved", _("Hội nghị thông qua")
        CONCLUDED = "concluded", _("Đã kết luận")
        FOLLOW_UP = "follow_up", _("Theo dõi khắc phục")
        CLOSED = "closed", _("Đã đóng")

    program = models.ForeignKey(
        Program, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    confidential = models.BooleanField(_("mật"), default=False, editable=False)
    subject_org = models.ForeignKey(
        PartyOrg,
        verbose_name=_("tổ chức được kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên được kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content = models.TextField(_("nội dung"))
    lead = models.ForeignKey(
        Member, verbose_name=_("trưởng đoàn"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ManyToManyField(Member, verbose_name=_("thành viên đoàn"), blank=True, related_name="+")
    period_from = models.DateField(_("mốc thời gian từ"), null=True, blank=True)
    period_to = models.DateField(_("mốc thời gian đến"), null=True, blank=True)
    planned_month = models.PositiveSmallIntegerField(_("tháng dự kiến"))
    state = models.CharField(_("bước"), max_length=20, choices=State.choices, default=State.PLANNED)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    concluded_on = models.DateField(_("ngày thông báo kết luận"), null=True, blank=True)
    notice_number = models.CharField(_("số thông báo kết luận"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("cuộc kiểm tra, giám sát")
        verbose_name_plural = _("cuộc kiểm tra, giám sát")
        ordering = ["program", "planned_month", "pk"]
        indexes = [models.Index(fields=["kind", "state"], name="ktgs_activity_kind_state")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject_label}"

    @property
    def subject_label(self) -> str:
        if self.subject_member_id:
            return str(self.subject_member.full_name)  # type: ignore[union-attr]
        return self.subject_org.name if self.subject_org_id else ""  # type: ignore[union-attr]

    @property
    def planned_date(self) -> datetime.date:
        return datetime.date(self.program.year, self.planned_month, 1)

    @property
    def planned_end(self) -> datetime.date:
        nxt = datetime.date(self.program.year + (self.planned_month == 12), self.planned_month % 12 + 1, 1)
        return nxt - datetime.timedelta(days=1)

    def audit_org_path(self) -> str:
        path = self.program.org.path
        return CONFIDENTIAL_PREFIX + path if self.confidential else path


class _ActivityPart(models.Model):
    """Audit path of a record belonging to an activity: confidential like the activity."""

    class Meta:
        abstract = True

    def _activity(self) -> Activity:
        raise NotImplementedError

    def audit_org_path(self) -> str:
        return self._activity().audit_org_path()


class ActivityStep(_ActivityPart, AuditedModel):
    """A transition of the activity: which step it reached, on which date, by whom."""

    activity = models.ForeignKey(Activity, verbose_name=_("cuộc"), on_delete=models.CASCADE, related_name="steps")
    state = models.CharField(_("bước"), max_length=20, choices=Activity.State.choices)
    date = models.DateField(_("ngày"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bước thực hiện")
        verbose_name_plural = _("bước thực hiện")
        ordering = ["activity", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_state_display()} {self.date:%d/%m/%Y}"

    def _activity(self) -> Activity:
        return self.activity


class Finding(_ActivityPart, ArchivableModel):
    class Kind(models.TextChoices):
        STRENGTH = "strength", _("Ưu điểm")
        SHORTCOMING = "shortcoming", _("Hạn chế, khuyết điểm")
        VIOLATION = "violation", _("Vi phạm")

    activity = models.ForeignKey(Activity, verbose_name=_("cuộc"), on_delete=models.PROTECT, related_name="findings")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("kết quả kiểm tra")
        verbose_name_plural = _("kết quả kiểm tra")
        ordering = ["activity", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def _activity(self) -> Activity:
        return self.activity


class Recommendation(_ActivityPart, ArchivableModel):
    """Kiến nghị / yêu cầu khắc phục with an owner and a deadline; "overdue" is derived, never stored."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang thực hiện")
        DONE = "done", _("Đã khắc phục")
        OVERDUE = "overdue", _("Quá hạn")

    finding = models.ForeignKey(
        Finding, verbose_name=_("kết quả"), on_delete=models.PROTECT, related_name="recommendations"
    )
    text = models.TextField(_("kiến nghị"))
    owner_org = models.ForeignKey(
        PartyOrg, verbose_name=_("tổ chức thực hiện"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_member = models.ForeignKey(
        Member, verbose_name=_("đảng viên thực hiện"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("thời hạn"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("supervision:activity_detail", args=[self.finding.activity_id])

    def _activity(self) -> Activity:
        return self.finding.activity

    def status_on(self, today: datetime.date) -> str:
        if self.done_on:
            return self.Status.DONE
        return self.Status.OVERDUE if today > self.deadline else self.Status.OPEN

    @property
    def owner_label(self) -> str:
        if self.owner_member_id:
            return str(self.owner_member.full_name)  # type: ignore[union-attr]
        return self.owner_org.name if self.owner_org_id else ""  # type: ignore[union-attr]


class FollowUp(_ActivityPart, AuditedModel):
    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("kiến nghị"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    date = models.DateField(_("ngày"))
    note = models.TextField(_("nội dung theo dõi"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("theo dõi khắc phục")
        verbose_name_plural = _("theo dõi khắc phục")
        ordering = ["recommendation", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.note[:60]}"

    def _activity(self) -> Activity:
        return self.recommendation.finding.activity
