"""Members as an XLSX sheet, in the layout a party-committee office keeps: one sheet, an optional
title row, then a row of Vietnamese headers and one member per row.

Pure reading and writing of workbooks: no database access. Matching rows to members, resolving cell
and unit names and saving is organization.imports.

The file is an interchange document that must re-import whatever language the screen is in, so its
headers and labels are always written and read in Vietnamese (`translation.override("vi")`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from itertools import islice
from typing import IO, Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dangvu.core.uploads import MAX_UNZIPPED_BYTES, zip_contents
from dangvu.core.xlsx import keep_text
from dangvu.lib.vn_text import clean, fold, nfc
from dangvu.organization.models import Member

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE_LANGUAGE = "vi"
HEADER_SCAN_ROWS = 20  # a title block above the headers is rarely longer than a few rows
MAX_DATA_ROWS = 20_000  # far above any Đảng bộ; stops a crafted file from keeping a worker busy
MAX_BLANK_RUN = 1000  # this many empty rows in a row end the data
TEXT_FORMAT = "@"  # Excel keeps typed card numbers and dates as text, leading zeros included


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    GENDER = "gender"
    THEORY = "theory"
    NAME = "name"  # a cell or unit name, resolved against the database by imports
    IGNORED = "ignored"  # written for the reader, never imported


@dataclass(frozen=True)
class Column:
    key: str  # Member field, or a label for ignored columns
    header: Promise | str
    kind: Kind
    width: int
    required: bool = False
    hint: Promise | str = ""
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("number", gettext_lazy("STT"), Kind.IGNORED, 6, hint=gettext_lazy("Không nhập"), aliases=("TT", "Số TT")),
    Column(
        "full_name", gettext_lazy("Họ và tên"), Kind.TEXT, 28, required=True, aliases=("Họ tên", "Họ và tên đảng viên")
    ),
    Column(
        "gender",
        gettext_lazy("Giới tính"),
        Kind.GENDER,
        9,
        required=True,
        hint=gettext_lazy("Nam hoặc Nữ"),
        aliases=("Nam/Nữ", "Giới"),
    ),
    Column(
        "date_of_birth",
        gettext_lazy("Ngày sinh"),
        Kind.DATE,
        12,
        required=True,
        hint=gettext_lazy("dd/mm/yyyy"),
        aliases=("Ngày tháng năm sinh", "Sinh ngày"),
    ),
    Column("hometown", gettext_lazy("Quê quán"), Kind.TEXT, 24, aliases=("Quê",)),
    Column("ethnicity", gettext_lazy("Dân tộc"), Kind.TEXT, 10),
    Column("religion", gettext_lazy("Tôn giáo"), Kind.TEXT, 10),
    Column(
        "citizen_id",
        gettext_lazy("Số CCCD"),
        Kind.TEXT,
        15,
        aliases=("CCCD", "Số căn cước", "Số căn cước công dân", "Số CMND/CCCD"),
    ),
    Column("phone", gettext_lazy("Điện thoại"), Kind.TEXT, 13, aliases=("Số điện thoại", "SĐT")),
    Column("email", gettext_lazy("Email"), Kind.TEXT, 26, aliases=("E-mail", "Thư điện tử")),
    Column(
        "card_number",
        gettext_lazy("Số thẻ đảng viên"),
        Kind.TEXT,
        14,
        hint=gettext_lazy("Dùng để nhận ra đảng viên đã có"),
        aliases=("Số thẻ", "Số thẻ ĐV", "Số thẻ Đảng"),
    ),
    Column(
        "admission_date",
        gettext_lazy("Ngày vào Đảng"),
        Kind.DATE,
        12,
        hint=gettext_lazy("dd/mm/yyyy"),
        aliases=("Ngày kết nạp",),
    ),
    Column(
        "official_date",
        gettext_lazy("Ngày chính thức"),
        Kind.DATE,
        12,
        hint=gettext_lazy("dd/mm/yyyy; để trống nếu còn dự bị"),
        aliases=("Ngày công nhận chính thức",),
    ),
    Column(
        "cell",
        gettext_lazy("Chi bộ"),
        Kind.NAME,
        22,
        required=True,
        hint=gettext_lazy("Tên hoặc tên ngắn của chi bộ"),
        aliases=("Chi bộ sinh hoạt", "Tên chi bộ"),
    ),
    Column(
        "gov_unit",
        gettext_lazy("Đơn vị công tác"),
        Kind.NAME,
        26,
        hint=gettext_lazy("Tên đơn vị chính quyền"),
        aliases=("Đơn vị", "Cơ quan, đơn vị"),
    ),
    Column("gov_position", gettext_lazy("Chức vụ"), Kind.TEXT, 20, aliases=("Chức vụ chính quyền",)),
    Column(
        "professional_qualification",
        gettext_lazy("Chuyên môn"),
        Kind.TEXT,
        22,
        aliases=("Trình độ chuyên môn", "Chuyên môn nghiệp vụ"),
    ),
    Column(
        "political_theory",
        gettext_lazy("Lý luận chính trị"),
        Kind.THEORY,
        16,
        aliases=("Trình độ lý luận chính trị", "LLCT"),
    ),
    Column("status", gettext_lazy("Tình trạng"), Kind.IGNORED, 14, hint=gettext_lazy("Chỉ để xem, không nhập")),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}


@dataclass(frozen=True)
class RowError:
    """One problem in the file. `row` is the row number Excel shows; None for the file as a whole."""

    row: int | None
    column: str
    message: str


@dataclass
class SheetRow:
    number: int
    # Imported columns present in the file. None means the cell was left blank.
    values: dict[str, Any]
    valid: bool = True


@dataclass
class ParsedSheet:
    rows: list[SheetRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    header_row: int = 0


def header(key: str) -> str:
    """A column's header as the file spells it."""
    with translation.override(FILE_LANGUAGE):
        return str(COLUMNS_BY_KEY[key].header)


