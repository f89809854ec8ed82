"""Bản nháp nhập liệu: the proposals read from a pasted article or minutes, kept until a person confirms them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import ArchivableModel, AuditedModel
from dangvu.meetings.models import Conference
from dangvu.organization.models import Member, PartyOrg


class IntakeDraft(ArchivableModel):
    """Bản nháp nhập liệu: the source text as given and the proposals (the extractor's output plus edits).

    Nothing outside this record exists before confirmation; confirming creates the conference and its parts.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        DISCARDED = "discarded", _("Đã bỏ")

    org = models.ForeignKey(PartyOrg, verbose_name=_("đảng bộ"), on_delete=models.PROTECT, related_name="+")
    source_text = models.TextField(_("văn bản nguồn"))
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    proposals = models.JSONField(_("đề xuất"), default=dict)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The text and proposals can be long; the audit trail keeps the status changes, not copies of the article.
    audit_exclude = ("updated_at", "source_text", "proposals")

    class Meta:
        verbose_name = _("bản nháp nhập liệu")
        verbose_name_plural = _("bản nháp nhập liệu")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        event = (self.proposals or {}).get("event") or {}
        return str(event.get("title") or self.file_name or _("Bản nháp nhập liệu"))

    def audit_org_path(self) -> str:
        return self.org.path


class ConferenceParticipant(AuditedModel):
    """Đại biểu hội nghị: a person named in the conference's report, linked to a member when the name matches."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ trì")
        PRESENTER = "presenter", _("Trình bày báo cáo")
        SPEAKER = "speaker", _("Phát biểu")
        ATTENDEE = "attendee", _("Tham dự")
        AUTHOR = "author", _("Tác giả bài viết")
        OTHER = "other", _("Khác")

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.PROTECT, related_name="intake_participants"
    )
    draft = models.ForeignKey(IntakeDraft, on_delete=models.PROTECT, related_name="participants")
    name = models.CharField(_("họ và tên"), max_length=255)
    titles = models.CharField(_("chức danh"), max_length=1000, blank=True)
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.OTHER)
    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("đại biểu hội nghị")
        verbose_name_plural = _("đại biểu hội nghị")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def audit_org_path(self) -> str:
        return self.conference.org.path
