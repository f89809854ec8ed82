"""The member's cell beside its id in a small index: the search asks whether each matched member is visible
(the cell's path within the user's scope), and this answers it without reading the wide member rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("organization", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="member",
            index=models.Index(fields=["id", "cell"], name="member_id_cell_idx"),
        ),
    ]