def _header_key(text: str) -> str:
    """Headers are matched loosely: case, diacritics, spacing, punctuation and a "(ghi chú)" do not count."""
    return re.sub(r"[^a-z0-9]+", " ", fold(re.sub(r"\(.*?\)", " ", text))).strip()


def _header_index() -> dict[str, Column]:
    index: dict[str, Column] = {}
    with translation.override(FILE_LANGUAGE):
        for column in COLUMNS:
            for name in (str(column.header), *column.aliases):
                index.setdefault(_header_key(name), column)
    return index


# --- Writing ----------------------------------------------------------------------------------------


def _display(value: Any) -> str:
    return nfc(str(value)) if value else ""


def _cell_value(column: Column, member: Member, number: int) -> str | int:
    if column.key == "number":
        return number
    if column.key == "cell":
        return _display(member.cell.short_name or member.cell.name)
    if column.key == "gov_unit":
        return _display(member.gov_unit.name if member.gov_unit else "")
    if column.key == "status":
        return _display(member.get_status_display())
    if column.kind is Kind.DATE:
        day = getattr(member, column.key)
        return day.strftime("%d/%m/%Y") if day else ""
    if column.kind in (Kind.GENDER, Kind.THEORY):
        return _display(getattr(member, f"get_{column.key}_display")())
    return _display(getattr(member, column.key))


def write_members(members: Iterable[Member], out: IO[bytes], *, title: str) -> int:
    """Write the members (cell and gov_unit already joined) to `out` as XLSX; return how many.

    Write-only mode streams rows to disk instead of holding the sheet in memory.
    """
    workbook = Workbook(write_only=True)
    with translation.override(FILE_LANGUAGE):
        sheet = workbook.create_sheet(_("Đảng viên"))
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A3"  # the title and header rows stay in view while scrolling

    title_cell = WriteOnlyCell(sheet, value=nfc(title))
    title_cell.font = Font(bold=True, size=13)
    sheet.append([title_cell])
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="center")
    header_cells: list[Cell] = []
    with translation.override(FILE_LANGUAGE):
        for column in COLUMNS:
            cell = WriteOnlyCell(sheet, value=str(column.header))
            cell.font, cell.alignment = bold, wrap
            header_cells.append(cell)
        sheet.append(header_cells)
        count = 0
        for count, member in enumerate(members, start=1):
            sheet.append([_data_cell(sheet, _cell_value(column, member, count)) for column in COLUMNS])
    workbook.save(out)
    return count


def _data_cell(sheet: Any, value: str | int) -> Cell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.number_format = TEXT_FORMAT
        keep_text(cell)  # text such as "=HYPERLINK(...)" stays text (dangvu.core.xlsx)
    return cell


