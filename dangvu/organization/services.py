"""Writes to the Party organization and member records. Each runs in one transaction; the audit
trail is written by core.audit from the saves made here."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.lib.vn_text import clean
from dangvu.organization.models import (
    PATH_STEP,
    GovUnit,
    Member,
    MembershipEvent,
    PartyOrg,
    Position,
    RoleAssignment,
    TreeModel,
)

Kind = MembershipEvent.Kind
Status = Member.Status

TERMINAL_KINDS = {
    Kind.REMOVAL: Status.REMOVED,
    Kind.EXPULSION: Status.EXPELLED,
    Kind.RESIGNATION: Status.RESIGNED,
    Kind.DEATH: Status.DECEASED,
}
PROBATION_MONTHS = 12


def _child_path(model: type[TreeModel], parent: TreeModel | None) -> tuple[str, int]:
    prefix = parent.path if parent else ""
    depth = parent.depth + 1 if parent else 0
    manager: Any = model.objects  # TreeModel is abstract: its concrete models all have `parent`
    siblings = manager.filter(parent=parent) if parent else manager.filter(parent__isnull=True)
    last = siblings.aggregate(m=Max("path"))["m"]
    seq = int(last[len(prefix) : len(prefix) + PATH_STEP]) + 1 if last else 1
    return f"{prefix}{seq:0{PATH_STEP}d}.", depth


def _clean_text_fields(obj: Any, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(obj, name, clean(value) if isinstance(value, str) else value)


@transaction.atomic
def party_org_create(*, name: str, kind: str, parent: PartyOrg | None = None, **fields: Any) -> PartyOrg:
    gov_units = fields.pop("gov_units", [])
    org = PartyOrg(kind=kind, parent=parent)
    _clean_text_fields(org, {"name": name, **fields})
    org.path, org.depth = _child_path(PartyOrg, parent)
    org.full_clean()
    org.save()
    if gov_units:
        org.gov_units.set(gov_units)
    return org


@transaction.atomic
def gov_unit_create(*, name: str, kind: str, parent: GovUnit | None = None, **fields: Any) -> GovUnit:
    unit = GovUnit(kind=kind, parent=parent)
    _clean_text_fields(unit, {"name": name, **fields})
    unit.path, unit.depth = _child_path(GovUnit, parent)
    unit.full_clean()
    unit.save()
    return unit


def _validate_member(member: Member) -> None:
    if not member.cell.is_cell:
        raise ValidationError(
            {"cell": _("Đảng viên phải sinh hoạt tại một chi bộ, không phải tại %(org)s.") % {"org": member.cell}}
        )
    today = timezone.localdate()
    if member.date_of_birth and member.date_of_birth > today:
        raise ValidationError({"date_of_birth": _("Ngày sinh không thể ở tương lai.")})
    if member.admission_date and member.date_of_birth:
        born, admitted = member.date_of_birth, member.admission_date
        age = admitted.year - born.year - ((admitted.month, admitted.day) < (born.month, born.day))
        if age < 18:
            raise ValidationError({"admission_date": _("Ngày vào Đảng phải từ khi đủ 18 tuổi.")})
    if member.official_date and not member.admission_date:
        raise ValidationError({"official_date": _("Có ngày chính thức thì phải có ngày vào Đảng.")})
    if member.official_date and member.admission_date and member.official_date < member.admission_date:
        raise ValidationError({"official_date": _("Ngày chính thức phải sau ngày vào Đảng.")})
    if member.card_number == "":
        member.card_number = None
    member.full_clean()


@transaction.atomic
def member_create(*, cell: PartyOrg, **fields: Any) -> Member:
    """Add a member's record. The admission and full-membership dates become lifecycle events."""
    member = Member(cell=cell)
    _clean_text_fields(member, fields)
    _validate_member(member)
    member.save()
    if member.admission_date:
        MembershipEvent.objects.create(member=member, kind=Kind.ADMISSION, date=member.admission_date, to_org=cell)
    if member.official_date:
        MembershipEvent.objects.create(member=member, kind=Kind.FULL_MEMBERSHIP, date=member.official_date)
    member_recompute_status(member)
    return member


@transaction.atomic
def member_update(*, member: Member, **fields: Any) -> Member:
    """Change profile fields. The cell changes only through a lifecycle event (INTERNAL_MOVE)."""
    fields.pop("cell", None)
    _clean_text_fields(member, fields)
    _validate_member(member)
    member.save()
    member_sync_date_events(member)
    member_recompute_status(member)
    return member


def member_sync_date_events(member: Member) -> None:
    """Keep the admission and full-membership events in step with the profile's dates.

    Also called by the admin, whose forms save the member directly.
    """
    for kind, date in ((Kind.ADMISSION, member.admission_date), (Kind.FULL_MEMBERSHIP, member.official_date)):
        event = member.events.filter(kind=kind).order_by("-date").first()
        if date and event is None:
            MembershipEvent.objects.create(
                member=member, kind=kind, date=date, to_org=member.cell if kind == Kind.ADMISSION else None
            )
        elif date and event is not None and event.date != date:
            event.date = date
            event.save()
        elif not date and event is not None:
            raise ValidationError(
                _("Không thể xóa ngày đã có sự kiện %(kind)s; hãy sửa ngày.") % {"kind": event.get_kind_display()}
            )


