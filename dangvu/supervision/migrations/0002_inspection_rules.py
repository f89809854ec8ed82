"""Rule data for inspection and supervision: QĐ 30-QĐ/TW (2016), QĐ 22-QĐ/TW (2021), QĐ 296-QĐ/TW (2025)."""

import datetime

from django.db import migrations

FULL = ["planned", "decided", "self_report", "verification", "draft_report", "meeting_approved", "concluded",
        "follow_up", "closed"]
SHORT = ["planned", "decided", "self_report", "draft_report", "meeting_approved", "concluded", "follow_up", "closed"]
SELF = ["planned", "self_report", "meeting_approved", "concluded", "follow_up", "closed"]
SUPERVISION = ["planned", "decided", "draft_report", "concluded", "follow_up", "closed"]


def _params(every: int) -> dict:
    return {
        "self_inspection_every_months": every,
        "confidential_types": ["violation"],
        "steps": {
            "compliance": SHORT,
            "thematic": SHORT,
            "finance": SHORT,
            "violation": FULL,
            "self": SELF,
            "supervision_regular": SUPERVISION,
            "supervision_thematic": SUPERVISION,
        },
        "conclusion_doc_type": "TB",
    }


VERSIONS = [
    ("30-QĐ/TW", datetime.date(2016, 7, 26), "Quy định thi hành Chương VII, Chương VIII Điều lệ Đảng về công tác "
     "kiểm tra, giám sát và kỷ luật của Đảng", 6),
    ("22-QĐ/TW", datetime.date(2021, 7, 28), "Quy định về công tác kiểm tra, giám sát và kỷ luật của Đảng", 6),
    ("296-QĐ/TW", datetime.date(2025, 5, 30), "Quy định về công tác kiểm tra, giám sát và kỷ luật của Đảng", 6),
]


def forward(apps, schema_editor):
    Regulation = apps.get_model("core", "Regulation")
    RuleSet = apps.get_model("core", "RuleSet")
    for code, issued, title, every in VERSIONS:
        regulation, _ = Regulation.objects.get_or_create(
            code=code, issued_on=issued, defaults={"title": title, "issuer": "Ban Chấp hành Trung ương"}
        )
        RuleSet.objects.get_or_create(
            kind="inspection", effective_from=issued, defaults={"regulation": regulation, "params": _params(every)}
        )


def backward(apps, schema_editor):
    RuleSet = apps.get_model("core", "RuleSet")
    RuleSet.objects.filter(kind="inspection", effective_from__in=[v[1] for v in VERSIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_rules"),
        ("supervision", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