# --- Reading ----------------------------------------------------------------------------------------

OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
_DATE_RE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class CellError(ValueError):
    """A value that cannot be read; the message is for the user."""


def parse(upload: IO[bytes], *, filename: str = "") -> ParsedSheet:
    """Read the first (active) sheet. File-level problems come back as errors, never as exceptions."""
    problem = _not_xlsx_reason(upload, filename)
    if problem:
        return ParsedSheet(errors=[RowError(None, "", problem)])
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file; all mean the same to the user
        return ParsedSheet(errors=[RowError(None, "", _damaged_message(filename))])
    try:
        sheet: Any = workbook.active or workbook.worksheets[0]
        # Some programs write a wrong sheet size, which would make read-only mode stop early.
        sheet.reset_dimensions()
        return _parse_rows(sheet.iter_rows(min_row=1, values_only=True))
    except Exception:  # the same for a broken sheet inside a valid zip
        return ParsedSheet(errors=[RowError(None, "", _damaged_message(filename))])
    finally:
        workbook.close()


def _damaged_message(filename: str) -> str:
    return _("Không đọc được tệp “%(name)s”: tệp XLSX bị hỏng hoặc không đúng định dạng.") % {
        "name": filename or "XLSX"
    }


def _not_xlsx_reason(upload: IO[bytes], filename: str) -> str:
    """An XLSX is a zip holding xl/workbook.xml; the file name's extension proves nothing."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    name = filename or _("tệp tải lên")
    if head.startswith(OLE2_MAGIC):
        return _(
            "Tệp “%(name)s” là tệp Excel cũ (.xls). Hãy mở bằng Excel và lưu lại dạng “Excel Workbook (.xlsx)”."
        ) % {"name": name}
    names, unzipped = zip_contents(upload)
    is_workbook = "xl/workbook.xml" in names
    if is_workbook and unzipped > MAX_UNZIPPED_BYTES:
        return _("Tệp “%(name)s” chứa quá nhiều dữ liệu: hãy chia thành nhiều tệp nhỏ hơn.") % {"name": name}
    if not is_workbook:
        return _(
            "Tệp “%(name)s” không phải là tệp Excel (.xlsx) hợp lệ. Hãy dùng tệp mẫu hoặc lưu bảng tính dạng .xlsx."
        ) % {"name": name}
    return ""


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _known(index: dict[str, Column], value: Any) -> Column | None:
    return index.get(_header_key(value)) if isinstance(value, str) else None


def _parse_rows(rows: Iterator[tuple[Any, ...]]) -> ParsedSheet:
    top = list(islice(rows, HEADER_SCAN_ROWS))
    if all(all(_is_blank(v) for v in row) for row in top):
        return ParsedSheet(errors=[RowError(None, "", _("Tệp trống: không có dữ liệu nào."))])
    position, columns = _locate_header(top)
    if not columns:
        return ParsedSheet(errors=[RowError(None, "", _missing_header_message())])
    header_row = position + 1
    errors = _check_columns(columns, header_row)
    if errors:
        return ParsedSheet(errors=errors, header_row=header_row)
    parsed = _parse_data(_chain(top[position + 1 :], rows), header_row, columns)
    if not parsed.rows and not parsed.errors:
        message = _("Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng %(row)d).") % {"row": header_row}
        parsed.errors.append(RowError(None, "", message))
    return parsed


def _locate_header(top: list[tuple[Any, ...]]) -> tuple[int, dict[int, Column]]:
    """The row among the first few that names the most known columns, and its columns by position."""
    index = _header_index()
    best_position, best = -1, dict[int, Column]()
    for position, row in enumerate(top):
        found = {i: column for i, value in enumerate(row) if (column := _known(index, value)) is not None}
        if len(found) > len(best):
            best_position, best = position, found
    return best_position, best


def _parse_data(rows: Iterator[tuple[Any, ...]], header_row: int, columns: dict[int, Column]) -> ParsedSheet:
    parsed = ParsedSheet(header_row=header_row)
    imported = {i: c for i, c in columns.items() if c.kind is not Kind.IGNORED}
    blank_run = 0
    for number, row in enumerate(rows, start=header_row + 1):
        # A row with only its STT filled in is an unused line of a pre-numbered form.
        if all(_is_blank(row[i] if i < len(row) else None) for i in imported):
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break  # rows formatted far below the data, not data
            continue
        blank_run = 0
        if len(parsed.rows) >= MAX_DATA_ROWS:
            message = _("Tệp có quá %(n)d dòng dữ liệu: hãy chia thành nhiều tệp.") % {"n": MAX_DATA_ROWS}
            parsed.errors.append(RowError(number, "", message))
            break
        parsed.rows.append(_parse_row(number, row, imported, parsed.errors))
    return parsed


def _chain(first: list[tuple[Any, ...]], rest: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    yield from first
    yield from rest


def _missing_header_message() -> str:
    required = ", ".join(f"“{header(c.key)}”" for c in COLUMNS if c.required)
    return _("Không tìm thấy dòng tiêu đề. Bảng cần có ít nhất các cột: %(columns)s.") % {"columns": required}


def _check_columns(found: dict[int, Column], header_row: int) -> list[RowError]:
    errors: list[RowError] = []
    seen: set[str] = set()
    for position, column in sorted(found.items()):
        if column.key in seen and column.kind is not Kind.IGNORED:
            errors.append(
                RowError(
                    header_row,
                    header(column.key),
                    _("Cột “%(column)s” có hai lần (cột %(letter)s): hãy xóa một cột.")
                    % {"column": header(column.key), "letter": get_column_letter(position + 1)},
                )
            )
        seen.add(column.key)
    for column in COLUMNS:
        if column.required and column.key not in seen:
            errors.append(
                RowError(
                    header_row,
                    header(column.key),
                    _("Thiếu cột bắt buộc “%(column)s”.") % {"column": header(column.key)},
                )
            )
    return errors


def _parse_row(number: int, row: tuple[Any, ...], columns: dict[int, Column], errors: list[RowError]) -> SheetRow:
    parsed = SheetRow(number=number, values={})
    for position, column in columns.items():
        raw = row[position] if position < len(row) else None
        try:
            value = _read_value(column, raw)
        except CellError as exc:
            errors.append(RowError(number, header(column.key), str(exc)))
            parsed.valid = False
            continue
        if value is None and column.required:
            errors.append(RowError(number, header(column.key), _("Ô này không được để trống.")))
            parsed.valid = False
        parsed.values[column.key] = value
    return parsed


def _read_value(column: Column, raw: Any) -> Any:
    if column.kind is Kind.DATE:
        return read_date(raw)
    text = read_text(raw)
    if not text:
        return None
    if column.kind is Kind.GENDER:
        return read_gender(text)
    if column.kind is Kind.THEORY:
        return read_theory(text)
    return text


def read_text(raw: Any) -> str:
    """A cell as NFC text. Whole numbers lose Excel's ".0"; a date typed in a text column reads dd/mm/yyyy."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime | datetime.date):
        return raw.strftime("%d/%m/%Y")
    return clean(str(raw))


