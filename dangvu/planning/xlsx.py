"""A plan's tasks as an XLSX sheet, and the same sheet, edited, read back as a bulk progress update.

The office edits "% hoàn thành", "Trạng thái", "Ngày cập nhật" and "Ghi chú cập nhật"; the other columns
are for the reader. Rows are matched by "Mã nhiệm vụ" (the task's ID). Every row is checked first, then
all updates are written in ONE transaction through services.progress_add, or nothing is written.
Headers and labels are always Vietnamese: the file must re-import whatever language the screen is in.
"""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from dangvu.core.audit import acting_as
from dangvu.core.xlsx import safe_row
from dangvu.lib.vn_text import clean, fold
from dangvu.planning import access, selectors, services
from dangvu.planning.models import AnnualPlan, KeyTask

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_SCAN_ROWS = 10
MAX_ROWS = 5000  # far above any plan; stops a crafted file from keeping a worker busy
DATE_FORMAT = "DD/MM/YYYY"

# key -> (Vietnamese header, width, editable)
COLUMNS: list[tuple[str, str, int, bool]] = [
    ("id", "Mã nhiệm vụ (không sửa)", 12, False),
    ("org", "Tổ chức chủ trì", 28, False),
    ("title", "Nhiệm vụ", 50, False),
    ("lead", "Người phụ trách", 22, False),
    ("start_date", "Ngày bắt đầu", 13, False),
    ("due_date", "Hạn hoàn thành", 13, False),
    ("weight", "Trọng số", 9, False),
    ("status", "Trạng thái", 16, True),
    ("percent", "% hoàn thành", 12, True),
    ("date", "Ngày cập nhật", 13, True),
    ("note", "Ghi chú cập nhật", 40, True),
]


def _headers() -> dict[str, str]:
    with translation.override("vi"):
        return {key: _(header) for key, header, _w, _e in COLUMNS}


def write_plan(plan: AnnualPlan, out: IO[bytes]) -> None:
    with translation.override("vi"):
        headers = _headers()
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = _("Nhiệm vụ")
        ws.append(
            [_("%(title)s — xuất ngày %(date)s") % {"title": plan.title, "date": f"{timezone.localdate():%d/%m/%Y}"}]
        )
        ws["A1"].font = Font(bold=True, size=13)
        ws.append([headers[key] for key, *_rest in COLUMNS])
        for cell in ws[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        labels = dict(KeyTask.Status.choices)
        for task in selectors.plan_tasks(plan):
            ws.append(
                safe_row(
                    ws,
                    [
                        task.pk,
                        task.org.name,
                        task.title,
                        task.lead.full_name if task.lead else "",
                        task.start_date,
                        task.due_date,
                        task.weight,
                        str(labels[task.status]),
                        task.percent,
                        None,
                        "",
                    ],
                )
            )
            for column in (5, 6, 10):
                ws.cell(row=ws.max_row, column=column).number_format = DATE_FORMAT
        for index, (_key, _h, width, _e) in enumerate(COLUMNS, start=1):
            ws.column_dimensions[chr(64 + index)].width = width
        ws.freeze_panes = "A3"
        wb.save(out)


@dataclass
class RowError:
    row: int | None
    column: str
    message: str


@dataclass
class ImportResult:
    applied: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Change:
    task: KeyTask
    percent: int
    status: str
    date: datetime.date
    note: str


def _read(upload: IO[bytes]) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return [], [RowError(None, "", _("Không đọc được tệp: hãy lưu lại bằng Excel hoặc LibreOffice dạng .xlsx."))]
    ws = wb.worksheets[0]
    headers = {fold(v): k for k, v in _headers().items()}
    positions: dict[str, int] = {}
    header_row = 0
    for number, values in enumerate(ws.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True), start=1):
        found = {headers[fold(str(v))]: i for i, v in enumerate(values) if v is not None and fold(str(v)) in headers}
        if "id" in found:
            positions, header_row = found, number
            break
    missing = [key for key in ("id", "percent") if key not in positions]
    if missing:
        names = ", ".join(f"“{_headers()[k]}”" for k in missing)
        return [], [
            RowError(None, "", _("Không thấy cột %(names)s: hãy dùng tệp đã xuất từ kế hoạch.") % {"names": names})
        ]
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1):
        if number > header_row + MAX_ROWS:
            return [], [RowError(number, "", _("Tệp quá nhiều dòng (tối đa %(n)d).") % {"n": MAX_ROWS})]
        row = {key: values[i] if i < len(values) else None for key, i in positions.items()}
        if all(v in (None, "") for v in row.values()):
            continue
        rows.append((number, row))
    wb.close()
    return rows, []


