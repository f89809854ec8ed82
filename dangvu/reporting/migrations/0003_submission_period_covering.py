"""The reports' period index also holds the columns the compliance trend counts (archived, organization, due
date, sent date): a province's year of reports is then counted from the index alone, not 170,000 row reads."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reporting", "0002_submission_submission_period_idx")]

    operations = [
        migrations.RemoveIndex(model_name="submission", name="submission_period_idx"),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(
                fields=["period_start", "archived_at", "org", "due_date", "submitted_on"],
                name="submission_period_idx",
            ),
        ),
    ]
