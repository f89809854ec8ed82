"""Chế độ báo cáo: which organizations owe which reports, the expected submissions per period, their
history and the reminders sent.

A submission row exists for every report an organization owes for a period (created by
services.submissions_generate), so "missing" is a plain query: deadline passed and never submitted.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import ArchivableModel, VersionedModel
from dangvu.organization.models import KeepsOrgPath, PartyOrg


def parse_days(value: str) -> list[int]:
    """ "3, 1" -> [1, 3]: the reminder offsets typed by the office."""
    days: set[int] = set()
    for part in value.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) > 366:
            raise ValidationError(_("Số ngày nhắc phải là số nguyên 0–366, cách nhau bằng dấu phẩy."))
        days.add(int(part))
    return sorted(days)


def validate_days(value: str) -> None:
    parse_days(value)


class ReportKind(ArchivableModel):
    """Loại báo cáo: a report with a period and a deadline rule, requested by a committee."""

    class Period(models.TextChoices):
        MONTHLY = "monthly", _("Hằng tháng")
        QUARTERLY = "quarterly", _("Hằng quý")
        SIX_MONTHLY = "six_monthly", _("6 tháng")
        YEARLY = "yearly", _("Hằng năm")
        THEMATIC = "thematic", _("Chuyên đề")
        AD_HOC = "ad_hoc", _("Đột xuất")

    class DueRule(models.TextChoices):
        DAY_OF_NEXT_MONTH = "day_next_month", _("Ngày D của tháng sau kỳ báo cáo")
        DAYS_AFTER_END = "days_after_end", _("D ngày sau khi hết kỳ")
        DAY_OF_LAST_MONTH = "day_last_month", _("Ngày D của tháng cuối kỳ")
        EXPLICIT = "explicit", _("Hạn ghi riêng cho từng yêu cầu")

    PERIODIC = (Period.MONTHLY, Period.QUARTERLY, Period.SIX_MONTHLY, Period.YEARLY)

    org = models.ForeignKey(
        PartyOrg, verbose_name=_("cấp ủy yêu cầu"), on_delete=models.PROTECT, related_name="report_kinds"
    )
    name = models.CharField(_("tên loại báo cáo"), max_length=255)
    period = models.CharField(_("kỳ báo cáo"), max_length=20, choices=Period.choices)
    due_rule = models.CharField(_("cách tính hạn"), max_length=20, choices=DueRule.choices)
    due_day = models.PositiveSmallIntegerField(_("D (ngày)"), default=5)
    remind_before = models.CharField(
        _("nhắc trước hạn (ngày)"),
        max_length=40,
        blank=True,
        default="3",
        validators=[validate_days],
        help_text=_("Ví dụ: 3, 1"),
    )
    remind_after = models.CharField(
        _("nhắc sau hạn (ngày)"),
        max_length=40,
        blank=True,
        default="1",
        validators=[validate_days],
        help_text=_("Ví dụ: 1, 7"),
    )

    class Meta:
        verbose_name = _("loại báo cáo")
        verbose_name_plural = _("loại báo cáo")
        ordering = ["org__path", "name"]

    def __str__(self) -> str:
        return self.name

    def audit_org_path(self) -> str:
        return self.org.path

    def clean(self) -> None:
        periodic = self.period in self.PERIODIC
        if periodic and self.due_rule == self.DueRule.EXPLICIT:
            raise ValidationError({"due_rule": _("Báo cáo định kỳ cần một quy tắc tính hạn.")})
        if not periodic and self.due_rule != self.DueRule.EXPLICIT:
            raise ValidationError({"due_rule": _("Báo cáo chuyên đề, đột xuất có hạn ghi riêng cho từng yêu cầu.")})
        if self.due_rule in (self.DueRule.DAY_OF_NEXT_MONTH, self.DueRule.DAY_OF_LAST_MONTH) and not (
            1 <= self.due_day <= 31
        ):
            raise ValidationError({"due_day": _("Ngày trong tháng phải từ 1 đến 31.")})

    @property
    def before_days(self) -> list[int]:
        return parse_days(self.remind_before)

    @property
    def after_days(self) -> list[int]:
        return parse_days(self.remind_after)


class Obligation(ArchivableModel):
    """Which organization owes which kind of report, from when to when."""

    kind = models.ForeignKey(
        ReportKind, verbose_name=_("loại báo cáo"), on_delete=models.PROTECT, related_name="obligations"
    )
    org = models.ForeignKey(
        PartyOrg, verbose_name=_("tổ chức báo cáo"), on_delete=models.PROTECT, related_name="report_obligations"
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("nghĩa vụ báo cáo")
        verbose_name_plural = _("nghĩa vụ báo cáo")
        ordering = ["org__path", "kind__name"]

    def __str__(self) -> str:
        return f"{self.org} · {self.kind}"

    def audit_org_path(self) -> str:
        return self.org.path

    def clean(self) -> None:
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày kết thúc phải sau ngày bắt đầu.")})

    def covers(self, start: datetime.date, end: datetime.date) -> bool:
        return self.valid_from <= end and (self.valid_to is None or self.valid_to >= start)


class Submission(KeepsOrgPath, ArchivableModel, VersionedModel):
    """One report one organization owes for one period: expected until written, then the workflow."""

    class Status(models.TextChoices):
        EXPECTED = "expected", _("Chưa làm")
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Đã gửi")
        RETURNED = "returned", _("Yêu cầu bổ sung")
        RESUBMITTED = "resubmitted", _("Đã gửi lại")
        ACCEPTED = "accepted", _("Đã tiếp nhận")

    OPEN = (Status.EXPECTED, Status.DRAFT, Status.RETURNED)
    SENT = (Status.SUBMITTED, Status.RESUBMITTED)
    SECTIONS = ("results", "shortcomings", "proposals", "next_steps")

    kind = models.ForeignKey(ReportKind, verbose_name=_("loại báo cáo"), on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(
        PartyOrg, verbose_name=_("tổ chức báo cáo"), on_delete=models.PROTECT, related_name="report_submissions"
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    label = models.CharField(_("kỳ"), max_length=80)
    due_date = models.DateField(_("hạn nộp"), db_index=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.EXPECTED)
    results = models.TextField(_("kết quả"), blank=True)
    shortcomings = models.TextField(_("hạn chế"), blank=True)
    proposals = models.TextField(_("kiến nghị"), blank=True)
    next_steps = models.TextField(_("phương hướng"), blank=True)
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    # The local (Asia/Ho_Chi_Minh) date of the first submit: lists compare it with due_date in SQL.
    submitted_on = models.DateField(_("ngày gửi"), null=True, blank=True, db_index=True)
    last_submitted_at = models.DateTimeField(_("gửi gần nhất lúc"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)

    audit_exclude = ("updated_at", "version", "org_path")

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-period_start", "org_path"]
        constraints = [models.UniqueConstraint(fields=["kind", "org", "period_start"], name="submission_unique_period")]
        indexes = [
            models.Index(fields=["org", "period_start"], name="submission_org_period_idx"),
            # The lists' order (newest period first) over a province's 340,000 reports; with the columns the
            # compliance trend counts, its year of reports is read from the index alone (SQLite: 413 → 71–94 ms).
            models.Index(
                fields=["period_start", "archived_at", "org", "due_date", "submitted_on"],
                name="submission_period_idx",
            ),
            # The lists' order: newest period first, then the organizations in tree order. A page of the province's
            # newest period reads its 50 rows, not the period's 10,000 sorted (PostgreSQL 120 → 2 ms, SQLite 70 → 9);
            # with the organization, SQLite checks a cell secretary's scope from the index (225 → 140 ms).
            models.Index(
                fields=["-period_start", "org_path", "org"],
                name="submission_list_idx",
                condition=Q(archived_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} · {self.label} · {self.org}"

    def audit_org_path(self) -> str:
        return self.org.path

    def days_late(self, today: datetime.date) -> int | None:
        """0 on time, N days late, or None while the deadline has not passed and nothing is sent."""
        if self.submitted_on is not None:
            return max((self.submitted_on - self.due_date).days, 0)
        if today > self.due_date:
            return (today - self.due_date).days
        return None

    def sections(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.SECTIONS}


class SubmissionEvent(models.Model):
    """Lịch sử: every submit, return and acceptance, with the sections as they were sent."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Gửi báo cáo")
        RESUBMITTED = "resubmitted", _("Gửi lại báo cáo")
        RETURNED = "returned", _("Trả lại, yêu cầu bổ sung")
        ACCEPTED = "accepted", _("Tiếp nhận")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("hành động"), max_length=20, choices=Action.choices)
    at = models.DateTimeField(_("thời điểm"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("ý kiến"), blank=True)
    snapshot = models.JSONField(_("nội dung khi gửi"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lịch sử báo cáo")
        verbose_name_plural = _("lịch sử báo cáo")
        ordering = ["id"]  # the order the steps happened in, even when a test or the demo back-dates `at`

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"


def _attachment_path(instance: SubmissionAttachment, filename: str) -> str:
    return f"reporting/{instance.submission_id}/{filename}"


class SubmissionAttachment(ArchivableModel):
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=_attachment_path, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    audit_exclude = ("updated_at", "file")  # the stored name is in `name`; a FieldFile is no JSON value

    class Meta:
        verbose_name = _("tệp đính kèm báo cáo")
        verbose_name_plural = _("tệp đính kèm báo cáo")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    def audit_org_path(self) -> str:
        return self.submission.org.path


class ReminderSent(models.Model):
    """A reminder that went out. The unique row is written before the mail, so it goes out only once."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reminders")
    reminder = models.CharField(_("loại nhắc"), max_length=20)  # "before-3", "after-1"
    sent_at = models.DateTimeField(_("gửi lúc"))

    class Meta:
        verbose_name = _("nhắc hạn đã gửi")
        verbose_name_plural = _("nhắc hạn đã gửi")
        constraints = [models.UniqueConstraint(fields=["submission", "reminder"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.reminder}"


class Compilation(ArchivableModel, VersionedModel):
    """Báo cáo tổng hợp: the committee's report of a period, merged from the accepted submissions."""

    org = models.ForeignKey(PartyOrg, verbose_name=_("cấp ủy ban hành"), on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(ReportKind, verbose_name=_("loại báo cáo"), on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("từ ngày"))
    label = models.CharField(_("kỳ"), max_length=80)
    title = models.CharField(_("trích yếu"), max_length=500)
    symbol = models.CharField(_("số và ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    place = models.CharField(_("địa danh"), max_length=80, default="Hà Nội")
    results = models.TextField(_("kết quả"), blank=True)
    shortcomings = models.TextField(_("hạn chế"), blank=True)
    proposals = models.TextField(_("kiến nghị"), blank=True)
    next_steps = models.TextField(_("phương hướng"), blank=True)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, default="- Đảng ủy cấp trên;\n- Lưu Văn phòng Đảng ủy.")

    audit_exclude = ("updated_at", "version")

    class Meta:
        verbose_name = _("báo cáo tổng hợp")
        verbose_name_plural = _("báo cáo tổng hợp")
        ordering = ["-period_start", "-id"]

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}"

    def audit_org_path(self) -> str:
        return self.org.path
