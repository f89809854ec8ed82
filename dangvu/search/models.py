"""Mục lục tìm kiếm: one row per searchable record, kept up to date by signals (see signals.py).

The entry is derived data, not a domain record: it is rebuilt from the records by `dangvu search reindex`,
so it is a plain model without audit. Who may see an entry is never stored here: the search asks each
provider's `visible(user)` at query time (registry.py), so a change of role or of confidentiality takes
effect at once. Members alone are checked by the cell on their entry (`org`), which database triggers keep
equal to the member's cell whoever writes either table (search.0006): the rule is still the organization's
(`access.visible_member_q`), applied to a copy the database guarantees.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import ChoiceLabelsModel


class Kind(models.TextChoices):
    """The kinds a user filters by (chips on the results page)."""

    MEMBER = "member", _("Đảng viên")
    ORG = "org", _("Tổ chức đảng")
    TASK = "task", _("Nhiệm vụ")
    REPORT = "report", _("Báo cáo")
    MEETING = "meeting", _("Sinh hoạt, biên bản")
    CONCLUSION = "conclusion", _("Kết luận")
    CONFERENCE = "conference", _("Hội nghị")
    INSPECTION = "inspection", _("Kiểm tra, giám sát")
    FINDING = "finding", _("Phát hiện, kiến nghị")
    DOCUMENT = "document", _("Văn bản")


class SearchEntry(ChoiceLabelsModel):
    """Mục tìm kiếm: the searchable text of one record, with its folded copies.

    `folded` (folded words of title and body, space-separated) is what the full-text index covers (FTS5 on
    SQLite; on PostgreSQL a GIN index on `folded_tsv`, a generated column to_tsvector('simple', folded)
    unknown to the model, search.0003); `exact` and `title_folded` are
    " word word " strings used to rank exact-diacritic and title matches first, the same way on both.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    org = models.ForeignKey(
        "organization.PartyOrg", verbose_name=_("tổ chức"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField(_("ngày"), null=True)
    title = models.CharField(_("tiêu đề"), max_length=500)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(max_length=300)
    folded = models.TextField(blank=True)
    exact = models.TextField(blank=True)
    title_folded = models.TextField(blank=True)
    archived = models.BooleanField(default=False)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("mục tìm kiếm")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_unique")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
