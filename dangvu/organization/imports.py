"""Import of members from an XLSX sheet (read by organization.xlsx).

Every row is checked first; then all rows are written in ONE transaction through the member services
(so the audit trail and the lifecycle events are the same as from the forms), or nothing is written.

Matching a row to an existing member: by "Số thẻ đảng viên" when the row has one and it is known;
otherwise by folded full name and date of birth among the members the user manages (a member with a
different card number is a different person). Otherwise the row is a new member.
Only the fields whose values differ are updated, and a blank cell never erases what is stored: a sheet
kept by hand often lacks data entered on the site.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, Generic, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dangvu.core.audit import acting_as
from dangvu.lib.vn_text import clean, fold
from dangvu.organization import services, xlsx
from dangvu.organization.access import manageable_orgs
from dangvu.organization.models import GovUnit, Member, PartyOrg
from dangvu.organization.xlsx import RowError, SheetRow

LOOKUP_CHUNK = 500  # keeps `IN (...)` lists below every database's parameter limit
Named = TypeVar("Named", PartyOrg, GovUnit)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _RowProblem(Exception):
    """Why one row cannot be imported; `key` names the column."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key, self.message = key, message


@dataclass
class _Plan:
    row: SheetRow
    cell: PartyOrg
    member: Member | None  # None: a new member
    fields: dict[str, Any]  # a new member's fields, or only the changes of an existing one


class _Names(Generic[Named]):
    """Cells or units by folded name and short name; the same name may belong to several."""

    def __init__(self, records: Iterable[Named]) -> None:
        self._index: dict[str, list[Named]] = {}
        for record in records:
            for key in _keys(record):
                self._index.setdefault(key, []).append(record)

    def find(self, text: str, current: Named | None) -> list[Named]:
        # The member's own cell or unit wins: an exported name that two records share still re-imports.
        if current is not None and fold(text) in _keys(current):
            return [current]
        return self._index.get(fold(text), [])


def _keys(record: PartyOrg | GovUnit) -> set[str]:
    return {fold(record.name), fold(record.short_name)} - {""}


@dataclass
class _Context:
    cells: _Names[PartyOrg]
    cell_ids: set[int]
    units: _Names[GovUnit]
    by_card: dict[str, Member]
    by_person: dict[tuple[str, datetime.date], list[Member]]


def import_members(*, user: Any, upload: IO[bytes], filename: str = "") -> ImportResult:
    """Import the sheet for `user`, into the cells the user manages. Nothing is saved if any row is wrong."""
    sheet = xlsx.parse(upload, filename=filename)
    if not sheet.rows:
        return ImportResult(errors=sheet.errors)
    context = _context(user, sheet.rows)
    plans, errors = _plan_rows(sheet.rows, context)
    with acting_as(user, source="import"):
        result = _write(plans, dry_run=bool(sheet.errors or errors))
    result.errors = sorted([*sheet.errors, *errors, *result.errors], key=lambda e: e.row or 0)
    if result.errors:
        result.created = result.updated = result.unchanged = 0
    return result


# --- Looking up what the rows refer to ----------------------------------------------------------------


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield values[start : start + LOOKUP_CHUNK]


def _context(user: Any, rows: list[SheetRow]) -> _Context:
    """Everything the rows need, in a few queries whatever the number of rows."""
    cells = manageable_orgs(user).filter(kind__in=PartyOrg.CELL_KINDS, is_external=False)
    cards = sorted({row.values["card_number"] for row in rows if row.values.get("card_number")})
    names = sorted({fold(row.values["full_name"]) for row in rows if row.values.get("full_name")})
    members = Member.objects.select_related("cell", "gov_unit")
    by_card: dict[str, Member] = {}
    for chunk in _chunks(cards):
        by_card.update((m.card_number or "", m) for m in members.filter(card_number__in=chunk))
    by_person: dict[tuple[str, datetime.date], list[Member]] = {}
    for chunk in _chunks(names):
        for member in members.filter(name_folded__in=chunk, cell__in=cells).order_by("pk"):
            by_person.setdefault((member.name_folded, member.date_of_birth), []).append(member)
    cell_list = list(cells)
    return _Context(
        cells=_Names(cell_list),
        cell_ids={cell.pk for cell in cell_list},
        units=_Names(GovUnit.objects.active()),
        by_card=by_card,
        by_person=by_person,
    )


