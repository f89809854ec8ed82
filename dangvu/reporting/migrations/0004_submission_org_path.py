"""Each report keeps its organization's path (paths never change), as each key task does, so that an index serves
the lists' order (newest period first, then the tree) without sorting a whole period through the join."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_org_paths(apps, schema_editor):
    """Every existing report takes its organization's path (one UPDATE)."""
    Submission = apps.get_model("reporting", "Submission")
    PartyOrg = apps.get_model("organization", "PartyOrg")
    Submission.objects.update(org_path=Subquery(PartyOrg.objects.filter(pk=OuterRef("org_id")).values("path")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0003_partyorg_name_folded"),
        ("reporting", "0003_submission_period_covering"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="submission",
            options={
                "ordering": ["-period_start", "org_path"],
                "verbose_name": "báo cáo",
                "verbose_name_plural": "báo cáo",
            },
        ),
        migrations.AddField(
            model_name="submission",
            name="org_path",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.RunPython(copy_org_paths, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True)),
                fields=["-period_start", "org_path", "org"],
                name="submission_list_idx",
            ),
        ),
    ]
