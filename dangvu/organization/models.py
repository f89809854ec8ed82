"""The Party organization, the government units it serves, its members and who may see what.

Trees (PartyOrg, GovUnit) keep a materialised path ("00001.00004.") so that a subtree, and the member
count under any node, is one SQL query whatever the depth.
"""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.lookup import Searchable
from dangvu.core.models import ArchivableModel, AuditedModel
from dangvu.lib.vn_text import fold, given_name_sort_key

PATH_STEP = 5  # digits per level: up to 99,999 children under one node


class TreeModel(ArchivableModel):
    path = models.CharField(_("đường dẫn cây"), max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("cấp"), default=0, editable=False)

    audit_exclude: tuple[str, ...] = ("updated_at", "path", "depth")

    class Meta:
        abstract = True

    def ancestor_paths(self) -> list[str]:
        step = PATH_STEP + 1
        return [self.path[: i * step] for i in range(1, self.depth + 1)]


class GovUnit(TreeModel):
    """Đơn vị chính quyền: Tổng cục, Vụ, Văn phòng, Cục, Viện, Ban, Trung tâm..."""

    class Kind(models.TextChoices):
        BO = "bo", _("Bộ")
        TONG_CUC = "tong_cuc", _("Tổng cục")
        VU = "vu", _("Vụ")
        VAN_PHONG = "van_phong", _("Văn phòng")
        CUC = "cuc", _("Cục")
        VIEN = "vien", _("Viện")
        BAN = "ban", _("Ban quản lý")
        TRUNG_TAM = "trung_tam", _("Trung tâm")
        PHONG = "phong", _("Phòng")
        KHAC = "khac", _("Khác")

    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=Kind.choices, default=Kind.VU)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("đơn vị chính quyền")
        verbose_name_plural = _("đơn vị chính quyền")
        ordering = ["path"]
        indexes = [models.Index(fields=["path"], name="govunit_path_like_idx", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return self.name


class PartyOrg(TreeModel):
    """Tổ chức đảng: from the upper committees down to cells (chi bộ) and party groups (tổ đảng)."""

    class Kind(models.TextChoices):
        DANG_BO_CAP_TREN = "dang_bo_cap_tren", _("Đảng bộ cấp trên")
        DANG_BO_CO_SO = "dang_bo_co_so", _("Đảng bộ cơ sở")
        DANG_BO_BO_PHAN = "dang_bo_bo_phan", _("Đảng bộ bộ phận")
        CHI_BO_CO_SO = "chi_bo_co_so", _("Chi bộ cơ sở")
        CHI_BO = "chi_bo", _("Chi bộ")
        TO_DANG = "to_dang", _("Tổ đảng")

    CELL_KINDS = (Kind.CHI_BO, Kind.CHI_BO_CO_SO)

    name = models.CharField(_("tên tổ chức đảng"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=80, blank=True)
    abbr = models.CharField(
        _("ký hiệu trên văn bản"),
        max_length=20,
        blank=True,
        help_text=_("Ví dụ ĐU, CB: dùng trong số ký hiệu 15-BC/ĐU"),
    )
    kind = models.CharField(_("loại tổ chức"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("tổ chức cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    gov_units = models.ManyToManyField(
        GovUnit, verbose_name=_("đơn vị chính quyền phục vụ"), blank=True, related_name="party_orgs"
    )
    has_seal = models.BooleanField(_("có con dấu"), default=False)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    is_external = models.BooleanField(
        _("cấp trên bên ngoài"), default=False, help_text=_("Chỉ ghi tên, không quản lý trong dangvu")
    )
    # The name without diacritics, for choosing an organization by typing part of its name; kept by save()
    name_folded = models.CharField(max_length=255, editable=False, default="")

    audit_exclude = (*TreeModel.audit_exclude, "name_folded")
    lookup_by = Searchable(
        words=("name_folded",),
        hint=_("Gõ tên tổ chức để tìm"),
        label=lambda org: f"{org.name} · {org.parent.name}" if org.parent_id else org.name,
        related=("parent",),
    )

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["kind"], name="partyorg_kind_idx"),
            # Subtree queries are `path LIKE 'prefix%'`: PostgreSQL needs the pattern opclass to use an index.
            models.Index(fields=["path"], name="partyorg_path_like_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_cell(self) -> bool:
        return self.kind in self.CELL_KINDS

    def audit_org_path(self) -> str:
        return self.path


class KeepsOrgPath(models.Model):
    """A record that keeps a copy of its organization's path (paths never change), so that an index serves its
    lists in tree order: sorting a province's rows through the join to the organizations cost 40 ms a page of
    tasks, 60 of plans and 120 of reports. The model declares the foreign key named by `path_of`."""

    path_of = "org"
    org_path = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        fields = kwargs.get("update_fields")
        if fields is None or {self.path_of, f"{self.path_of}_id"} & set(fields):
            self.org_path = getattr(self, self.path_of).path  # the audit entry reads it too: no extra query
            if fields is not None:
                kwargs["update_fields"] = [*fields, "org_path"]
        super().save(*args, **kwargs)


KeptPath = TypeVar("KeptPath", bound=KeepsOrgPath)


def restored_org_path(sender: Any, instance: KeepsOrgPath, raw: bool, **kwargs: Any) -> None:
    """pre_save of a raw save (a restore, loaddata), which skips save(): a record from a backup made before it
    kept `org_path` takes its organization's path."""
    if raw and not instance.org_path:
        org_id = getattr(instance, f"{instance.path_of}_id")
        instance.org_path = PartyOrg.objects.values_list("path", flat=True).get(pk=org_id)


def fill_org_paths(records: list[KeptPath]) -> list[KeptPath]:
    """Set `org_path` on records about to be bulk-created (bulk_create does not call save())."""
    org_ids = {getattr(r, f"{r.path_of}_id") for r in records}
    paths = dict(PartyOrg.objects.filter(pk__in=org_ids).values_list("pk", "path"))
    for record in records:
        record.org_path = paths[getattr(record, f"{record.path_of}_id")]
    return records


class Member(ArchivableModel):
    """Đảng viên: the profile of a Party member (lý lịch đảng viên, phiếu đảng viên).

    `status` and `is_exempt` are derived from the member's lifecycle events (MembershipEvent) by
    services.member_recompute_status; they are stored only so that lists can filter in SQL.
    """

    class Gender(models.TextChoices):
        MALE = "nam", _("Nam")
        FEMALE = "nu", _("Nữ")

    class Status(models.TextChoices):
        PROBATIONARY = "du_bi", _("Dự bị")
        FULL = "chinh_thuc", _("Chính thức")
        TRANSFERRED_OUT = "chuyen_di", _("Đã chuyển đi")
        REMOVED = "xoa_ten", _("Xóa tên")
        EXPELLED = "khai_tru", _("Khai trừ")
        RESIGNED = "ra_khoi_dang", _("Xin ra khỏi Đảng")
        DECEASED = "tu_tran", _("Từ trần")

    ACTIVE_STATUSES = (Status.PROBATIONARY, Status.FULL)

    class TheoryLevel(models.TextChoices):
        NONE = "", _("Chưa qua đào tạo")
        SO_CAP = "so_cap", _("Sơ cấp")
        TRUNG_CAP = "trung_cap", _("Trung cấp")
        CAO_CAP = "cao_cap", _("Cao cấp")
        CU_NHAN = "cu_nhan", _("Cử nhân")

    # Identity
    full_name = models.CharField(_("họ và tên"), max_length=120)
    birth_name = models.CharField(_("họ tên khai sinh"), max_length=120, blank=True)
    gender = models.CharField(_("giới tính"), max_length=3, choices=Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"))
    place_of_birth = models.CharField(_("nơi sinh"), max_length=255, blank=True)
    hometown = models.CharField(_("quê quán"), max_length=255, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=60, blank=True, default="Kinh")
    religion = models.CharField(_("tôn giáo"), max_length=60, blank=True, default="Không")
    citizen_id = models.CharField(_("số CCCD"), max_length=20, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    residence = models.CharField(_("nơi cư trú"), max_length=255, blank=True)
    # Education and qualifications
    education_general = models.CharField(_("giáo dục phổ thông"), max_length=20, blank=True, default="12/12")
    professional_qualification = models.CharField(_("chuyên môn nghiệp vụ"), max_length=255, blank=True)
    academic_degree = models.CharField(_("học hàm, học vị"), max_length=60, blank=True)
    political_theory = models.CharField(
        _("lý luận chính trị"), max_length=12, choices=TheoryLevel.choices, blank=True, default=""
    )
    foreign_language = models.CharField(_("ngoại ngữ"), max_length=120, blank=True)
    # Work
    gov_unit = models.ForeignKey(
        GovUnit,
        verbose_name=_("đơn vị công tác"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    gov_position = models.CharField(_("chức vụ chính quyền"), max_length=120, blank=True)
    # Party data
    card_number = models.CharField(_("số thẻ đảng viên"), max_length=20, null=True, blank=True, unique=True)
    admission_date = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    admission_place = models.CharField(_("nơi kết nạp"), max_length=255, blank=True)
    official_date = models.DateField(_("ngày chính thức"), null=True, blank=True)
    sponsors = models.CharField(_("người giới thiệu"), max_length=255, blank=True)
    youth_union_date = models.DateField(_("ngày vào Đoàn"), null=True, blank=True)
    cell = models.ForeignKey(PartyOrg, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="members")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    # Derived from MembershipEvent (see the class docstring)
    status = models.CharField(_("tình trạng"), max_length=14, choices=Status.choices, default=Status.PROBATIONARY)
    is_exempt = models.BooleanField(_("miễn công tác và sinh hoạt"), default=False)
    # Search and sort helpers, kept in step with full_name by save()
    name_folded = models.CharField(max_length=120, editable=False, db_index=True)
    sort_key = models.CharField(max_length=250, editable=False, db_index=True)

    audit_exclude = ("updated_at", "name_folded", "sort_key")
    lookup_by = Searchable(
        words=("name_folded",),
        starts=("card_number",),
        hint=_("Gõ họ tên hoặc số thẻ đảng viên để tìm"),
        label=lambda member: " · ".join(filter(None, (member.full_name, member.card_number, member.cell.name))),
        related=("cell",),
    )

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["cell", "status"], name="member_cell_status_idx"),
            models.Index(fields=["status"], name="member_status_idx"),
            # Whether a member is visible is asked once per matched search entry ("nguyen van": 16,000 times);
            # with the cell beside the id the answer comes from this small index, not the wide member rows.
            models.Index(fields=["id", "cell"], name="member_id_cell_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(official_date__isnull=True)
                | Q(admission_date__isnull=False, official_date__gte=models.F("admission_date")),
                name="member_official_after_admission",
                violation_error_message=_("Ngày chính thức phải sau ngày vào Đảng."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_folded = fold(self.full_name)
        self.sort_key = given_name_sort_key(self.full_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    def audit_org_path(self) -> str:
        return self.cell.path

    def party_age(self, on: datetime.date | None = None) -> int | None:
        """Tuổi đảng in whole years, counted from admission once the member is full (Điều lệ Art. 5.4)."""
        if self.status != self.Status.FULL or not self.admission_date:
            return None
        on = on or datetime.date.today()
        years = on.year - self.admission_date.year
        if (on.month, on.day) < (self.admission_date.month, self.admission_date.day):
            years -= 1
        return max(years, 0)


class MembershipEvent(AuditedModel):
    """Sự kiện đảng viên: a dated change in a member's standing; the member's status derives from these."""

    class Kind(models.TextChoices):
        ADMISSION = "ket_nap", _("Kết nạp")
        FULL_MEMBERSHIP = "chinh_thuc", _("Công nhận chính thức")
        TRANSFER_IN = "chuyen_den", _("Chuyển sinh hoạt đến")
        TRANSFER_OUT = "chuyen_di", _("Chuyển sinh hoạt đi")
        INTERNAL_MOVE = "chuyen_chi_bo", _("Chuyển chi bộ trong Đảng bộ")
        EXEMPTION = "mien_sinh_hoat", _("Miễn công tác và sinh hoạt")
        EXEMPTION_END = "tro_lai_sinh_hoat", _("Trở lại sinh hoạt")
        REMOVAL = "xoa_ten", _("Xóa tên")
        EXPULSION = "khai_tru", _("Khai trừ")
        RESIGNATION = "ra_khoi_dang", _("Xin ra khỏi Đảng")
        DEATH = "tu_tran", _("Từ trần")

    member = models.ForeignKey(Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("ngày hiệu lực"))
    from_org = models.ForeignKey(
        PartyOrg, verbose_name=_("từ tổ chức"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_org = models.ForeignKey(
        PartyOrg, verbose_name=_("đến tổ chức"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    external_org = models.CharField(_("tổ chức ngoài Đảng bộ"), max_length=255, blank=True)
    decision_ref = models.CharField(_("số quyết định / văn bản"), max_length=80, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện đảng viên")
        verbose_name_plural = _("sự kiện đảng viên")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["member", "date"], name="event_member_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    def audit_org_path(self) -> str:
        return self.member.cell.path


class Position(ArchivableModel):
    """Chức vụ with a term: in the Party (Bí thư, Ủy viên BCH...) or in a government unit (Vụ trưởng...).

    One person holds several at once; a position without an end date is current.
    """

    class Title(models.TextChoices):
        BI_THU = "bi_thu", _("Bí thư")
        PHO_BI_THU = "pho_bi_thu", _("Phó Bí thư")
        UV_BTV = "uv_btv", _("Ủy viên Ban Thường vụ")
        UV_BCH = "uv_bch", _("Ủy viên Ban Chấp hành")
        CHU_NHIEM_UBKT = "chu_nhiem_ubkt", _("Chủ nhiệm Ủy ban Kiểm tra")
        PHO_CHU_NHIEM_UBKT = "pho_chu_nhiem_ubkt", _("Phó Chủ nhiệm Ủy ban Kiểm tra")
        UV_UBKT = "uv_ubkt", _("Ủy viên Ủy ban Kiểm tra")
        CHI_UY_VIEN = "chi_uy_vien", _("Chi ủy viên")
        TO_TRUONG = "to_truong", _("Tổ trưởng tổ đảng")
        TONG_CUC_TRUONG = "tong_cuc_truong", _("Tổng Cục trưởng")
        PHO_TONG_CUC_TRUONG = "pho_tong_cuc_truong", _("Phó Tổng Cục trưởng")
        THU_TRUONG_DON_VI = (
            "thu_truong",
            _("Thủ trưởng đơn vị (Vụ trưởng, Chánh Văn phòng, Cục trưởng, Viện trưởng...)"),
        )
        PHO_THU_TRUONG_DON_VI = "pho_thu_truong", _("Cấp phó đơn vị")
        TRUONG_PHONG = "truong_phong", _("Trưởng phòng")
        PHO_TRUONG_PHONG = "pho_truong_phong", _("Phó Trưởng phòng")
        KHAC = "khac", _("Chức vụ khác")

    PARTY_TITLES = (
        Title.BI_THU,
        Title.PHO_BI_THU,
        Title.UV_BTV,
        Title.UV_BCH,
        Title.CHU_NHIEM_UBKT,
        Title.PHO_CHU_NHIEM_UBKT,
        Title.UV_UBKT,
        Title.CHI_UY_VIEN,
        Title.TO_TRUONG,
    )

    member = models.ForeignKey(
        Member, verbose_name=_("người giữ chức vụ"), on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(_("chức vụ"), max_length=24, choices=Title.choices)
    title_text = models.CharField(
        _("chức danh đầy đủ"),
        max_length=255,
        blank=True,
        help_text=_("Như trong văn bản, ví dụ: Vụ trưởng Vụ Kỹ năng nghề"),
    )
    party_org = models.ForeignKey(
        PartyOrg,
        verbose_name=_("tại tổ chức đảng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
    )
    gov_unit = models.ForeignKey(
        GovUnit, verbose_name=_("tại đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="positions"
    )
    term = models.CharField(_("nhiệm kỳ"), max_length=40, blank=True, help_text=_("Ví dụ 2015–2020"))
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["member", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(party_org__isnull=False) | Q(gov_unit__isnull=False),
                name="position_has_place",
                violation_error_message=_("Chức vụ phải gắn với một tổ chức đảng hoặc một đơn vị."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="position_end_after_start",
                violation_error_message=_("Ngày thôi giữ chức vụ phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.title_text:
            return self.title_text
        place = self.party_org or self.gov_unit
        return f"{self.get_title_display()} {place}" if place else str(self.get_title_display())

    def audit_org_path(self) -> str:
        return self.party_org.path if self.party_org else self.member.cell.path

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= datetime.date.today()


class RoleAssignment(ArchivableModel):
    """Vai trò: what a user may see and do, and over which part of the Party organization.

    A member who signs in sees their own profile without any assignment (User.member).
    """

    class Role(models.TextChoices):
        OFFICE = "office", _("Văn phòng Đảng ủy")
        COMMITTEE = "committee", _("Cấp ủy viên")
        INSPECTION = "inspection", _("Ủy viên Ủy ban Kiểm tra")
        CELL_SECRETARY = "cell_secretary", _("Bí thư / chi ủy chi bộ")
        OBSERVER = "observer", _("Theo dõi (cấp ủy cấp trên)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    org = models.ForeignKey(
        PartyOrg,
        verbose_name=_("phạm vi"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
        help_text=_("Tổ chức đảng mà vai trò bao quát, gồm cả các tổ chức trực thuộc"),
    )

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [models.UniqueConstraint(fields=["user", "role", "org"], name="role_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.org}"

    def audit_org_path(self) -> str:
        return self.org.path
