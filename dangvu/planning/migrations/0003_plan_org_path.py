"""Each plan keeps its organization's path (paths never change), as each key task does, so that an index serves
the lists' order (newest year first, then the tree) without sorting a province's plans through the join."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_org_paths(apps, schema_editor):
    """Every existing plan takes its organization's path (one UPDATE)."""
    AnnualPlan = apps.get_model("planning", "AnnualPlan")
    PartyOrg = apps.get_model("organization", "PartyOrg")
    AnnualPlan.objects.update(org_path=Subquery(PartyOrg.objects.filter(pk=OuterRef("owner_id")).values("path")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0003_partyorg_name_folded"),
        ("planning", "0002_task_org_path"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="annualplan",
            options={
                "ordering": ["-year", "org_path"],
                "verbose_name": "kế hoạch công tác năm",
                "verbose_name_plural": "kế hoạch công tác năm",
            },
        ),
        migrations.AddField(
            model_name="annualplan",
            name="org_path",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.RunPython(copy_org_paths, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="annualplan",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True)),
                fields=["-year", "org_path", "owner"],
                name="plan_list_idx",
            ),
        ),
    ]
