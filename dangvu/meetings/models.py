"""Cell meetings (sinh hoạt chi bộ) and conferences of the Party Committee (DOMAIN §3, §11.5).

A meeting is judged by the meeting rules (core.RuleSet kind "meeting") in force on its own date: the
preparation deadline is stored when the meeting is planned, so measures are plain grouped SQL.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import ArchivableModel, AuditedModel, VersionedModel
from dangvu.organization.models import Member, PartyOrg


class Topic(ArchivableModel):
    """Thư viện chuyên đề: a topic a cell may take for a thematic meeting."""

    owner = models.ForeignKey(PartyOrg, verbose_name=_("đảng bộ"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên chuyên đề"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    resolution = models.ForeignKey(
        "planning.Resolution",
        verbose_name=_("nghị quyết liên quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("chuyên đề")
        verbose_name_plural = _("thư viện chuyên đề")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def audit_org_path(self) -> str:
        return self.owner.path


class Meeting(ArchivableModel, VersionedModel):
    """Một buổi sinh hoạt chi bộ."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Sinh hoạt thường kỳ")
        THEMATIC = "thematic", _("Sinh hoạt chuyên đề")
        COMBINED = "combined", _("Thường kỳ kết hợp chuyên đề")
        EXTRAORDINARY = "extra", _("Sinh hoạt bất thường")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        HELD = "held", _("Đã họp")
        CANCELLED = "cancelled", _("Hủy")

    REGULAR_KINDS = (Kind.REGULAR, Kind.COMBINED)
    THEMATIC_KINDS = (Kind.THEMATIC, Kind.COMBINED)

    org = models.ForeignKey(PartyOrg, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("loại sinh hoạt"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    planned_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    topic = models.CharField(_("nội dung, chủ đề"), max_length=300, blank=True)
    topic_ref = models.ForeignKey(
        Topic, verbose_name=_("chuyên đề"), null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    chair = models.ForeignKey(
        Member, verbose_name=_("chủ trì"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    secretary = models.ForeignKey(
        Member, verbose_name=_("thư ký"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    prepare_deadline = models.DateTimeField(_("hạn chuẩn bị"), editable=False)
    prepared_at = models.DateTimeField(_("chi ủy chuẩn bị xong lúc"), null=True, blank=True, editable=False)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    ended_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("buổi sinh hoạt chi bộ")
        verbose_name_plural = _("sinh hoạt chi bộ")
        ordering = ["-planned_at", "-pk"]
        indexes = [
            models.Index(fields=["org", "planned_at"], name="meeting_org_time_idx"),
            # The lists' order: a page of a province's 240,000 meetings without sorting them all; with the
            # columns their filters read, a list's count of a year comes from the index alone (SQLite: 300 → 51 ms).
            models.Index(fields=["planned_at", "id", "archived_at", "org"], name="meeting_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.org} {self.planned_at:%d/%m/%Y}"

    def audit_org_path(self) -> str:
        return self.org.path

    @property
    def prepared_on_time(self) -> bool:
        return self.prepared_at is not None and self.prepared_at <= self.prepare_deadline


class AgendaItem(AuditedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nội dung"), max_length=300)
    presenter = models.ForeignKey(
        Member, verbose_name=_("người trình bày"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["meeting", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def audit_org_path(self) -> str:
        return self.meeting.org.path


class MeetingDocument(AuditedModel):
    audit_exclude = ("file",)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="meetings/%Y/")
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu sinh hoạt")
        verbose_name_plural = _("tài liệu sinh hoạt")

    def __str__(self) -> str:
        return self.name

    def audit_org_path(self) -> str:
        return self.meeting.org.path


class Attendance(AuditedModel):
    class Status(models.TextChoices):
        PRESENT = "present", _("Có mặt")
        LATE = "late", _("Đến muộn")
        LEFT_EARLY = "left_early", _("Về sớm")
        EXCUSED = "excused", _("Vắng có lý do")
        ABSENT = "absent", _("Vắng không lý do")
        EXEMPT = "exempt", _("Miễn sinh hoạt")

    PRESENT_STATUSES = (Status.PRESENT, Status.LATE, Status.LEFT_EARLY)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("điểm danh"), max_length=10, choices=Status.choices)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique_member")]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_status_display()}"

    def audit_org_path(self) -> str:
        return self.meeting.org.path


class Minutes(AuditedModel, VersionedModel):
    """Biên bản: draft → circulated for comments → approved by the chair (then locked; corrections are amendments)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        CIRCULATED = "circulated", _("Đang lấy ý kiến")
        APPROVED = "approved", _("Đã duyệt")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    opinions = models.TextField(_("ý kiến thảo luận"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("biên bản")
        verbose_name_plural = _("biên bản")

    def __str__(self) -> str:
        return str(self.meeting)

    def audit_org_path(self) -> str:
        return self.meeting.org.path


class MinutesComment(AuditedModel):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("góp ý"))
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def audit_org_path(self) -> str:
        return self.minutes.meeting.org.path


class Amendment(AuditedModel):
    """Đính chính: the approved minutes stay as they were; a correction is a dated note beside them."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="amendments")
    date = models.DateField(_("ngày đính chính"))
    text = models.TextField(_("nội dung đính chính"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["date", "pk"]

    def audit_org_path(self) -> str:
        return self.minutes.meeting.org.path


class Conclusion(AuditedModel):
    """Kết luận của buổi sinh hoạt; may become a key task (planning, source = this conclusion)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    date = models.DateField(_("ngày kết luận"))
    text = models.TextField(_("kết luận"))

    class Meta:
        verbose_name = _("kết luận")
        verbose_name_plural = _("kết luận")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def audit_org_path(self) -> str:
        return self.meeting.org.path


class Conference(ArchivableModel):
    """Hội nghị của Đảng ủy: yearly or mid-year review, regular session."""

    class Kind(models.TextChoices):
        YEARLY = "yearly", _("Hội nghị tổng kết năm")
        MIDYEAR = "midyear", _("Hội nghị sơ kết 6 tháng")
        SESSION = "session", _("Hội nghị Ban Chấp hành thường kỳ")

    org = models.ForeignKey(PartyOrg, verbose_name=_("đảng bộ"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại hội nghị"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("tên hội nghị"), max_length=300)
    held_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=255, blank=True)
    agenda = models.TextField(_("chương trình"), blank=True)

    class Meta:
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        ordering = ["-held_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def audit_org_path(self) -> str:
        return self.org.path


class ConferenceReport(AuditedModel):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="reports")
    presenter = models.CharField(_("người trình bày"), max_length=255)
    title = models.CharField(_("báo cáo"), max_length=500)
    link = models.URLField(_("liên kết"), blank=True)

    class Meta:
        ordering = ["pk"]

    def audit_org_path(self) -> str:
        return self.conference.org.path


class ConferenceOpinion(AuditedModel):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="opinions")
    speaker = models.CharField(_("đại biểu"), max_length=255, blank=True)
    text = models.TextField(_("ý kiến"))

    class Meta:
        ordering = ["pk"]

    def audit_org_path(self) -> str:
        return self.conference.org.path


class ConferenceConclusion(AuditedModel):
    """Kết luận, chỉ đạo bế mạc hội nghị; a directive may become a key task."""

    class Kind(models.TextChoices):
        CONCLUSION = "conclusion", _("Kết luận")
        DIRECTIVE = "directive", _("Chỉ đạo")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="conclusions")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.CONCLUSION)
    text = models.TextField(_("nội dung"))

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def audit_org_path(self) -> str:
        return self.conference.org.path


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The private key in a calendar feed's address; regenerating it cuts off every old subscription."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.user)