def read_date(raw: Any) -> datetime.date | None:
    """A date cell, or text dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd)."""
    if _is_blank(raw):
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = read_text(raw)
    if match := _DATE_RE.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE_RE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise CellError(_bad_date(text))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(_bad_date(text)) from None


def _bad_date(text: str) -> str:
    return _("Ngày không hợp lệ “%(value)s”: hãy ghi dạng dd/mm/yyyy, ví dụ 02/09/1985.") % {"value": text}


def read_gender(text: str) -> str:
    genders = {"nam": Member.Gender.MALE.value, "nu": Member.Gender.FEMALE.value}
    try:
        return genders[fold(text)]
    except KeyError:
        raise CellError(_("Giới tính “%(value)s” không hợp lệ: ghi Nam hoặc Nữ.") % {"value": text}) from None


def read_theory(text: str) -> str:
    with translation.override(FILE_LANGUAGE):
        labels = {fold(str(label)): value for value, label in Member.TheoryLevel.choices}
    labels.update({fold(value): value for value in Member.TheoryLevel.values if value})
    try:
        return labels[fold(text)]
    except KeyError:
        raise CellError(
            _("Lý luận chính trị “%(value)s” không hợp lệ: ghi một trong %(allowed)s.")
            % {"value": text, "allowed": theory_labels()}
        ) from None


def theory_labels() -> str:
    with translation.override(FILE_LANGUAGE):
        return ", ".join(str(label) for label in Member.TheoryLevel.labels)
