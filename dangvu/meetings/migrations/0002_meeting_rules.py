"""Rule data for cell meetings: HD 12-HD/BTCTW (06/7/2018) and HD 42-HD/BTCTW (28/10/2025)."""

from django.db import migrations

from dangvu.meetings import rule_data


def forward(apps, schema_editor):
    rule_data.install(apps.get_model("core", "Regulation"), apps.get_model("core", "RuleSet"))


def backward(apps, schema_editor):
    RuleSet = apps.get_model("core", "RuleSet")
    RuleSet.objects.filter(kind="meeting", effective_from__in=[v["issued_on"] for v in rule_data.VERSIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_rules"),
        ("meetings", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
