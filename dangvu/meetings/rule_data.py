"""The meeting rules (core.RuleSet kind "meeting") of HD 12-HD/BTCTW (06/7/2018) and HD 42-HD/BTCTW (28/10/2025).

`install` writes them as versioned rule data (idempotent); the office may add later versions in the admin.
Until rows exist, `BUILTIN` answers for the same dates so a meeting is always judged by the rule of its time.
"""

from __future__ import annotations

import datetime
from typing import Any

AGENDA_2018 = [
    "Tuyên bố lý do, giới thiệu đại biểu",
    "Cử thư ký, điểm danh đảng viên",
    "Thông qua chương trình",
    "Thông tin thời sự, phổ biến văn bản của cấp trên",
    "Báo cáo kết quả tháng, phương hướng nhiệm vụ tháng tới",
    "Thảo luận",
    "Kết luận, phân công nhiệm vụ cho đảng viên",
    "Biểu quyết thông qua kết luận hoặc nghị quyết",
    "Thông qua biên bản",
]
AGENDA_2025 = [
    *AGENDA_2018[:7],
    "Biểu quyết thông qua kết luận hoặc nghị quyết (cả trên Sổ tay đảng viên điện tử)",
    "Chấm điểm buổi sinh hoạt",
    "Thông qua biên bản",
]

COMMON: dict[str, Any] = {
    "regular_per_month": 1,
    "thematic_per_quarter": 1,
    "quorum_share": 0.5,
    "min_minutes": 90,
    "combined_min_minutes": 120,
    "prepare_days_before": 3,
    "attendance_target": 0.85,
    "max_consecutive_excused": 3,
}

VERSIONS: list[dict[str, Any]] = [
    {
        "code": "12-HD/BTCTW",
        "issued_on": datetime.date(2018, 7, 6),
        "title": "Một số vấn đề về nâng cao chất lượng sinh hoạt chi bộ",
        "params": {**COMMON, "docs_lead_days": 0, "agenda": AGENDA_2018},
    },
    {
        "code": "42-HD/BTCTW",
        "issued_on": datetime.date(2025, 10, 28),
        "title": "Tiếp tục đổi mới và nâng cao chất lượng sinh hoạt chi bộ trong giai đoạn mới",
        "params": {**COMMON, "docs_lead_days": 1, "agenda": AGENDA_2025},
    },
]
ISSUER = "Ban Tổ chức Trung ương"


def builtin_params(on: datetime.date) -> tuple[str, dict[str, Any]]:
    """(regulation code, params) of the built-in version in force on `on` (the oldest one before 2018)."""
    current = VERSIONS[0]
    for version in VERSIONS:
        if version["issued_on"] <= on:
            current = version
    return current["code"], current["params"]


def install(regulation_model: Any, ruleset_model: Any) -> int:
    """Create the missing Regulation and RuleSet rows (for the data migration and the demo); returns how many."""
    added = 0
    for version in VERSIONS:
        regulation, created = regulation_model.objects.get_or_create(
            code=version["code"],
            issued_on=version["issued_on"],
            defaults={"title": version["title"], "issuer": ISSUER},
        )
        _rule, rule_created = ruleset_model.objects.get_or_create(
            kind="meeting",
            effective_from=version["issued_on"],
            defaults={"regulation": regulation, "params": version["params"]},
        )
        added += int(created) + int(rule_created)
    return added
