"""Rule data for the yearly rating: QĐ 132-QĐ/TW (2018), QĐ 124-QĐ/TW (2023), QĐ 366-QĐ/TW (2025)."""

from django.db import migrations

from dangvu.rating import rule_data


def forward(apps, schema_editor):
    rule_data.install(apps.get_model("core", "Regulation"), apps.get_model("core", "RuleSet"))


def backward(apps, schema_editor):
    RuleSet = apps.get_model("core", "RuleSet")
    RuleSet.objects.filter(kind="rating", effective_from__in=[v["issued_on"] for v in rule_data.VERSIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_rules"),
        ("rating", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
