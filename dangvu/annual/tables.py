"""The statistical tables of the report (page, DOCX and XLSX annexes share them), built from the figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from dangvu.annual.drafting import percent


@dataclass
class Table:
    key: str
    title: str  # "Biểu 1. Nhiệm vụ trọng tâm theo đơn vị"
    sheet: str  # the XLSX sheet's name (at most 31 characters)
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    total: list[Any] | None = None


def _tasks(f: dict[str, Any]) -> Table:
    t = f["tasks"]
    table = Table(
        "tasks",
        _("Biểu 1. Nhiệm vụ trọng tâm năm %(year)d theo đơn vị") % {"year": f["year"]},
        _("Nhiệm vụ"),
        [
            _("Đơn vị"),
            _("Tổng số"),
            _("Hoàn thành"),
            _("Đang thực hiện"),
            _("Chưa bắt đầu"),
            _("Tạm dừng"),
            _("Quá hạn"),
            _("Tỷ lệ hoàn thành"),
        ],
    )
    for r in [*t["rows"], {"unit": _("Tổng cộng"), **t["totals"]}]:
        row = [
            r["unit"],
            r["total"],
            r["done"],
            r["in_progress"],
            r["not_started"],
            r["paused"],
            r["overdue"],
            percent(r["done"], r["total"]),
        ]
        table.rows.append(row)
    table.total = table.rows.pop()
    return table


def _reporting(f: dict[str, Any]) -> Table:
    r = f["reporting"]
    table = Table(
        "reporting",
        _("Biểu 2. Thực hiện chế độ báo cáo năm %(year)d theo đơn vị") % {"year": f["year"]},
        _("Báo cáo"),
        [_("Đơn vị"), _("Đến hạn"), _("Đúng hạn"), _("Muộn"), _("Chưa gửi"), _("Tỷ lệ đúng hạn")],
    )
    for row in [*r["rows"], {"unit": _("Tổng cộng"), **r["totals"]}]:
        table.rows.append(
            [row["unit"], row["due"], row["on_time"], row["late"], row["missing"], percent(row["on_time"], row["due"])]
        )
    table.total = table.rows.pop()
    return table


def _meetings(f: dict[str, Any]) -> Table:
    m = f["meetings"]
    table = Table(
        "meetings",
        _("Biểu 3. Sinh hoạt chi bộ năm %(year)d theo đơn vị") % {"year": f["year"]},
        _("Sinh hoạt"),
        [
            _("Đơn vị"),
            _("Số chi bộ"),
            _("Buổi đã họp"),
            _("Thường kỳ"),
            _("Chuyên đề"),
            _("Tháng thiếu sinh hoạt"),
            _("Quý thiếu chuyên đề"),
            _("Chuẩn bị đúng hạn"),
            _("Tỷ lệ dự họp"),
        ],
    )
    for row in [*m["rows"], {"unit": _("Tổng cộng"), **m["totals"]}]:
        table.rows.append(
            [
                row["unit"],
                row["cells"],
                row["held"],
                row["regular_held"],
                row["thematic_held"],
                row["months_missed"],
                row["quarters_missed"],
                f"{row['prepared_on_time']}/{row['planned']}",
                percent(row["present"], row["must"]),
            ]
        )
    table.total = table.rows.pop()
    return table


def _supervision(f: dict[str, Any]) -> Table:
    s = f["supervision"]
    table = Table(
        "supervision",
        _("Biểu 4. Kiểm tra, giám sát năm %(year)d") % {"year": f["year"]},
        _("Kiểm tra giám sát"),
        [_("Loại"), _("Theo chương trình"), _("Đã kết luận"), _("Tỷ lệ")],
    )
    for row in s["by_kind"]:
        table.rows.append([row["kind"], row["planned"], row["done"], percent(row["done"], row["planned"])])
    totals = s["totals"]
    table.total = [_("Tổng cộng"), totals["planned"], totals["done"], percent(totals["done"], totals["planned"])]
    return table


def _findings(f: dict[str, Any]) -> Table:
    findings = f["supervision"]["findings"]
    table = Table(
        "findings",
        _("Biểu 5. Kết quả kiểm tra, giám sát: nội dung đã chỉ ra"),
        _("Kết quả KTGS"),
        [_("Nội dung"), _("Số lượng")],
        [
            [_("Ưu điểm"), findings["strength"]],
            [_("Hạn chế, khuyết điểm"), findings["shortcoming"]],
            [_("Vi phạm"), findings["violation"]],
        ],
    )
    table.total = [_("Tổng cộng"), sum(findings.values())]
    return table


def _ratings(f: dict[str, Any]) -> Table | None:
    ratings = f["ratings"]
    if not ratings["available"]:
        return None
    table = Table(
        "ratings",
        _("Biểu 6. Đánh giá, xếp loại chất lượng năm %(year)d") % {"year": f["year"]},
        _("Xếp loại"),
        [_("Mức xếp loại"), _("Đảng viên"), _("Tổ chức đảng")],
    )
    for level, label in ratings["levels"]:
        table.rows.append([label, ratings["members"].get(level, 0), ratings["collectives"].get(level, 0)])
    table.total = [_("Tổng cộng"), ratings["members_total"], ratings["collectives_total"]]
    return table


def report_tables(figures: dict[str, Any]) -> list[Table]:
    """Every table, in the order of the document; headers in Vietnamese in any interface language."""
    with translation.override("vi"):
        built = [
            _tasks(figures),
            _reporting(figures),
            _meetings(figures),
            _supervision(figures),
            _findings(figures),
            _ratings(figures),
        ]
    return [t for t in built if t is not None]
