"""The generated text of the report's four sections, written from the figures (figures.year_figures).

Written in Vietnamese whatever the reader's language (it is the text of a Party document, see
reporting.compile_docx): every string is wrapped for translation and produced under translation.override("vi").
Section III is only a draft for a person to finish, and says so.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from dangvu.annual.figures import ROMAN_QUARTERS
from dangvu.annual.models import SECTION_KEYS

MAX_NAMES = 10


def percent(part: int, whole: int) -> str:
    """ "87,5%" with a decimal comma; "—" when there is nothing to divide."""
    if not whole:
        return "—"
    value = f"{part * 100 / whole:.1f}".replace(".", ",")
    return f"{value.removesuffix(',0')}%"


def names_list(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_NAMES])
    if len(items) > MAX_NAMES:
        shown += " " + _("và %(n)d đơn vị khác") % {"n": len(items) - MAX_NAMES}
    return shown


def results(f: dict[str, Any]) -> str:
    year, org = f["year"], f["org"]
    t, r, m, s = f["tasks"]["totals"], f["reporting"]["totals"], f["meetings"]["totals"], f["supervision"]
    lines = [_("1. Lãnh đạo thực hiện các nhiệm vụ trọng tâm")]
    lines.append(
        _(
            "Năm %(year)d, %(org)s và các tổ chức đảng trực thuộc triển khai %(total)d nhiệm vụ trọng tâm; đã hoàn "
            "thành %(done)d (%(rate)s), đang thực hiện %(doing)d, chưa bắt đầu %(todo)d, tạm dừng %(paused)d, "
            "quá hạn %(overdue)d."
        )
        % {
            "year": year,
            "org": org,
            "total": t["total"],
            "done": t["done"],
            "rate": percent(t["done"], t["total"]),
            "doing": t["in_progress"],
            "todo": t["not_started"],
            "paused": t["paused"],
            "overdue": t["overdue"],
        }
    )
    lines.append(_("2. Thực hiện chế độ thông tin, báo cáo"))
    lines.append(
        _(
            "Các tổ chức đảng trực thuộc có %(due)d báo cáo định kỳ đến hạn; gửi đúng hạn %(on_time)d (%(rate)s), "
            "gửi muộn %(late)d, chưa gửi %(missing)d."
        )
        % {**r, "rate": percent(r["on_time"], r["due"])}
    )
    lines.append(_("3. Công tác xây dựng tổ chức đảng, sinh hoạt chi bộ"))
    members = f["members"]
    lines.append(
        _(
            "Đảng bộ có %(total)d đảng viên (chính thức %(full)d, dự bị %(probationary)d) sinh hoạt tại "
            "%(cells)d chi bộ."
        )
        % {**members, "cells": m["cells"]}
    )
    lines.append(
        _(
            "Các chi bộ đã tổ chức %(held)d buổi sinh hoạt, trong đó %(regular)d buổi sinh hoạt thường kỳ và "
            "%(thematic)d buổi có sinh hoạt chuyên đề; %(on_time)d/%(planned)d buổi được chi ủy chuẩn bị đúng hạn "
            "(%(prep_rate)s); tỷ lệ đảng viên dự sinh hoạt đạt %(att_rate)s."
        )
        % {
            "held": m["held"],
            "regular": m["regular_held"],
            "thematic": m["thematic_held"],
            "on_time": m["prepared_on_time"],
            "planned": m["planned"],
            "prep_rate": percent(m["prepared_on_time"], m["planned"]),
            "att_rate": percent(m["present"], m["must"]),
        }
    )
    lines.append(_("4. Công tác kiểm tra, giám sát"))
    kinds = "; ".join(f"{k['kind'].lower()} {k['done']}/{k['planned']}" for k in s["by_kind"])
    findings = s["findings"]
    lines.append(
        _(
            "Cấp ủy, ủy ban kiểm tra và các chi bộ đã hoàn thành %(done)d/%(planned)d cuộc kiểm tra, giám sát theo "
            "chương trình (%(kinds)s); qua kiểm tra, giám sát đã chỉ ra %(strength)d ưu điểm, %(shortcoming)d hạn "
            "chế, khuyết điểm và %(violation)d vi phạm."
        )
        % {**s["totals"], "kinds": kinds or "—", **findings}
    )
    lines.append(_("5. Đánh giá, xếp loại chất lượng"))
    lines.append(ratings_sentence(f))
    return "\n".join(lines)


def ratings_sentence(f: dict[str, Any]) -> str:
    ratings = f["ratings"]
    if not ratings["available"]:
        if ratings.get("reason") == "module":
            return _(
                "Chưa có số liệu đánh giá, xếp loại: chức năng đánh giá, xếp loại chất lượng chưa được triển khai."
            )
        return _("Chưa có kết quả đánh giá, xếp loại chất lượng năm %(year)d.") % {"year": f["year"]}
    levels = ratings["levels"]
    members = "; ".join(f"{label}: {ratings['members'].get(level, 0)}" for level, label in levels)
    collectives = "; ".join(f"{label}: {ratings['collectives'].get(level, 0)}" for level, label in levels)
    return _(
        "Đã đánh giá, xếp loại %(m_total)d đảng viên (%(members)s) và %(c_total)d tổ chức đảng (%(collectives)s)."
    ) % {
        "m_total": ratings["members_total"],
        "members": members,
        "c_total": ratings["collectives_total"],
        "collectives": collectives,
    }


def shortcomings(f: dict[str, Any]) -> str:
    """One sentence per weakness the figures show; the causes are left for a person to write."""
    lines: list[str] = []
    late = f["reporting"]["late_orgs"]
    if late:
        lines.append(
            _("Chế độ thông tin, báo cáo của một số đơn vị còn chậm: %(names)s.")
            % {
                "names": names_list(
                    [
                        _("%(org)s (%(late)d báo cáo gửi muộn, %(missing)d chưa gửi)") % row
                        if row["missing"]
                        else _("%(org)s (%(late)d báo cáo gửi muộn)") % row
                        for row in late
                    ]
                )
            }
        )
    s = f["supervision"]
    if s["cells_without_self"]:
        lines.append(
            _(
                "Công tác tự kiểm tra, giám sát tại chi bộ chưa được quan tâm thường xuyên: %(n)d chi bộ không có "
                "cuộc tự kiểm tra nào kết luận trong %(months)d tháng gần nhất (%(rule)s): %(names)s."
            )
            % {
                "n": len(s["cells_without_self"]),
                "months": s["self_months"],
                "rule": s["self_regulation"] or _("quy định hiện hành"),
                "names": names_list(s["cells_without_self"]),
            }
        )
    m = f["meetings"]
    if m["missed_cells"]:
        items = [
            _("%(org)s (tháng %(months)s)") % {"org": c["org"], "months": ", ".join(str(x) for x in c["months"])}
            for c in m["missed_cells"]
        ]
        lines.append(
            _("Một số chi bộ chưa duy trì sinh hoạt thường kỳ hằng tháng: %(names)s.") % {"names": names_list(items)}
        )
    if m["thematic_cells"]:
        items = [
            _("%(org)s (quý %(quarters)s)")
            % {"org": c["org"], "quarters": ", ".join(ROMAN_QUARTERS[q] for q in c["quarters"])}
            for c in m["thematic_cells"]
        ]
        lines.append(
            _("Một số chi bộ chưa tổ chức sinh hoạt chuyên đề theo quy định: %(names)s.") % {"names": names_list(items)}
        )
    if m["unprepared_cells"]:
        total = sum(c["count"] for c in m["unprepared_cells"])
        items = [f"{c['org']} ({c['count']})" for c in m["unprepared_cells"]]
        lines.append(
            _(
                "Nội dung sinh hoạt của một số chi bộ chưa được chi ủy chuẩn bị kỹ, đúng hạn: %(n)d buổi sinh hoạt "
                "chuẩn bị muộn, ở %(names)s."
            )
            % {"n": total, "names": names_list(items)}
        )
    overdue_units = [row for row in f["tasks"]["rows"] if row["overdue"]]
    if overdue_units:
        items = [f"{row['unit']} ({row['overdue']})" for row in overdue_units]
        lines.append(
            _("Còn %(n)d nhiệm vụ trọng tâm quá hạn chưa hoàn thành: %(names)s.")
            % {"n": f["tasks"]["totals"]["overdue"], "names": names_list(items)}
        )
    ratings = f["ratings"]
    if ratings["available"] and ratings["levels"]:
        lowest, label = ratings["levels"][-1]
        weak_members = ratings["members"].get(lowest, 0)
        weak_orgs = ratings["collectives"].get(lowest, 0)
        if weak_members or weak_orgs:
            lines.append(
                _("Còn %(m)d đảng viên và %(c)d tổ chức đảng xếp loại «%(label)s».")
                % {"m": weak_members, "c": weak_orgs, "label": label}
            )
    if not lines:
        lines.append(_("Số liệu năm không cho thấy hạn chế nào; đề nghị bổ sung nếu có."))
    lines.append(
        _(
            "Nguyên nhân (khách quan, chủ quan): [Dự thảo — đề nghị Văn phòng Đảng ủy bổ sung nguyên nhân của "
            "từng hạn chế.]"
        )
    )
    return "\n".join(f"- {line}" if i < len(lines) - 1 else line for i, line in enumerate(lines))


def lessons(f: dict[str, Any]) -> str:
    """A few lessons suggested by the figures, clearly marked as a draft for the committee to rewrite."""
    lines = [_("[Dự thảo tự động — đề nghị Ban Thường vụ xem xét, viết lại phần này.]")]
    if f["reporting"]["late_orgs"]:
        lines.append(_("- Theo dõi, đôn đốc chế độ báo cáo ngay từ khi đến hạn; nhắc sớm các đơn vị thường chậm."))
    if f["supervision"]["cells_without_self"]:
        lines.append(_("- Đưa tự kiểm tra, giám sát của chi bộ vào chương trình ngay từ đầu năm và theo dõi hằng quý."))
    if f["meetings"]["unprepared_cells"] or f["meetings"]["missed_cells"]:
        lines.append(_("- Chi ủy chuẩn bị nội dung sinh hoạt trước hạn, gắn với nhiệm vụ chính trị của đơn vị."))
    if f["tasks"]["totals"]["overdue"]:
        lines.append(
            _("- Giao nhiệm vụ có người phụ trách, thời hạn và chỉ tiêu rõ ràng; cập nhật tiến độ hằng tháng.")
        )
    return "\n".join(lines)


def directions(f: dict[str, Any]) -> str:
    nxt = f["next_year"]
    year = f["year"] + 1
    if nxt["plan"] is None:
        return _(
            "Chưa có kế hoạch công tác năm %(year)d của Đảng ủy: đề nghị xây dựng kế hoạch và nhiệm vụ trọng tâm năm "
            "%(year)d, rồi cập nhật số liệu để đưa vào phần này."
        ) % {"year": year}
    lines = [
        _("Căn cứ %(plan)s, năm %(year)d Đảng ủy tập trung lãnh đạo thực hiện các nhiệm vụ trọng tâm sau:")
        % {"plan": nxt["plan"]["title"], "year": year}
    ]
    for task in nxt["tasks"]:
        if task["target"]:
            lines.append(_("- %(title)s (hạn %(due)s; chỉ tiêu: %(target)s).") % task)
        else:
            lines.append(_("- %(title)s (hạn %(due)s).") % task)
    if not nxt["tasks"]:
        lines.append(_("- (Kế hoạch chưa có nhiệm vụ trọng tâm.)"))
    return "\n".join(lines)


GENERATORS = {"results": results, "shortcomings": shortcomings, "lessons": lessons, "directions": directions}


def draft_sections(figures: dict[str, Any]) -> dict[str, str]:
    """The generated text of every section."""
    with translation.override("vi"):
        return {key: GENERATORS[key](figures) for key in SECTION_KEYS}
