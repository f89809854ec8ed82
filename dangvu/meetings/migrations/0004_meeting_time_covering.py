"""The meetings' time index also holds whether a meeting is archived and its cell: the lists' count of a year
(which cells in scope, not archived) is then read from the index alone, not 120,000 row reads."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_meeting_time_idx")]

    operations = [
        migrations.RemoveIndex(model_name="meeting", name="meeting_time_idx"),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["planned_at", "id", "archived_at", "org"], name="meeting_time_idx"),
        ),
    ]
