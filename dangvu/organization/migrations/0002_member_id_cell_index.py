"""The member's cell beside its id in a small index: the search asks whether each matched member is visible
(the cell's path within the user's scope), and this answers it without reading the wide member rows. SQLite's
planner uses it once it knows that an id gives one entry: search.0004 writes that statistic."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("organization", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="member",
            index=models.Index(fields=["id", "cell"], name="member_id_cell_idx"),
        ),
    ]