# --- Planning: what each row would do ------------------------------------------------------------------


def _plan_rows(rows: list[SheetRow], context: _Context) -> tuple[list[_Plan], list[RowError]]:
    errors = _duplicate_cards(rows)
    flagged = {error.row for error in errors}
    plans: list[_Plan] = []
    seen_members: dict[int, int] = {}
    seen_new: dict[tuple[str, datetime.date], int] = {}
    for row in rows:
        if not row.valid or row.number in flagged:
            continue
        try:
            plan = _plan_row(row, context)
            _check_repeated(plan, seen_members, seen_new)
        except _RowProblem as problem:
            errors.append(RowError(row.number, xlsx.header(problem.key), problem.message))
        else:
            plans.append(plan)
    return plans, errors


def _duplicate_cards(rows: list[SheetRow]) -> list[RowError]:
    first: dict[str, int] = {}
    errors: list[RowError] = []
    for row in rows:
        card = row.values.get("card_number")
        if not card:
            continue
        if card in first:
            message = _("Số thẻ đảng viên %(card)s trùng với dòng %(row)d.") % {"card": card, "row": first[card]}
            errors.append(RowError(row.number, xlsx.header("card_number"), message))
        else:
            first[card] = row.number
    return errors


def _check_repeated(plan: _Plan, seen_members: dict[int, int], seen_new: dict[tuple[str, datetime.date], int]) -> None:
    """Two rows for one person would apply in turn and the second would silently win."""
    if plan.member is not None:
        earlier = seen_members.setdefault(plan.member.pk, plan.row.number)
    elif plan.fields.get("card_number"):
        return  # distinct card numbers were checked already: distinct people
    else:
        key = (fold(plan.fields["full_name"]), plan.fields["date_of_birth"])
        earlier = seen_new.setdefault(key, plan.row.number)
    if earlier != plan.row.number:
        raise _RowProblem(
            "full_name", _("Dòng này cùng một đảng viên với dòng %(row)d: hãy gộp hai dòng.") % {"row": earlier}
        )


def _plan_row(row: SheetRow, context: _Context) -> _Plan:
    values = row.values
    member = _match(values, context)
    cell = _resolve(context.cells, values["cell"], member.cell if member else None, "cell")
    fields = {key: value for key, value in values.items() if key != "cell" and value is not None}
    if "gov_unit" in fields:
        fields["gov_unit"] = _resolve(
            context.units, fields["gov_unit"], member.gov_unit if member else None, "gov_unit"
        )
    if member is None:
        return _Plan(row=row, cell=cell, member=None, fields=fields)
    changes = _changes(member, fields)
    if member.cell_id not in context.cell_ids and (changes or cell.pk != member.cell_id):
        raise _RowProblem(
            "card_number",
            # The member is outside the user's scope: the message names nothing the user did not type.
            _("Số thẻ đảng viên %(card)s thuộc một đảng viên ngoài phạm vi bạn quản lý: không thể sửa qua nhập tệp.")
            % {"card": member.card_number},
        )
    if cell.pk != member.cell_id:
        raise _RowProblem(
            "cell",
            _(
                "Đảng viên đang sinh hoạt tại %(cell)s. Đổi chi bộ phải ghi bằng sự kiện "
                "“Chuyển chi bộ trong Đảng bộ” trên hồ sơ, không qua nhập tệp."
            )
            % {"cell": member.cell},
        )
    return _Plan(row=row, cell=cell, member=member, fields=changes)