@transaction.atomic
def member_archive(*, member: Member) -> Member:
    if member.archived_at is None:
        member.archived_at = timezone.now()
        member.save()
    return member


@transaction.atomic
def member_restore(*, member: Member) -> Member:
    if member.archived_at is not None:
        member.archived_at = None
        member.save()
    return member


def member_recompute_status(member: Member) -> Member:
    """Derive status, exemption and current cell from the events, in date order."""
    status: str = Status.PROBATIONARY
    exempt = False
    cell_id = member.cell_id
    for event in member.events.order_by("date", "id"):
        if event.kind == Kind.ADMISSION:
            status = Status.PROBATIONARY
        elif event.kind == Kind.FULL_MEMBERSHIP:
            status = Status.FULL
        elif event.kind == Kind.TRANSFER_IN:
            status = Status.FULL if member.official_date and member.official_date <= event.date else Status.PROBATIONARY
            cell_id = event.to_org_id or cell_id
        elif event.kind == Kind.INTERNAL_MOVE:
            cell_id = event.to_org_id or cell_id
        elif event.kind == Kind.TRANSFER_OUT:
            status, exempt = Status.TRANSFERRED_OUT, False
        elif event.kind == Kind.EXEMPTION:
            exempt = True
        elif event.kind == Kind.EXEMPTION_END:
            exempt = False
        elif event.kind in TERMINAL_KINDS:
            status, exempt = TERMINAL_KINDS[Kind(event.kind)], False
    if (member.status, member.is_exempt, member.cell_id) != (status, exempt, cell_id):
        member.status, member.is_exempt, member.cell_id = status, exempt, cell_id
        member.save()
    return member


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return datetime.date(year, month, min(day.day, days))


@transaction.atomic
def member_add_event(
    *,
    member: Member,
    kind: str,
    date: datetime.date,
    to_org: PartyOrg | None = None,
    external_org: str = "",
    decision_ref: str = "",
    note: str = "",
) -> MembershipEvent:
    """Record a lifecycle event and derive the member's new standing from it."""
    if date > timezone.localdate():
        raise ValidationError({"date": _("Ngày hiệu lực không thể ở tương lai.")})
    if member.status in TERMINAL_KINDS.values():
        raise ValidationError(
            _("Đảng viên ở tình trạng “%(status)s”: không thể ghi thêm sự kiện.")
            % {"status": member.get_status_display()}
        )
    if member.status == Status.TRANSFERRED_OUT and kind != Kind.TRANSFER_IN:
        raise ValidationError(_("Đảng viên đã chuyển đi: chỉ có thể ghi nhận chuyển sinh hoạt đến."))
    if kind == Kind.FULL_MEMBERSHIP:
        if member.status != Status.PROBATIONARY or not member.admission_date:
            raise ValidationError(_("Chỉ đảng viên dự bị mới được công nhận chính thức."))
        earliest = _add_months(member.admission_date, PROBATION_MONTHS)
        if date < earliest:
            raise ValidationError(
                {"date": _("Chưa đủ 12 tháng dự bị: sớm nhất là ngày %(d)s.") % {"d": earliest.strftime("%d/%m/%Y")}}
            )
    if kind in (Kind.INTERNAL_MOVE, Kind.TRANSFER_IN) and (to_org is None or not to_org.is_cell):
        raise ValidationError({"to_org": _("Hãy chọn chi bộ nơi đảng viên đến sinh hoạt.")})
    if kind == Kind.EXEMPTION and member.is_exempt:
        raise ValidationError(_("Đảng viên đang được miễn công tác và sinh hoạt."))
    if kind == Kind.EXEMPTION_END and not member.is_exempt:
        raise ValidationError(_("Đảng viên không ở diện miễn công tác và sinh hoạt."))
    event = MembershipEvent(
        member=member,
        kind=kind,
        date=date,
        from_org=member.cell,
        to_org=to_org,
        external_org=clean(external_org),
        decision_ref=clean(decision_ref),
        note=clean(note),
    )
    event.full_clean()
    event.save()
    if kind == Kind.FULL_MEMBERSHIP:
        member.official_date = date
        member.save()
    member_recompute_status(member)
    return event


@transaction.atomic
def position_create(*, member: Member, title: str, **fields: Any) -> Position:
    position = Position(member=member, title=title)
    _clean_text_fields(position, fields)
    position.full_clean()
    position.save()
    return position


@transaction.atomic
def position_update(*, position: Position, **fields: Any) -> Position:
    _clean_text_fields(position, fields)
    position.full_clean()
    position.save()
    return position


@transaction.atomic
def role_assign(*, user: Any, role: str, org: PartyOrg) -> RoleAssignment:
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, role=role, org=org)
    return assignment