def _as_date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip().replace("-", "/").replace(".", "/")
    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


def _check_row(
    number: int, row: dict[str, Any], tasks: dict[int, KeyTask], user: Any, seen: dict[int, int]
) -> tuple[_Change | None, list[RowError]]:
    headers = _headers()
    errors: list[RowError] = []

    def error(key: str, message: str) -> None:
        errors.append(RowError(number, headers[key], message))

    raw_id = row.get("id")
    try:
        task_id = int(str(raw_id).strip())
    except (TypeError, ValueError):
        error("id", _("Mã nhiệm vụ “%(v)s” không hợp lệ: không sửa cột này.") % {"v": raw_id or ""})
        return None, errors
    task = tasks.get(task_id)
    if task is None:
        error("id", _("Không có nhiệm vụ mã %(id)d trong kế hoạch này.") % {"id": task_id})
        return None, errors
    if task_id in seen:
        error("id", _("Nhiệm vụ mã %(id)d đã có ở dòng %(row)d.") % {"id": task_id, "row": seen[task_id]})
        return None, errors
    seen[task_id] = number
    if not access.can_add_progress(user, task):
        error("id", _("Bạn không được cập nhật tiến độ nhiệm vụ “%(t)s”.") % {"t": task.title})
    raw_percent = row.get("percent")
    percent = task.percent
    try:
        percent = int(float(str(raw_percent).strip().rstrip("%")))
        if not 0 <= percent <= 100:
            raise ValueError
    except (TypeError, ValueError):
        error(
            "percent",
            _("“%(v)s” không hợp lệ: phần trăm hoàn thành phải là số từ 0 đến 100.") % {"v": raw_percent or ""},
        )
    status = ""
    raw_status = clean(str(row.get("status") or ""))
    if raw_status:
        by_label = {fold(str(label)): value for value, label in KeyTask.Status.choices}
        status = by_label.get(fold(raw_status), "")
        if not status:
            labels = ", ".join(str(label) for _v, label in KeyTask.Status.choices)
            error(
                "status",
                _("Trạng thái “%(v)s” không hợp lệ: chọn một trong %(labels)s.") % {"v": raw_status, "labels": labels},
            )
    day = timezone.localdate()
    if "date" in row:
        try:
            day = _as_date(row["date"]) or day
        except ValueError:
            error("date", _("Ngày “%(v)s” không đúng dạng dd/mm/yyyy.") % {"v": row["date"]})
        if day > timezone.localdate():
            error("date", _("Ngày cập nhật không được sau hôm nay."))
    if errors:
        return None, errors
    note = clean(str(row.get("note") or ""))
    if percent == task.percent and (not status or status == task.status) and not note:
        return None, []  # nothing changed on this row
    return _Change(task, percent, status if status != task.status else "", day, note), []


def import_progress(*, plan: AnnualPlan, user: Any, upload: IO[bytes]) -> ImportResult:
    """Apply the edited sheet as progress updates; nothing is applied if any row is wrong."""
    rows, errors = _read(upload)
    result = ImportResult(errors=errors)
    if errors:
        return result
    tasks = {task.pk: task for task in plan.tasks.active().select_related("org")}
    changes: list[_Change] = []
    seen: dict[int, int] = {}
    for number, row in rows:
        change, row_errors = _check_row(number, row, tasks, user, seen)
        result.errors.extend(row_errors)
        if change is not None:
            changes.append(change)
    if result.errors:
        return result
    with transaction.atomic(), acting_as(user, source="import"):
        for change in changes:
            services.progress_add(
                task=change.task,
                user=user,
                date=change.date,
                percent=change.percent,
                status=change.status,
                note=change.note,
            )
    result.applied = len(changes)
    result.unchanged = len(rows) - len(changes)
    return result