def _match(values: dict[str, Any], context: _Context) -> Member | None:
    card = values.get("card_number")
    owner = context.by_card.get(card) if card else None
    if owner is not None:
        if fold(owner.full_name) != fold(values["full_name"]) and owner.date_of_birth != values["date_of_birth"]:
            raise _RowProblem("card_number", _card_taken(card or "", owner, context))
        return owner
    candidates = context.by_person.get((fold(values["full_name"]), values["date_of_birth"]), [])
    if card:
        candidates = [member for member in candidates if not member.card_number]
    if len(candidates) > 1:
        raise _RowProblem(
            "card_number",
            _("Có %(n)d đảng viên cùng họ tên và ngày sinh: hãy ghi số thẻ đảng viên để phân biệt.")
            % {"n": len(candidates)},
        )
    return candidates[0] if candidates else None


def _card_taken(card: str, owner: Member, context: _Context) -> str:
    if owner.cell_id in context.cell_ids:
        return _("Số thẻ đảng viên %(card)s đã cấp cho đảng viên %(name)s (sinh ngày %(dob)s).") % {
            "card": card,
            "name": owner.full_name,
            "dob": owner.date_of_birth.strftime("%d/%m/%Y"),
        }
    return _("Số thẻ đảng viên %(card)s đã cấp cho một đảng viên khác.") % {"card": card}


def _resolve(names: _Names[Named], text: str, current: Named | None, key: str) -> Named:
    found = names.find(text, current)
    if len(found) == 1:
        return found[0]
    if key == "cell":
        if not found:
            raise _RowProblem(key, _("Không tìm thấy chi bộ “%(name)s” trong các chi bộ bạn quản lý.") % {"name": text})
        raise _RowProblem(
            key,
            _("Có %(n)d chi bộ cùng tên “%(name)s”: hãy ghi tên đầy đủ của chi bộ.") % {"n": len(found), "name": text},
        )
    if not found:
        raise _RowProblem(key, _("Không tìm thấy đơn vị công tác “%(name)s”.") % {"name": text})
    raise _RowProblem(
        key,
        _("Có %(n)d đơn vị cùng tên “%(name)s”: hãy ghi tên viết tắt của đơn vị.") % {"n": len(found), "name": text},
    )


def _changes(member: Member, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields whose values differ from the stored ones; stored text is compared as the services store it."""
    changes: dict[str, Any] = {}
    for key, new in fields.items():
        old = getattr(member, key)
        if isinstance(new, GovUnit):
            same = old is not None and old.pk == new.pk
        elif isinstance(new, str):
            same = clean(old) == new
        else:
            same = old == new
        if not same:
            changes[key] = new
    return changes


# --- Writing ---------------------------------------------------------------------------------------------


def _write(plans: list[_Plan], *, dry_run: bool) -> ImportResult:
    """Apply every plan in one transaction; any failure, or a dry run, rolls all of it back.

    Each service call is a savepoint, so one row's failure leaves the others going and every
    row's problem is reported at once.
    """
    result = ImportResult()
    with transaction.atomic():
        for plan in plans:
            try:
                _apply(plan, result)
            except ValidationError as exc:
                result.errors.extend(_validation_errors(plan.row.number, exc))
            except IntegrityError:
                message = _("Không lưu được dòng này: dữ liệu trùng hoặc mâu thuẫn với hồ sơ đã có.")
                result.errors.append(RowError(plan.row.number, "", message))
        if dry_run or result.errors:
            transaction.set_rollback(True)
    return result


def _apply(plan: _Plan, result: ImportResult) -> None:
    if plan.member is None:
        services.member_create(cell=plan.cell, **plan.fields)
        result.created += 1
    elif plan.fields:
        services.member_update(member=plan.member, **plan.fields)
        result.updated += 1
    else:
        result.unchanged += 1


def _validation_errors(number: int, exc: ValidationError) -> list[RowError]:
    if not hasattr(exc, "error_dict"):
        return [RowError(number, "", message) for message in exc.messages]
    return [
        RowError(number, _column_name(name), message)
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


def _column_name(name: str) -> str:
    if name in xlsx.COLUMNS_BY_KEY:
        return xlsx.header(name)
    if name == NON_FIELD_ERRORS:
        return ""
    try:
        model_field = Member._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    return str(getattr(model_field, "verbose_name", "")).capitalize()
