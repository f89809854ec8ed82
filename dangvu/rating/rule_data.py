"""The rating rules (core.RuleSet kind "rating"): QĐ 132-QĐ/TW (2018), QĐ 124-QĐ/TW (2023), QĐ 366-QĐ/TW (2025).

`install` writes them as versioned rule data (idempotent) from the data migration; the office may add later versions
in the admin. A cycle follows the version in force on 31/12 of its year (DOMAIN §5.1).

Params:
- levels: the four levels, best first;
- top_quota_pct / quota_base: the number rated `top_level` may not exceed top_quota_pct % of the number rated in
  `quota_base` (HD 21-HD/BTCTW 2019: HTXSNV ≤ 20 % of HTTNV, within each grassroots organization). QĐ 124 and 366
  keep the 20 % here: DOMAIN marks it unverified, so it is data, not code;
- disciplined_max_level: a member disciplined in the year is rated no higher than this;
- score_bands: for the 100-point scale of QĐ 366 the lowest score of each level (≥ 90, 70–< 90, 50–< 70, < 50).
"""

from __future__ import annotations

import datetime
from typing import Any

LEVELS = ["htxsnv", "httnv", "htnv", "khtnv"]
COMMON: dict[str, Any] = {
    "levels": LEVELS,
    "top_level": "htxsnv",
    "top_quota_pct": 20,
    "quota_base": ["httnv"],
    "disciplined_max_level": "khtnv",
    "score_bands": None,
}

VERSIONS: list[dict[str, Any]] = [
    {
        "code": "132-QĐ/TW",
        "issued_on": datetime.date(2018, 3, 8),
        "title": "Quy định về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân "
        "trong hệ thống chính trị",
        "name": "Quy định 132-QĐ/TW",
        "params": {**COMMON},
        "note": "Hướng dẫn 16-HD/BTCTW (24/9/2018), 21-HD/BTCTW (18/10/2019).",
    },
    {
        "code": "124-QĐ/TW",
        "issued_on": datetime.date(2023, 10, 4),
        "title": "Quy định về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân "
        "trong hệ thống chính trị",
        "name": "Quy định 124-QĐ/TW",
        "params": {**COMMON},
        "note": "Hướng dẫn 25-HD/BTCTW (10/11/2023). Tỷ lệ 20% chưa được xác minh: có thể sửa.",
    },
    {
        "code": "366-QĐ/TW",
        "issued_on": datetime.date(2025, 8, 30),
        "title": "Quy định về kiểm điểm và đánh giá, xếp loại chất lượng đối với tập thể, cá nhân "
        "trong hệ thống chính trị",
        "name": "Quy định 366-QĐ/TW",
        "params": {**COMMON, "score_bands": {"htxsnv": 90, "httnv": 70, "htnv": 50, "khtnv": 0}},
        "note": "Hướng dẫn 43-HD/BTCTW (31/10/2025); thang điểm 100. Tỷ lệ 20% chưa được xác minh: có thể sửa.",
    },
]
ISSUER = "Bộ Chính trị"


def install(regulation_model: Any, ruleset_model: Any) -> int:
    """Create the missing Regulation and RuleSet rows (for the data migration and tests); returns how many."""
    added = 0
    for version in VERSIONS:
        regulation, created = regulation_model.objects.get_or_create(
            code=version["code"],
            issued_on=version["issued_on"],
            defaults={"title": version["title"], "issuer": ISSUER},
        )
        _rule, rule_created = ruleset_model.objects.get_or_create(
            kind="rating",
            effective_from=version["issued_on"],
            defaults={
                "regulation": regulation,
                "params": {**version["params"], "name": version["name"]},
                "note": version["note"],
            },
        )
        added += int(created) + int(rule_created)
    return added
